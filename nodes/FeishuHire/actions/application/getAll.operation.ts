import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	filtersCollection,
	forOperation,
	optionsCollection,
	returnAllFields,
	updatedWindow,
} from '../../helpers/display';
import { prepareItems, runItems } from '../../helpers/items';
import { collectPages, type Page } from '../../helpers/paging';
import {
	booleanParameter,
	invalid,
	resultLimit,
	updatedWindowQuery,
} from '../../helpers/parameters';
import { drain } from '../../helpers/queue';
import { checkFeishuId, checkOpaqueId } from '../../../shared/ids';
import { readApplication } from '../../../shared/hire/applications';
import type { FeishuClient } from '../../../shared/transport/client';

/** The list's documented maximum page size: it returns IDs only. */
const MAX_PAGE_SIZE = 200;
/** Applications read at once after the list: enough for the endpoint's 50 a second. */
const READ_CONCURRENCY = 10;
const STATUSES: Record<string, string> = { active: '1', terminated: '2', all: '3' };

export const description: INodeProperties[] = forOperation('application', 'getAll', [
	...returnAllFields(
		'Lists 200 application IDs per request, then reads each application (50 a second): 1,000 applications take about 20 seconds',
	),
	filtersCollection([
		{
			displayName: 'Job ID',
			name: 'jobId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 6930822004891633924',
			description:
				'Only applications to this job (its ID, usually a 19-digit number written as text)',
		},
		{
			displayName: 'Stage ID',
			name: 'stageId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 6949805467799537001',
			description:
				'Only applications in this stage (a 19-digit stage ID of the job’s recruitment process)',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Active', value: 'active' },
				{ name: 'All', value: 'all' },
				{ name: 'Terminated', value: 'terminated' },
			],
			default: 'all',
			description: 'Only active or only terminated applications',
		},
		{
			displayName: 'Talent ID',
			name: 'talentId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 7012345678901234567',
			description: "Only this talent's applications (its 19-digit ID, written as text)",
		},
		...updatedWindow('applications'),
	]),
	optionsCollection([
		{
			displayName: 'IDs Only',
			name: 'idsOnly',
			type: 'boolean',
			default: false,
			description:
				'Whether to output only { application_id } per application, without reading each (one request per 200 instead of one per application)',
		},
	]),
]);

interface Input {
	limit?: number;
	query: IDataObject;
	idsOnly: boolean;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems<Input>(this, items, (itemIndex) => {
		const id = (name: string, label: string, check: typeof checkFeishuId) => {
			const value = this.getNodeParameter(`filters.${name}`, itemIndex, '') as unknown;
			if (value === '' || value === undefined) return undefined;
			const checked = check(value);
			if ('problem' in checked) throw invalid(this, itemIndex, label, checked.problem);
			return checked.id;
		};
		const status = this.getNodeParameter('filters.status', itemIndex, 'all') as unknown;
		if (typeof status !== 'string' || !Object.hasOwn(STATUSES, status))
			throw invalid(
				this,
				itemIndex,
				'Status',
				`must be active, terminated or all, not ${JSON.stringify(status)}`,
			);
		return {
			limit: resultLimit(this, itemIndex),
			query: {
				talent_id: id('talentId', 'Talent ID', checkFeishuId),
				job_id: id('jobId', 'Job ID', checkOpaqueId),
				stage_id: id('stageId', 'Stage ID', checkFeishuId),
				active_status: STATUSES[status],
				...updatedWindowQuery(this, itemIndex),
			},
			idsOnly: booleanParameter(this, 'options.idsOnly', 'IDs Only', itemIndex),
		};
	});
	return await runItems(this, prepared, async ({ limit, query, idsOnly }, itemIndex) => {
		const ids = await collectPages<IDataObject>(
			async (pageSize, pageToken) => {
				const page = await client.request<Page<string>>({
					endpoint: 'listApplications',
					qs: { ...query, page_size: pageSize, page_token: pageToken },
					itemIndex,
				});
				return { ...page, items: (page?.items ?? []).map((id) => ({ application_id: id })) };
			},
			{ maxPageSize: MAX_PAGE_SIZE, limit },
		);
		if (idsOnly) return ids;
		const applications: IDataObject[] = new Array(ids.length);
		await drain(
			ids.map((entry, index) => ({ id: entry.application_id as string, index })),
			READ_CONCURRENCY,
			async ({ id, index }) => {
				applications[index] = await readApplication(client, id, itemIndex);
			},
		);
		return applications;
	});
}
