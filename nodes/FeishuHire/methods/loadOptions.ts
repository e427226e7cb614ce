import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { TERMINATION_TYPES } from '../actions/application/fields';
import { FeishuClient } from '../../shared/transport/client';
import type { Endpoint } from '../../shared/transport/endpoints';

interface Page<T> {
	items?: T[];
	has_more?: boolean;
	page_token?: string;
}

type Names = { zh_cn?: string; en_us?: string };

/** Every page of a picker's list, read once (`pageSize`: Feishu's maximum for it). */
async function everyPage<T>(
	ctx: ILoadOptionsFunctions,
	endpoint: Endpoint,
	pageSize: number,
): Promise<T[]> {
	const client = await FeishuClient.connect(ctx);
	const all: T[] = [];
	let pageToken: string | undefined;
	do {
		const page = await client.request<Page<T>>({
			endpoint,
			qs: { page_size: pageSize, page_token: pageToken },
			itemIndex: 0,
		});
		all.push(...(page?.items ?? []));
		const next = page?.has_more ? page.page_token : undefined;
		pageToken = next && next !== pageToken ? next : undefined;
	} while (pageToken);
	return all;
}

/** Options named "中文 · English" (or by ID), sorted by name. */
function options(entries: Array<{ id?: string; names?: Names | string }>): INodePropertyOptions[] {
	return entries
		.filter((entry): entry is { id: string; names?: Names | string } => Boolean(entry.id))
		.map(({ id, names }) => ({
			name:
				(typeof names === 'string'
					? names
					: [names?.zh_cn, names?.en_us].filter(Boolean).join(' · ')) || id,
			value: id,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Terminate's reasons: the active ones Hire has for the chosen termination type. */
export async function getTerminationReasons(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const type = TERMINATION_TYPES[this.getCurrentNodeParameter('terminationType') as string];
	const reasons = await everyPage<{
		id?: string;
		name?: Names;
		termination_type?: number;
		active_status?: number;
	}>(this, 'listTerminationReasons', 200);
	return options(
		reasons
			.filter((reason) => reason.active_status === 1 && (!type || reason.termination_type === type))
			.map((reason) => ({ id: reason.id, names: reason.name })),
	);
}

/** Add / Remove Tags: the tenant's enabled talent tags (the list leaves disabled ones out). */
export async function getTalentTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const tags = await everyPage<{ id?: string; name?: Names }>(this, 'listTalentTags', 100);
	return options(tags.map((tag) => ({ id: tag.id, names: tag.name })));
}

/** Add to / Remove from Folder: the tenant's talent folders. */
export async function getTalentFolders(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const folders = await everyPage<{ folder_id?: string; folder_name?: string }>(
		this,
		'listTalentFolders',
		100,
	);
	return options(folders.map((folder) => ({ id: folder.folder_id, names: folder.folder_name })));
}
