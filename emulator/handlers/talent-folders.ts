import { FEISHU } from '../hire-errors';
import { checkQueryKeys, fail, jsonBody, ok, pageSizeParameter } from '../http';
import { page } from '../page-token';
import type { HireRequest, HireRoute, HireState } from '../state';
import { TALENT_FOLDERS } from '../tags-folders';

/** add_to_folder / remove_to_folder's body: 1–200 talent IDs, all known (else 1002102, assumed), and a folder. */
function folderChange(state: HireState, { req, rawBody }: HireRequest) {
	const body = jsonBody(req, rawBody);
	for (const key of Object.keys(body))
		if (key !== 'talent_id_list' && key !== 'folder_id')
			fail(FEISHU.hireParamError, `unknown field ${key}`);
	const { talent_id_list: ids, folder_id: folderId } = body;
	if (
		!Array.isArray(ids) ||
		ids.length < 1 ||
		ids.length > 200 ||
		!ids.every((id) => typeof id === 'string')
	)
		fail(FEISHU.hireParamError, 'talent_id_list must hold 1 to 200 talent IDs');
	if (typeof folderId !== 'string' || !TALENT_FOLDERS.some((one) => one.folder_id === folderId))
		fail(FEISHU.hireParamError, 'folder_id names no folder');
	const unknown = (ids as string[]).find((id) => !state.talents.has(id));
	if (unknown) fail(FEISHU.talentNotFound, unknown);
	const members = state.folderMembers.get(folderId) ?? new Set<string>();
	state.folderMembers.set(folderId, members);
	return { ids: [...new Set(ids as string[])], folderId, members };
}

/**
 * Talent folders: the list, adding talents (present ones are a no-op and listed, assumed) and
 * removing them (the answer lists only the talents that were in the folder, as documented).
 */
export const talentFolderRoutes: HireRoute[] = [
	{
		method: 'GET',
		path: /^\/open-apis\/hire\/v1\/talent_folders$/,
		endpoint: 'listTalentFolders',
		handle(state, { url }) {
			const query = url.searchParams;
			checkQueryKeys(query, new Set(['page_size', 'page_token', 'user_id_type']));
			return ok(
				page(
					state.pageTokenSecret,
					TALENT_FOLDERS,
					pageSizeParameter(query, 100),
					query.get('page_token') || undefined,
					'talent_folders',
				),
			);
		},
	},
	{
		method: 'POST',
		path: /^\/open-apis\/hire\/v1\/talents\/add_to_folder$/,
		endpoint: 'addToFolder',
		handle(state, request) {
			const { ids, folderId, members } = folderChange(state, request);
			return {
				reply: ok({ talent_id_list: ids, folder_id: folderId }),
				apply: () => ids.forEach((id) => members.add(id)),
			};
		},
	},
	{
		method: 'POST',
		path: /^\/open-apis\/hire\/v1\/talents\/remove_to_folder$/,
		endpoint: 'removeFromFolder',
		handle(state, request) {
			const { ids, folderId, members } = folderChange(state, request);
			const removed = ids.filter((id) => members.has(id));
			return {
				reply: ok({ talent_id_list: removed, folder_id: folderId }),
				apply: () => removed.forEach((id) => members.delete(id)),
			};
		},
	},
];
