import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { asNodeError } from '../helpers/item-errors';
import { FeishuClient } from '../../shared/transport/client';
import { resources } from './resources';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const operations =
		resources.find((candidate) => candidate.resource.value === resource)?.operations ?? {};
	const run = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
	if (!run)
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" on "${resource}" is not supported`,
		);

	let client: FeishuClient;
	try {
		client = await FeishuClient.connect(this);
	} catch (error) {
		if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, 0);
		return items.map((_item, itemIndex) => ({
			json: { error: (error as Error).message },
			pairedItem: { item: itemIndex },
		}));
	}
	return await run.execute.call(this, items, client);
}
