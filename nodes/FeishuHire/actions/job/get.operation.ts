import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { prepareItems, runItems } from '../../helpers/items';
import { opaqueIdParameter } from '../../helpers/parameters';
import type { FeishuClient } from '../../../shared/transport/client';
import { jobLocator } from './jobs';

/** Jobs read at once; the client keeps them within the endpoint's 50 requests a second. */
const CONCURRENCY = 5;

export const description: INodeProperties[] = forOperation('job', 'get', [
	jobLocator('The job to read'),
]);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems(this, items, (itemIndex) =>
		opaqueIdParameter(this, 'jobId', 'Job', itemIndex),
	);
	return await runItems(
		this,
		prepared,
		async (jobId, itemIndex) => {
			const data = await client.request<{ job?: IDataObject }>({
				endpoint: 'getJob',
				id: jobId,
				itemIndex,
			});
			return data?.job ?? {};
		},
		CONCURRENCY,
	);
}
