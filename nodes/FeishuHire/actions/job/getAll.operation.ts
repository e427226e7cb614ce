import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	filtersCollection,
	forOperation,
	returnAllFields,
	updatedWindow,
} from '../../helpers/display';
import { prepareItems, runItems } from '../../helpers/items';
import { invalid, resultLimit, updatedWindowQuery } from '../../helpers/parameters';
import type { FeishuClient } from '../../../shared/transport/client';
import { JOB_STATUSES, listJobs, type JobStatus } from './jobs';

export const description: INodeProperties[] = forOperation('job', 'getAll', [
	...returnAllFields(
		'Reads 20 jobs per request (Feishu’s maximum); with a status filter every page is read, since Feishu cannot filter by status',
	),
	filtersCollection([
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'All', value: 'all' },
				{ name: 'Closed', value: 'closed' },
				{ name: 'Open', value: 'open' },
			],
			default: 'all',
			description:
				'Only open or only closed jobs. Feishu cannot filter by status, so the node reads every job and keeps these.',
		},
		...updatedWindow('jobs'),
	]),
]);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems(this, items, (itemIndex) => {
		const status = this.getNodeParameter('filters.status', itemIndex, 'all') as unknown;
		if (status !== 'all' && !(typeof status === 'string' && Object.hasOwn(JOB_STATUSES, status)))
			throw invalid(
				this,
				itemIndex,
				'Status',
				`must be all, open or closed, not ${JSON.stringify(status)}`,
			);
		return {
			limit: resultLimit(this, itemIndex),
			status: status as JobStatus,
			query: updatedWindowQuery(this, itemIndex),
		};
	});
	return await runItems(
		this,
		prepared,
		async (input, itemIndex) => await listJobs(client, input, itemIndex),
	);
}
