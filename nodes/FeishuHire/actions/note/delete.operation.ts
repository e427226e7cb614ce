import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	NodeApiError,
} from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { asNodeError } from '../../helpers/item-errors';
import { prepareItems, runItems } from '../../helpers/items';
import { opaqueIdParameter } from '../../helpers/parameters';
import { FEISHU_CODES } from '../../../shared/transport/codes';
import type { FeishuClient } from '../../../shared/transport/client';
import {
	alreadySo,
	failIfUnchangedOption,
	failIfUnchangedParameter,
} from '../../helpers/unchanged';
import { noteIdField } from './fields';

const CONCURRENCY = 5;

export const description: INodeProperties[] = forOperation('note', 'delete', [
	noteIdField,
	failIfUnchangedOption('the note is deleted already'),
]);

/** Feishu answers a note that is gone with its generic 1002002; a read tells that apart from other refusals. */
async function isGone(client: FeishuClient, noteId: string, itemIndex: number): Promise<boolean> {
	try {
		await client.request({ endpoint: 'getNote', id: noteId, itemIndex });
		return false;
	} catch (error) {
		return (error as NodeApiError).errorResponse?.code === FEISHU_CODES.PARAMETER_ERROR;
	}
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems(this, items, (itemIndex) => ({
		noteId: opaqueIdParameter(this, 'noteId', 'Note ID', itemIndex),
		failIfUnchanged: failIfUnchangedParameter(this, itemIndex),
	}));
	return await runItems(
		this,
		prepared,
		async ({ noteId, failIfUnchanged }, itemIndex) => {
			try {
				await client.request({ endpoint: 'deleteNote', id: noteId, itemIndex });
				return { note_id: noteId, deleted: true };
			} catch (error) {
				const refusal = (error as NodeApiError).errorResponse?.code;
				if (refusal !== FEISHU_CODES.PARAMETER_ERROR || !(await isGone(client, noteId, itemIndex)))
					throw asNodeError(this.getNode(), error, itemIndex);
				if (failIfUnchanged)
					throw alreadySo(this.getNode(), 'The note is deleted already', itemIndex);
				return { note_id: noteId, deleted: false };
			}
		},
		CONCURRENCY,
	);
}
