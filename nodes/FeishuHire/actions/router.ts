import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { asNodeError } from '../helpers/errors';
import { FeishuClient } from '../transport/client';
import { operations } from './talentPool';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	if (resource !== 'talentPool' || !(operation in operations)) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" on "${resource}" is not supported`);
	}

	let client: FeishuClient;
	try {
		client = await FeishuClient.connect(this);
	} catch (error) {
		if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, 0);
		return items.map((_item, itemIndex) => ({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } }));
	}
	return await operations[operation as keyof typeof operations].execute.call(this, items, client);
}
