import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { FeishuClient } from '../../../shared/transport/client';
import { changeFolder, folderDescription } from './folders';

export const description = folderDescription('add');

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	return await changeFolder.call(this, items, client, 'add');
}
