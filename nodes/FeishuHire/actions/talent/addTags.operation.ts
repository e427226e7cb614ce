import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { FeishuClient } from '../../../shared/transport/client';
import { changeTags, tagsDescription } from './tags';

export const description = tagsDescription('add');

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	return await changeTags.call(this, items, client, 'add');
}
