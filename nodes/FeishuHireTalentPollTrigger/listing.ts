import { NodeApiError, NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import type { FeishuClient } from '../shared/transport/client';
import { FEISHU_CODES } from '../shared/transport/codes';
import { compareIds, listedTalent, type ListedTalent, type Watermark } from './watermark';

/** The talent list's documented maximum page size. */
export const PAGE_SIZE = 20;
/** sort_by 1: update time, newest first (Feishu's default, sent so the order is not left to it). */
const BY_UPDATE_TIME = 1;
/** Pages read for a baseline while every talent on them changed in the same millisecond. */
const MAX_BASELINE_PAGES = 50;
/** Talents read in full at once with Include Details (the client paces them to 20 a second). */
const DETAILS_IN_FLIGHT = 5;

interface Page {
	items?: IDataObject[];
	has_more?: boolean;
	page_token?: string;
}

/**
 * The talent list, newest change first, page by page: follows page_token until has_more is
 * false or a token comes back that was seen already. Items without a talent ID are left out.
 */
async function* listPages(
	client: FeishuClient,
	query: IDataObject,
	pageSize = PAGE_SIZE,
): AsyncGenerator<ListedTalent[]> {
	const seenTokens = new Set<string>();
	let pageToken: string | undefined;
	do {
		const page = await client.request<Page | undefined>({
			endpoint: 'listTalents',
			qs: { ...query, page_size: pageSize, sort_by: BY_UPDATE_TIME, page_token: pageToken },
			itemIndex: 0,
		});
		yield (page?.items ?? []).flatMap((raw) => listedTalent(raw) ?? []);
		const next = page?.has_more ? page.page_token : undefined;
		pageToken = next && !seenTokens.has(next) ? next : undefined;
		if (pageToken) seenTokens.add(pageToken);
	} while (pageToken);
}

/** Feishu's keyword filter as a query: none when empty. */
function keywordQuery(keyword: string): IDataObject {
	return keyword === '' ? {} : { keyword };
}

/**
 * Every talent (matching `keyword`) listed as changed from one millisecond before the
 * watermark on, all pages: the boundary millisecond is listed whether Feishu's
 * update_start_time is inclusive or exclusive (its documentation does not say).
 */
export async function listChangedSince(
	client: FeishuClient,
	state: Watermark,
): Promise<ListedTalent[]> {
	const listed: ListedTalent[] = [];
	const query = {
		...keywordQuery(state.keyword),
		update_start_time: String(Math.max(0, state.watermark - 1)),
	};
	for await (const page of listPages(client, query)) listed.push(...page);
	return listed;
}

/**
 * The first poll's baseline: the newest change of any talent in the tenant (Feishu's time,
 * so n8n's clock does not matter), with the talents changed in that millisecond. An empty
 * tenant gives 0: every talent that appears later is new.
 */
export async function baseline(client: FeishuClient, keyword: string): Promise<Watermark> {
	let newest: number | undefined;
	const atNewest = new Set<string>();
	let pagesRead = 0;
	for await (const page of listPages(client, {})) {
		pagesRead++;
		for (const { talentId, changedAt } of page) {
			if (changedAt === undefined) continue;
			if (newest === undefined || changedAt > newest) {
				newest = changedAt;
				atNewest.clear();
			}
			if (changedAt === newest) atNewest.add(talentId);
		}
		const allAtNewest = page.length > 0 && page.every(({ changedAt }) => changedAt === newest);
		if (!allAtNewest || pagesRead >= MAX_BASELINE_PAGES) break;
	}
	return { watermark: newest ?? 0, boundaryIds: [...atNewest].sort(compareIds), keyword };
}

/** The talent (matching `keyword`) changed most recently, if any. */
export async function mostRecent(
	client: FeishuClient,
	keyword: string,
): Promise<ListedTalent | undefined> {
	for await (const page of listPages(client, keywordQuery(keyword), 1)) return page[0];
	return undefined;
}

/**
 * Each talent read in full with the v2 get, in order; undefined for one Feishu no longer has
 * (deleted after it was listed). Any other failure is thrown.
 */
export async function readDetails(
	client: FeishuClient,
	node: INode,
	talentIds: string[],
): Promise<Array<IDataObject | undefined>> {
	const results: Array<IDataObject | undefined> = new Array(talentIds.length);
	let next = 0;
	let failed = false;
	const worker = async () => {
		while (next < talentIds.length && !failed) {
			const index = next++;
			try {
				results[index] = await client.request<IDataObject>({
					endpoint: 'getTalent',
					id: talentIds[index],
					itemIndex: 0,
				});
			} catch (error) {
				if ((error as NodeApiError).errorResponse?.code !== FEISHU_CODES.TALENT_NOT_FOUND) {
					failed = true;
					throw asNodeError(node, error);
				}
				results[index] = undefined;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(DETAILS_IN_FLIGHT, talentIds.length) }, worker));
	return results;
}

/** The client's own errors pass through untouched; anything else becomes a NodeOperationError. */
function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error);
}
