import type { IDataObject } from 'n8n-workflow';

import { chunk } from '../../helpers/queue';
import type { FeishuClient } from '../../../shared/transport/client';

export const MAX_PAGE_SIZE = 100;
export const MAX_IDS_PER_REQUEST = 50;

/** A pool exactly as Feishu returns it; only the fields the node reads are named. */
export interface TalentPool extends IDataObject {
	id: string;
	i18n_name?: { zh_cn?: string; en_us?: string };
}

export interface PoolPage {
	items?: TalentPool[];
	has_more?: boolean;
	page_token?: string;
}

export async function listPoolPage(
	client: FeishuClient,
	query: { pageSize: number; pageToken?: string; ids?: string[] },
	itemIndex: number,
): Promise<PoolPage> {
	return await client.request<PoolPage>({
		endpoint: 'listPools',
		qs: { page_size: query.pageSize, page_token: query.pageToken, id_list: query.ids },
		itemIndex,
	});
}

/**
 * Talent pools in Feishu's order, following page_token until has_more is false or `limit`
 * pools are in hand, never asking for more than are still needed. IDs are sent in chunks of
 * at most 50 (the API's cap on id_list).
 */
export async function listTalentPools(
	client: FeishuClient,
	options: { limit?: number; ids?: string[] },
	itemIndex: number,
): Promise<TalentPool[]> {
	const { limit, ids } = options;
	const chunks = ids ? chunk(ids, MAX_IDS_PER_REQUEST) : [undefined];
	const pools: TalentPool[] = [];
	const wanted = () =>
		limit === undefined ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, limit - pools.length);

	for (const idChunk of chunks) {
		let pageToken: string | undefined;
		do {
			if (wanted() <= 0) return pools;
			const page = await listPoolPage(
				client,
				{ pageSize: wanted(), pageToken, ids: idChunk },
				itemIndex,
			);
			pools.push(...(page.items ?? []));
			const next = page.has_more ? page.page_token : undefined;
			pageToken = next && next !== pageToken ? next : undefined;
		} while (pageToken);
	}
	return limit === undefined ? pools : pools.slice(0, limit);
}
