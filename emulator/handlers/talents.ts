import { FEISHU } from '../hire-errors';
import { DIGITS, fail, jsonBody, ok, pathSegment } from '../http';
import { page } from '../page-token';
import {
	SCOPE_ONBOARD_STATUS_READ,
	SCOPE_READ,
	SCOPE_TAG,
	SCOPE_TAG_READ,
	SCOPE_WRITE,
} from '../scopes';
import { poolsOf, type HireRoute, type HireState } from '../state';
import { TALENT_FOLDERS, TALENT_TAGS } from '../tags-folders';
import {
	applyWrite,
	conflictingTalent,
	listedTalents,
	listItem,
	parseCreate,
	parseListQuery,
	parseUpdate,
} from '../talent-writes';
import { checkTalentQuery, lookUpTalents, parseLookup, talentDetails } from '../talents';

/** Talents: look up by key, read (v2 and the old v1), list, create, update. */
export const talentRoutes: HireRoute[] = [
	{
		/** batch_get_id: every list optional, combined with AND; misses are simply absent. */
		method: 'POST',
		path: /^\/open-apis\/hire\/v1\/talents\/batch_get_id$/,
		endpoint: 'findTalents',
		handle(state, { req, rawBody }) {
			const lookup = parseLookup(jsonBody(req, rawBody), state.maxLookupList);
			const talentList = lookUpTalents(
				state.talents.all(),
				lookup,
				state.scopes.has(SCOPE_ONBOARD_STATUS_READ),
			);
			return ok({ talent_list: talentList }, 'success');
		},
	},
	{
		/** combined_create: the duplicate check follows the tenant setting; the new talent is visible at once. */
		method: 'POST',
		path: /^\/open-apis\/hire\/v1\/talents\/combined_create$/,
		endpoint: 'createTalent',
		handle(state, { req, rawBody }) {
			const write = parseCreate(jsonBody(req, rawBody));
			if (state.duplicates === 'reject') {
				const conflict = conflictingTalent(state.talents.all(), write, state.mobileCodes);
				if (conflict)
					fail(FEISHU.duplicateTalent, `${conflict.key} of ${conflict.talent.talent_id}`);
			}
			return {
				reply: ok({ talent_id: state.talents.nextId(), creator_account_type: 3 }),
				apply: () => state.talents.create(write, state.mobileCodes, state.clock()),
			};
		},
	},
	{
		method: 'POST',
		path: /^\/open-apis\/hire\/v1\/talents\/combined_update$/,
		endpoint: 'updateTalent',
		handle(state, { req, rawBody }) {
			const write = parseUpdate(jsonBody(req, rawBody));
			const talent = state.talents.get(write.talentId);
			if (!talent) fail(FEISHU.talentNotFound);
			const conflict = conflictingTalent(state.talents.all(), write, state.mobileCodes, talent);
			if (conflict) fail(FEISHU.updateConflict, `${conflict.key} of ${conflict.talent.talent_id}`);
			return {
				reply: ok({ talent_id: talent.talent_id, operator_account_type: 3 }),
				apply: () => applyWrite(talent, write, state.mobileCodes, state.clock()),
			};
		},
	},
	{
		method: 'GET',
		path: /^\/open-apis\/hire\/v1\/talents$/,
		endpoint: 'listTalents',
		handle(state, { url }) {
			const query = parseListQuery(url.searchParams);
			const scope = JSON.stringify([
				query.keyword,
				query.updateStart,
				query.updateEnd,
				query.sortBy,
			]);
			const found = page(
				state.pageTokenSecret,
				listedTalents(state.talents.all(), query),
				query.pageSize,
				query.pageToken || undefined,
				scope,
			);
			return ok({ ...found, items: found.items.map(listItem) });
		},
	},
	{
		/** The old v1 get: wrapped in `talent`, the only by-ID read with mobile_country_code. */
		method: 'GET',
		path: /^\/open-apis\/hire\/v1\/talents\/(\d+)$/,
		endpoint: 'getTalentV1',
		handle(state, { url, match }) {
			checkTalentQuery(url.searchParams);
			const talent = state.talents.get(match[1]);
			if (!talent) fail(FEISHU.talentDoesNotExist);
			return ok({ talent: listItem(talent) });
		},
	},
	{
		method: 'GET',
		path: /^\/open-apis\/hire\/v2\/talents\/([^/]+)$/,
		endpoint: 'getTalent',
		handle(state, { url, match }) {
			const talentId = pathSegment(match[1]);
			checkTalentQuery(url.searchParams);
			if (!DIGITS.test(talentId))
				fail(FEISHU.hireParamError, 'talent_id must be a string of digits');
			const talent = state.talents.get(talentId);
			if (!talent) fail(FEISHU.talentDoesNotExist);
			return ok(
				{ ...talentDetails(talent, poolsOf(state, talentId)), ...tagsAndFolders(state, talentId) },
				'success',
			);
		},
	},
];

/** The v2 get's tag_list and talent_folder_ref_list_v2: each only with its field scope, as documented. */
function tagsAndFolders(state: HireState, talentId: string): Record<string, unknown> {
	const has = (...scopes: string[]) => scopes.some((scope) => state.scopes.has(scope));
	const extra: Record<string, unknown> = {};
	if (has(SCOPE_TAG_READ, SCOPE_TAG)) {
		const ids = state.talentTags.get(talentId) ?? new Set<string>();
		extra.tag_list = TALENT_TAGS.filter((tag) => ids.has(tag.id)).map(
			({ id, name, description, type }) => ({ id, name, description, type }),
		);
	}
	if (has(SCOPE_READ, SCOPE_WRITE))
		extra.talent_folder_ref_list_v2 = TALENT_FOLDERS.filter((folder) =>
			state.folderMembers.get(folder.folder_id)?.has(talentId),
		).map(({ folder_id, folder_name, owner_id }) => ({
			folder_id,
			name: folder_name,
			owner_id,
			add_time: '0',
		}));
	return extra;
}
