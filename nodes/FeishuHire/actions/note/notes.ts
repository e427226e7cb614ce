import type { IDataObject } from 'n8n-workflow';

import { collectPages, type Page } from '../../helpers/paging';
import type { FeishuClient } from '../../../shared/transport/client';

/** The list's documented maximum page size. */
const MAX_PAGE_SIZE = 200;

/** A note as Feishu returns it: privacy a bool, times ms integers. */
export interface Note extends IDataObject {
	id?: string;
	talent_id?: string;
	application_id?: string;
	is_private?: boolean;
	create_time?: number;
	modify_time?: number;
	content?: string;
}

const iso = (ms: unknown) =>
	typeof ms === 'number' || (typeof ms === 'string' && /^\d+$/.test(ms))
		? new Date(Number(ms)).toISOString()
		: undefined;

/** The note as the node outputs it: Feishu's fields, plus privacy by name and the times as ISO text. */
export function noteOutput({ id, ...note }: Note): IDataObject {
	return {
		note_id: id,
		...note,
		privacy: note.is_private ? 'private' : 'public',
		created_at: iso(note.create_time),
		modified_at: iso(note.modify_time),
	};
}

/** A talent's notes, oldest first; `keep` filters what Feishu cannot (the application). */
export async function listNotes(
	client: FeishuClient,
	talentId: string,
	itemIndex: number,
	options: { limit?: number; keep?: (note: Note) => boolean } = {},
): Promise<Note[]> {
	return await collectPages<Note>(
		async (pageSize, pageToken) =>
			await client.request<Page<Note>>({
				endpoint: 'listNotes',
				qs: { talent_id: talentId, page_size: pageSize, page_token: pageToken },
				itemIndex,
			}),
		{ maxPageSize: MAX_PAGE_SIZE, ...options },
	);
}
