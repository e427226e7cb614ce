import type { TalentPool } from '../data';
import { FEISHU } from '../hire-errors';
import { DIGITS, fail, INTEGER, jsonBody, ok, pathSegment } from '../http';
import { page } from '../page-token';
import { addTo, type HireRoute } from '../state';

/** Talent pools: list, add a talent (or move it), batch add or remove. */
export const talentPoolRoutes: HireRoute[] = [
	{
		method: 'GET',
		path: /^\/open-apis\/hire\/v1\/talent_pools\/?$/,
		endpoint: 'listPools',
		handle(state, { url }) {
			const query = url.searchParams;
			for (const key of query.keys()) {
				if (key !== 'id_list' && key.startsWith('id_list'))
					fail(FEISHU.hireParamError, `unsupported parameter ${key}`);
			}
			const rawSize = query.get('page_size');
			let pageSize = 10;
			if (rawSize !== null) {
				if (!INTEGER.test(rawSize)) fail(FEISHU.hireParamError, 'page_size must be an integer');
				pageSize = Number(rawSize);
				if (pageSize < 1 || pageSize > 100) fail(FEISHU.pageSizeInvalid);
			}
			const idList = query.getAll('id_list');
			if (idList.length > 50) fail(FEISHU.idListTooLong);
			for (const id of idList) {
				if (!DIGITS.test(id)) fail(FEISHU.hireParamError, `id_list holds an invalid id`);
			}
			const wanted = idList.length > 0 ? new Set(idList) : undefined;
			const matching: TalentPool[] = wanted
				? state.data.pools.filter((pool) => wanted.has(pool.id))
				: state.data.pools;
			const { items, has_more, page_token } = page(
				state.pageTokenSecret,
				matching,
				pageSize,
				query.get('page_token'),
				idList.join(','),
			);
			return ok({ items, ...(page_token ? { page_token } : {}), has_more });
		},
	},
	{
		method: 'POST',
		path: /^\/open-apis\/hire\/v1\/talent_pools\/([^/]+)\/talent_relationship$/,
		endpoint: 'addTalent',
		handle(state, { req, rawBody, match }) {
			const poolId = pathSegment(match[1]);
			const { talent_id: talentId, add_type: addType } = jsonBody(req, rawBody);
			if (typeof talentId !== 'string' || talentId.trim() === '')
				fail(FEISHU.hireParamError, 'talent_id is required');
			if (addType !== 1 && addType !== 2) fail(FEISHU.hireParamError, 'add_type must be 1 or 2');
			if (!state.poolsById.has(poolId)) fail(FEISHU.poolNotFound);
			if (!state.talents.has(talentId)) fail(FEISHU.talentNotFound);
			return {
				reply: ok({ talent_pool_id: poolId, talent_id: talentId }),
				apply: () => {
					if (addType === 2)
						for (const members of state.membership.values()) members.delete(talentId);
					addTo(state, poolId, talentId);
				},
			};
		},
	},
	{
		/**
		 * Batch add (option_type 1) or remove (2) of 1..50 talents. Talents already in (or, for
		 * removal, not in) the pool are passed over silently; any unknown talent fails the whole
		 * call without effect. The error's shape is not documented: see the README's assumptions.
		 */
		method: 'POST',
		path: /^\/open-apis\/hire\/v1\/talent_pools\/([^/]+)\/batch_change_talent_pool$/,
		endpoint: 'batchChange',
		handle(state, { req, rawBody, match }) {
			const poolId = pathSegment(match[1]);
			const { talent_id_list: list, option_type: optionType } = jsonBody(req, rawBody);
			if (!Array.isArray(list) || list.length < 1 || list.length > 50)
				fail(FEISHU.hireParamError, 'talent_id_list must hold 1 to 50 IDs');
			if (!list.every((id): id is string => typeof id === 'string' && id.trim() !== ''))
				fail(FEISHU.hireParamError, 'talent_id_list holds an invalid ID');
			if (optionType !== 1 && optionType !== 2)
				fail(FEISHU.hireParamError, 'option_type must be 1 or 2');
			if (!state.poolsById.has(poolId)) fail(FEISHU.poolNotFound);
			const unknown = list.filter((id) => !state.talents.has(id));
			if (unknown.length > 0) {
				const body = state.batchErrorNamesTalents
					? {
							code: FEISHU.talentNotFound.code,
							msg: `talent not found: ${unknown.join(',')}`,
							data: { invalid_talent_id_list: unknown },
						}
					: { code: FEISHU.talentNotFound.code, msg: FEISHU.talentNotFound.msg };
				return { reply: { status: 400, body }, apply: () => undefined };
			}
			return {
				reply: ok({}),
				apply: () => {
					for (const talentId of list) {
						if (optionType === 1) addTo(state, poolId, talentId);
						else state.membership.get(poolId)?.delete(talentId);
					}
				},
			};
		},
	},
];
