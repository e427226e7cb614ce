import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { filtersCollection, forOperation, returnAllFields } from '../../helpers/display';
import { prepareItems, runItems } from '../../helpers/items';
import { invalid, resultLimit } from '../../helpers/parameters';
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
		{
			displayName: 'Updated After',
			name: 'updatedAfter',
			type: 'dateTime',
			default: '',
			description: 'Only talents changed at or after this time',
		},
		{
			displayName: 'Updated Before',
			name: 'updatedBefore',
			type: 'dateTime',
			default: '',
			description: 'Only talents changed at or before this time',
		},
	]),
]);

interface Input {
	limit?: number;
	query: IDataObject;
}

interface TalentPage {
	items?: Array<IDataObject & { id?: string }>;
	has_more?: boolean;
	page_token?: string;
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
		const after = timeFilter(this, 'filters.updatedAfter', 'Updated After', itemIndex);
		const before = timeFilter(this, 'filters.updatedBefore', 'Updated Before', itemIndex);
		if (after !== undefined && before !== undefined && after > before)
			throw invalid(this, itemIndex, 'Updated Before', 'is earlier than Updated After');
		return {
			limit: resultLimit(this, itemIndex),
			query: {
				keyword: keyword.trim() || undefined,
				update_start_time: after === undefined ? undefined : String(after),
				update_end_time: before === undefined ? undefined : String(before),
			},
		};
	});
	return await runItems(this, prepared, async ({ limit, query }, itemIndex) => {
		const talents: IDataObject[] = [];
		let pageToken: string | undefined;
		do {
			const wanted =
				limit === undefined ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, limit - talents.length);
			const page = await client.request<TalentPage>({
				endpoint: 'listTalents',
				qs: { ...query, page_size: wanted, page_token: pageToken },
				itemIndex,
			});
			// The list names the talent ID `id`; everywhere else it is talent_id.
			for (const { id, ...talent } of page?.items ?? []) talents.push({ talent_id: id, ...talent });
			const next = page?.has_more ? page.page_token : undefined;
			pageToken = next && next !== pageToken ? next : undefined;
		} while (pageToken && (limit === undefined || talents.length < limit));
		return limit === undefined ? talents : talents.slice(0, limit);
	});
}

/** A date-time filter as Feishu wants it (ms), or undefined when empty. */
function timeFilter(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): number | undefined {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	if (value === '' || value === undefined || value === null) return undefined;
	const ms =
		typeof value === 'number'
			? value
			: value instanceof Date
				? value.getTime()
				: typeof value === 'string'
					? Date.parse(value)
					: typeof (value as { toMillis?: unknown }).toMillis === 'function'
						? (value as { toMillis(): number }).toMillis()
						: NaN;
	if (!Number.isFinite(ms) || ms < 0)
		throw invalid(ctx, itemIndex, label, `${JSON.stringify(value)} is not a date and time`);
	return Math.floor(ms);
}
