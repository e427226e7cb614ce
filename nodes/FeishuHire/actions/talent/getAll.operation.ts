import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	filtersCollection,
	forOperation,
	returnAllFields,
	updatedWindow,
} from '../../helpers/display';
import { prepareItems, runItems } from '../../helpers/items';
import { collectPages, type Page } from '../../helpers/paging';
import { invalid, resultLimit, updatedWindowQuery } from '../../helpers/parameters';
import type { FeishuClient } from '../../../shared/transport/client';

/** The list's documented maximum page size. */
const MAX_PAGE_SIZE = 20;

export const description: INodeProperties[] = forOperation('talent', 'getAll', [
	...returnAllFields(
		'Reads 20 talents per request, at most 20 requests a second: 10,000 talents take about 25 seconds',
	),
	filtersCollection([
		{
			displayName: 'Keyword',
			name: 'keyword',
			type: 'string',
			default: '',
			placeholder: 'e.g. 张三 and 产品经理',
			description:
				"Feishu's talent search: words combined with and, or, not. To find a talent by email or mobile number, use Find.",
		},
		...updatedWindow('talents'),
	]),
]);

interface Input {
	limit?: number;
	query: IDataObject;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems<Input>(this, items, (itemIndex) => {
		const keyword = this.getNodeParameter('filters.keyword', itemIndex, '') as unknown;
		if (typeof keyword !== 'string')
			throw invalid(this, itemIndex, 'Keyword', `must be text, not ${typeof keyword}`);
		return {
			limit: resultLimit(this, itemIndex),
			query: { keyword: keyword.trim() || undefined, ...updatedWindowQuery(this, itemIndex) },
		};
	});
	return await runItems(this, prepared, async ({ limit, query }, itemIndex) => {
		const talents = await collectPages<IDataObject & { id?: string }>(
			async (pageSize, pageToken) =>
				await client.request<Page<IDataObject & { id?: string }>>({
					endpoint: 'listTalents',
					qs: { ...query, page_size: pageSize, page_token: pageToken },
					itemIndex,
				}),
			{ maxPageSize: MAX_PAGE_SIZE, limit },
		);
		// The list names the talent ID `id`; everywhere else it is talent_id.
		return talents.map(({ id, ...talent }) => ({ talent_id: id, ...talent }));
	});
}
