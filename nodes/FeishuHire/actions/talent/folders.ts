import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { forOperation, optionsCollection } from '../../helpers/display';
import { asNodeError, forItem } from '../../helpers/item-errors';
import { prepareItems, runItems, throwEarliestFailure } from '../../helpers/items';
import { feishuIdParameter } from '../../helpers/parameters';
import { chunk } from '../../helpers/queue';
import {
	ALL_MATCHES_OPTION,
	TALENT_ID_HELP,
	talentIdField,
	talentKeyProperties,
} from '../../identify/fields';
import { readItemTalents, resolveTalents, type ItemTalents } from '../../identify/resolve';
import type { FeishuClient } from '../../../shared/transport/client';

/** add_to_folder and remove_to_folder take 1–200 talents a request. */
const MAX_PER_REQUEST = 200;

type Direction = 'add' | 'remove';

interface FolderChange extends ItemTalents {
	folderId: string;
}

/** Add to Folder's and Remove from Folder's parameters: the folder and the talents, as Add Talent names them. */
export function folderDescription(direction: Direction): INodeProperties[] {
	return forOperation('talent', direction === 'add' ? 'addToFolder' : 'removeFromFolder', [
		{
			displayName: 'Folder Name or ID',
			name: 'folderId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getTalentFolders' },
			required: true,
			default: '',
			description:
				'The talent folder (a 19-digit ID). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		...talentKeyProperties(
			['email', 'mobile'],
			talentIdField(
				`${TALENT_ID_HELP} Usually an expression that reads it from the incoming item.`,
			),
		),
		optionsCollection([ALL_MATCHES_OPTION]),
	]);
}

/**
 * Adds or removes the items' talents, 200 per request and folder, each talent once however
 * many items name it. Remove answers the talents it removed: the others are reported on
 * their items as `removed: false` (they were not in the folder).
 */
export async function changeFolder(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
	direction: Direction,
): Promise<INodeExecutionData[]> {
	const read = prepareItems<FolderChange>(this, items, (itemIndex) => ({
		folderId: feishuIdParameter(this, 'folderId', 'Folder', itemIndex),
		...readItemTalents(this, itemIndex),
	}));
	const prepared = await resolveTalents(this, client, read);
	const byFolder = new Map<string, Map<string, number>>();
	prepared.forEach((entry, itemIndex) => {
		if (!('input' in entry)) return;
		const talents = byFolder.get(entry.input.folderId) ?? new Map<string, number>();
		for (const id of entry.input.talentIds) if (!talents.has(id)) talents.set(id, itemIndex);
		byFolder.set(entry.input.folderId, talents);
	});

	const changed = new Map<string, boolean>();
	const failures = new Map<string, Error>();
	const key = (folderId: string, talentId: string) => `${folderId} ${talentId}`;
	for (const [folderId, talents] of byFolder) {
		for (const ids of chunk([...talents.keys()], MAX_PER_REQUEST)) {
			if (failures.size > 0 && !this.continueOnFail()) break;
			try {
				const data = await client.request<{ talent_id_list?: unknown }>({
					endpoint: direction === 'add' ? 'addToFolder' : 'removeFromFolder',
					body: { talent_id_list: ids, folder_id: folderId },
					itemIndex: talents.get(ids[0])!,
				});
				const answered = new Set(Array.isArray(data?.talent_id_list) ? data.talent_id_list : []);
				for (const id of ids) changed.set(key(folderId, id), answered.has(id));
			} catch (error) {
				for (const id of ids) failures.set(key(folderId, id), error as Error);
			}
		}
	}
	const failureOf = ({ folderId, talentIds }: FolderChange) =>
		talentIds.map((id) => failures.get(key(folderId, id))).find(Boolean);
	throwEarliestFailure(this, prepared, failureOf);
	return await runItems(this, prepared, async (input, itemIndex) => {
		const failure = failureOf(input);
		if (failure) throw forItem(this.getNode(), asNodeError(this.getNode(), failure), itemIndex);
		return input.talentIds.map((talentId): IDataObject => ({
			folder_id: input.folderId,
			talent_id: talentId,
			[direction === 'add' ? 'added' : 'removed']:
				changed.get(key(input.folderId, talentId)) ?? false,
		}));
	});
}
