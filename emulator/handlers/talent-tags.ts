import { FEISHU } from '../hire-errors';
import { checkQueryKeys, fail, jsonBody, ok, pageSizeParameter, pathSegment } from '../http';
import { page } from '../page-token';
import type { HireRoute } from '../state';
import { TALENT_TAGS } from '../tags-folders';

const ADD = 1;
const REMOVE = 2;

/**
 * Talent tags: the tenant's list and a talent's tag operation. The operation is not
 * idempotent (1002113 tagged already, 1002114 not tagged) and, where the page is silent,
 * all-or-nothing: one bad ID in the list and nothing changes.
 */
export const talentTagRoutes: HireRoute[] = [
	{
		method: 'GET',
		path: /^\/open-apis\/hire\/v1\/talent_tags$/,
		endpoint: 'listTalentTags',
		handle(state, { url }) {
			const query = url.searchParams;
			checkQueryKeys(
				query,
				new Set(['keyword', 'id_list', 'type', 'include_inactive', 'page_size', 'page_token']),
			);
			const pageSize = query.get('page_size') === null ? 20 : pageSizeParameter(query, 100);
			const type = query.get('type');
			if (type !== null && type !== '1' && type !== '2')
				fail(FEISHU.hireParamError, 'type must be 1 or 2');
			const inactive = query.get('include_inactive');
			if (inactive !== null && inactive !== 'true' && inactive !== 'false')
				fail(FEISHU.hireParamError, 'include_inactive must be a bool');
			const keyword = query.get('keyword')?.toLowerCase();
			const ids = query.getAll('id_list');
			const matching = TALENT_TAGS.filter(
				(one) =>
					(inactive === 'true' || one.active_status === 1) &&
					(type === null || String(one.type) === type) &&
					(ids.length === 0 || ids.includes(one.id)) &&
					(!keyword || `${one.name.zh_cn} ${one.name.en_us}`.toLowerCase().includes(keyword)),
			);
			return ok(
				page(
					state.pageTokenSecret,
					matching,
					pageSize,
					query.get('page_token') || undefined,
					JSON.stringify([keyword, ids, type, inactive]),
				),
			);
		},
	},
	{
		method: 'POST',
		path: /^\/open-apis\/hire\/v1\/talents\/([^/]+)\/tag$/,
		endpoint: 'tagTalent',
		handle(state, { req, rawBody, match }) {
			const body = jsonBody(req, rawBody);
			for (const key of Object.keys(body))
				if (key !== 'operation' && key !== 'tag_id_list')
					fail(FEISHU.hireParamError, `unknown field ${key}`);
			const { operation, tag_id_list: ids } = body;
			if (operation !== ADD && operation !== REMOVE)
				fail(FEISHU.hireParamError, 'operation must be 1 (add) or 2 (remove)');
			if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string'))
				fail(FEISHU.hireParamError, 'tag_id_list must be a non-empty list of IDs');
			const talentId = pathSegment(match[1]);
			if (!state.talents.has(talentId)) fail(FEISHU.talentNotFound);
			const tags = state.talentTags.get(talentId) ?? new Set<string>();
			for (const id of ids as string[]) {
				const known = TALENT_TAGS.find((one) => one.id === id);
				if (!known) fail(FEISHU.tagNotFound, id);
				if (operation === ADD && known.active_status !== 1) fail(FEISHU.tagDisabled, id);
				if (operation === ADD && tags.has(id)) fail(FEISHU.alreadyTagged, id);
				if (operation === REMOVE && !tags.has(id)) fail(FEISHU.notTagged, id);
			}
			return {
				reply: ok({}),
				apply: () => {
					for (const id of ids as string[])
						if (operation === ADD) tags.add(id);
						else tags.delete(id);
					state.talentTags.set(talentId, tags);
				},
			};
		},
	},
];
