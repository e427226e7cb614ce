import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forOperation, returnAllFields } from '../../helpers/display';
import { prepareItems, runItems } from '../../helpers/items';
import {
	feishuIdParameter,
	optionalFeishuIdParameter,
	resultLimit,
} from '../../helpers/parameters';
import { TALENT_ID_HELP, talentIdField } from '../../identify/fields';
import type { FeishuClient } from '../../../shared/transport/client';
import { applicationIdOfNote } from './fields';
import { listNotes, noteOutput } from './notes';

export const description: INodeProperties[] = forOperation('note', 'getAll', [
	talentIdField(`${TALENT_ID_HELP} Whose notes to list.`),
	applicationIdOfNote(
		"Only the notes tied to this application of the talent's (its 19-digit ID; Feishu cannot filter by application, the node does)",
	),
	...returnAllFields('Lists 200 notes per request, oldest first'),
]);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems(this, items, (itemIndex) => {
		return {
			talentId: feishuIdParameter(this, 'talentId', 'Talent ID', itemIndex),
			applicationId: optionalFeishuIdParameter(this, 'applicationId', 'Application ID', itemIndex),
			limit: resultLimit(this, itemIndex),
		};
	});
	return await runItems(this, prepared, async ({ talentId, applicationId, limit }, itemIndex) => {
		const notes = await listNotes(client, talentId, itemIndex, {
			limit,
			keep: applicationId ? (note) => note.application_id === applicationId : undefined,
		});
		return notes.map(noteOutput);
	});
}
