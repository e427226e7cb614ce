import type { IDataObject } from 'n8n-workflow';

export interface Page<T> {
	items?: T[];
	has_more?: boolean;
	page_token?: string;
}

/**
 * Follows a list's page_token until has_more is false, the token stops changing, or `limit`
 * items are kept; each request asks for no more than are still needed (all of a page when
 * `keep` filters what Feishu cannot).
 */
export async function collectPages<T extends IDataObject>(
	fetchPage: (pageSize: number, pageToken: string | undefined) => Promise<Page<T> | undefined>,
	options: { maxPageSize: number; limit?: number; keep?: (item: T) => boolean },
): Promise<T[]> {
	const { maxPageSize, limit, keep } = options;
	const kept: T[] = [];
	let pageToken: string | undefined;
	do {
		const pageSize =
			limit === undefined || keep ? maxPageSize : Math.min(maxPageSize, limit - kept.length);
		const page = await fetchPage(pageSize, pageToken);
		for (const item of page?.items ?? []) if (!keep || keep(item)) kept.push(item);
		const next = page?.has_more ? page.page_token : undefined;
		pageToken = next && next !== pageToken ? next : undefined;
	} while (pageToken && (limit === undefined || kept.length < limit));
	return limit === undefined ? kept : kept.slice(0, limit);
}
