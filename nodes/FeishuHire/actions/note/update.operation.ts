import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { prepareItems, runItems } from '../../helpers/items';
import { opaqueIdParameter } from '../../helpers/parameters';
import type { FeishuClient } from '../../../shared/transport/client';
import { contentField, contentParameter, noteIdField } from './fields';
import { noteOutput, type Note } from './notes';

const CONCURRENCY = 5;

export const description: INodeProperties[] = forOperation('note', 'update', [
	noteIdField,
	{ ...contentField, description: 'The new text of the note (its privacy cannot change)' },
]);

/** Reads the note first: the same content already is changed: false, with no write. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems(this, items, (itemIndex) => ({
		noteId: opaqueIdParameter(this, 'noteId', 'Note ID', itemIndex),
		content: contentParameter(this, itemIndex),
	}));
	return await runItems(
		this,
		prepared,
		async ({ noteId, content }, itemIndex) => {
			const current = await client.request<{ note?: Note }>({
				endpoint: 'getNote',
				id: noteId,
				itemIndex,
			});
			if (current?.note?.content === content)
				return { ...noteOutput(current.note), changed: false };
			const data = await client.request<{ note?: Note }>({
				endpoint: 'updateNote',
				id: noteId,
				body: { content },
				itemIndex,
			});
			return { ...noteOutput(data?.note ?? { id: noteId, content }), changed: true };
		},
		CONCURRENCY,
	);
}
