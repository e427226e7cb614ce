import { FEISHU } from '../hire-errors';
import { checkQueryKeys, fail, jsonBody, ok, pageSizeParameter, pathSegment } from '../http';
import { mentionsAreValid, noteIdAt, type Note } from '../notes';
import { page } from '../page-token';
import type { HireRoute, HireState } from '../state';

/**
 * Notes: create, patch, get, list (by talent only) and delete. The pages document no error
 * but 1002001 and 1002002, so a missing talent, application or note is 400 / 1002002. Create
 * is not idempotent: the same note sent twice is two notes.
 */
const USER_ID_TYPE = new Set(['user_id_type']);
const CREATE_FIELDS = new Set([
	'talent_id',
	'application_id',
	'creator_id',
	'content',
	'privacy',
	'notify_mentioned_user',
	'mention_entity_list',
]);
/** No privacy: it cannot be changed after creation. */
const PATCH_FIELDS = new Set([
	'content',
	'operator_id',
	'notify_mentioned_user',
	'mention_entity_list',
]);

function noteAt(state: HireState, rawId: string): Note {
	const note = state.notes.get(pathSegment(rawId));
	if (!note) fail(FEISHU.hireParamError, 'note not found');
	return note;
}

function checkFields(body: Record<string, unknown>, allowed: Set<string>): void {
	for (const key of Object.keys(body))
		if (!allowed.has(key)) fail(FEISHU.hireParamError, `unknown field ${key}`);
}

/** content (required, not empty), notify_mentioned_user and mention_entity_list, as both writes take them. */
function checkContent(body: Record<string, unknown>): string {
	const { content, notify_mentioned_user, mention_entity_list } = body;
	if (typeof content !== 'string' || content.trim() === '')
		fail(FEISHU.hireParamError, 'content is required');
	if (notify_mentioned_user !== undefined && typeof notify_mentioned_user !== 'boolean')
		fail(FEISHU.hireParamError, 'notify_mentioned_user must be a bool');
	if (!mentionsAreValid(mention_entity_list, content))
		fail(FEISHU.hireParamError, 'mention_entity_list needs offset and user_id per mention');
	return content;
}

export const noteRoutes: HireRoute[] = [
	{
		method: 'POST',
		path: /^\/open-apis\/hire\/v1\/notes$/,
		endpoint: 'createNote',
		handle(state, { req, rawBody, url }) {
			checkQueryKeys(url.searchParams, USER_ID_TYPE);
			const body = jsonBody(req, rawBody);
			checkFields(body, CREATE_FIELDS);
			const content = checkContent(body);
			const { talent_id, application_id, privacy, creator_id } = body;
			if (typeof talent_id !== 'string' || !state.talents.has(talent_id))
				fail(FEISHU.hireParamError, 'talent_id names no talent');
			if (application_id !== undefined) {
				const application =
					typeof application_id === 'string' ? state.applications.get(application_id) : undefined;
				if (application?.talent_id !== talent_id)
					fail(FEISHU.hireParamError, "application_id names no application of the talent's");
			}
			if (privacy !== undefined && privacy !== 1 && privacy !== 2)
				fail(FEISHU.hireParamError, 'privacy must be 1 (private) or 2 (public)');
			if (creator_id !== undefined && typeof creator_id !== 'string')
				fail(FEISHU.hireParamError, 'creator_id must be a string');
			const now = state.clock();
			const note: Note = {
				id: noteIdAt(state.notesIssued),
				talent_id,
				...(application_id === undefined ? {} : { application_id: application_id as string }),
				is_private: privacy === 1,
				create_time: now,
				modify_time: now,
				...(creator_id === undefined ? {} : { creator_id }),
				content,
			};
			return {
				reply: ok({ note }),
				apply: () => {
					state.notesIssued++;
					state.notes.set(note.id, note);
				},
			};
		},
	},
	{
		method: 'PATCH',
		path: /^\/open-apis\/hire\/v1\/notes\/([^/]+)$/,
		endpoint: 'updateNote',
		handle(state, { req, rawBody, url, match }) {
			checkQueryKeys(url.searchParams, USER_ID_TYPE);
			const body = jsonBody(req, rawBody);
			checkFields(body, PATCH_FIELDS);
			const content = checkContent(body);
			const note = noteAt(state, match[1]);
			const updated = { ...note, content, modify_time: state.clock() };
			return { reply: ok({ note: updated }), apply: () => state.notes.set(note.id, updated) };
		},
	},
	{
		method: 'GET',
		path: /^\/open-apis\/hire\/v1\/notes\/([^/]+)$/,
		endpoint: 'getNote',
		handle(state, { url, match }) {
			checkQueryKeys(url.searchParams, USER_ID_TYPE);
			return ok({ note: noteAt(state, match[1]) });
		},
	},
	{
		/** talent_id is required; there is no application filter. Oldest first. */
		method: 'GET',
		path: /^\/open-apis\/hire\/v1\/notes$/,
		endpoint: 'listNotes',
		handle(state, { url }) {
			const query = url.searchParams;
			checkQueryKeys(query, new Set(['talent_id', 'page_size', 'page_token', 'user_id_type']));
			const talentId = query.get('talent_id');
			if (!talentId) fail(FEISHU.hireParamError, 'talent_id is required');
			const pageSize = pageSizeParameter(query, 200);
			const notes = [...state.notes.values()].filter((note) => note.talent_id === talentId);
			return ok(
				page(
					state.pageTokenSecret,
					notes,
					pageSize,
					query.get('page_token') || undefined,
					`notes:${talentId}`,
				),
			);
		},
	},
	{
		method: 'DELETE',
		path: /^\/open-apis\/hire\/v1\/notes\/([^/]+)$/,
		endpoint: 'deleteNote',
		handle(state, { match }) {
			const note = noteAt(state, match[1]);
			return { reply: ok({}), apply: () => state.notes.delete(note.id) };
		},
	},
];
