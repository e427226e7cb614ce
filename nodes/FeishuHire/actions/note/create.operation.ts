import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { prepareItems, runItems } from '../../helpers/items';
import { feishuIdParameter, invalid, optionalFeishuIdParameter } from '../../helpers/parameters';
import { oneAtATimePerKey } from '../../helpers/queue';
import { TALENT_ID_HELP, talentIdField } from '../../identify/fields';
import { NOTE_PRIVACY } from '../../../shared/transport/codes';
import type { FeishuClient } from '../../../shared/transport/client';
import {
	alreadySo,
	failIfUnchangedOption,
	failIfUnchangedParameter,
} from '../../helpers/unchanged';
import { applicationIdOfNote, contentField, contentParameter } from './fields';
import { listNotes, noteOutput, type Note } from './notes';

/** Notes in flight at once, within the endpoints' 20 a second. */
const CONCURRENCY = 5;

export const description: INodeProperties[] = forOperation('note', 'create', [
	talentIdField(`${TALENT_ID_HELP} The talent the note is on.`),
	applicationIdOfNote(
		"Ties the note to one of the talent's applications (its 19-digit ID); empty: the talent only",
	),
	contentField,
	{
		displayName: 'Privacy',
		name: 'privacy',
		type: 'options',
		options: [
			{ name: 'Public', value: 'public', description: 'Everyone who can see the talent sees it' },
			{ name: 'Private', value: 'private', description: 'Only its creator sees it' },
		],
		default: 'public',
		description: 'Who sees the note in Feishu Hire; it cannot be changed later',
	},
	failIfUnchangedOption('the talent has this note already: same content, application and privacy'),
]);

interface NewNote {
	talentId: string;
	applicationId?: string;
	content: string;
	isPrivate: boolean;
	failIfUnchanged: boolean;
}

/** The talent's note with this content, application and privacy, if any. */
async function findSame(client: FeishuClient, note: NewNote, itemIndex: number) {
	const [same] = await listNotes(client, note.talentId, itemIndex, {
		limit: 1,
		keep: (one: Note) =>
			one.content === note.content &&
			(one.application_id || undefined) === note.applicationId &&
			Boolean(one.is_private) === note.isPrivate,
	});
	return same as Note | undefined;
}

/**
 * Feishu's create is not idempotent, so a note is never sent twice: the talent's notes are
 * looked up first (the same note: created false), a create whose answer is lost is looked up
 * before it is sent again, and items for one talent run one after another.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems(this, items, (itemIndex): NewNote => {
		const privacy = this.getNodeParameter('privacy', itemIndex, 'public');
		if (privacy !== 'public' && privacy !== 'private')
			throw invalid(
				this,
				itemIndex,
				'Privacy',
				`must be public or private, not ${JSON.stringify(privacy)}`,
			);
		return {
			talentId: feishuIdParameter(this, 'talentId', 'Talent ID', itemIndex),
			applicationId: optionalFeishuIdParameter(this, 'applicationId', 'Application ID', itemIndex),
			content: contentParameter(this, itemIndex),
			isPrivate: privacy === 'private',
			failIfUnchanged: failIfUnchangedParameter(this, itemIndex),
		};
	});
	const perTalent = oneAtATimePerKey();
	return await runItems(
		this,
		prepared,
		async (note, itemIndex) =>
			await perTalent(note.talentId, async (): Promise<IDataObject> => {
				const same = await findSame(client, note, itemIndex);
				if (same) {
					if (note.failIfUnchanged)
						throw alreadySo(
							this.getNode(),
							`The talent has this note already: ${same.id}`,
							itemIndex,
						);
					return { ...noteOutput(same), created: false };
				}
				const body: IDataObject = {
					talent_id: note.talentId,
					content: note.content,
					privacy: note.isPrivate ? NOTE_PRIVACY.PRIVATE : NOTE_PRIVACY.PUBLIC,
				};
				if (note.applicationId) body.application_id = note.applicationId;
				const data = await client.request<{ note?: Note }>({
					endpoint: 'createNote',
					body,
					itemIndex,
					ifAnswerLost: async () => {
						const created = await findSame(client, note, itemIndex);
						return created ? { note: created } : undefined;
					},
				});
				if (typeof data?.note?.id !== 'string')
					throw new Error('Feishu answered the create without a note id (as text)');
				return { ...noteOutput(data.note), created: true };
			}),
		CONCURRENCY,
	);
}
