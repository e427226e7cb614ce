import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { FeishuClient } from '../../shared/transport/client';
import { JOB_STATUSES, listJobs } from '../actions/job/jobs';
import { listPoolPage, MAX_PAGE_SIZE, type TalentPool } from '../actions/talentPool/pools';

/** With a search term, pages are read until this many pools match (or MAX_PAGES are read). */
const WANTED_MATCHES = 20;
const MAX_PAGES = 10;

function poolName(pool: TalentPool): string {
	const zh = pool.i18n_name?.zh_cn?.trim();
	const en = pool.i18n_name?.en_us?.trim();
	if (zh && en && zh !== en) return `${zh} · ${en}`;
	return zh || en || pool.id;
}

/**
 * The pool picker. Feishu cannot search pools by name, so the filter is applied to the
 * pages read here; the next page token lets the editor load more.
 */
export async function searchTalentPools(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await FeishuClient.connect(this);
	const needle = filter?.trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	let pageToken = paginationToken;
	let pages = 0;
	do {
		const page = await listPoolPage(client, { pageSize: MAX_PAGE_SIZE, pageToken }, 0);
		for (const pool of page.items ?? []) {
			const name = poolName(pool);
			if (!needle || name.toLowerCase().includes(needle) || pool.id.includes(needle)) {
				results.push({ name, value: pool.id });
			}
		}
		pageToken = page.has_more ? page.page_token : undefined;
		pages++;
	} while (needle && pageToken && results.length < WANTED_MATCHES && pages < MAX_PAGES);
	return { results, paginationToken: pageToken };
}

interface LocationPage {
	items?: Array<{
		country?: {
			country_code?: string;
			country_name_info?: { zh_name?: string; en_name?: string };
		};
	}>;
	has_more?: boolean;
	page_token?: string;
}

/** The Mobile Country Code picker: countries from locations/query (5 requests a second), filtered here. */
export async function searchCountries(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await FeishuClient.connect(this);
	const page = await client.request<LocationPage>({
		endpoint: 'queryLocations',
		qs: { page_size: 100, page_token: paginationToken },
		body: { location_type: 1 },
		itemIndex: 0,
	});
	const needle = filter?.trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	for (const { country } of page?.items ?? []) {
		const code = country?.country_code;
		if (!code) continue;
		const { zh_name: zh, en_name: en } = country.country_name_info ?? {};
		const name = `${[zh, en].filter(Boolean).join(' · ') || code} (${code})`;
		if (!needle || name.toLowerCase().includes(needle)) results.push({ name, value: code });
	}
	return { results, paginationToken: page?.has_more ? page.page_token : undefined };
}

/**
 * The job picker. Feishu's job list has no search and holds 20 jobs a page: every page is
 * read (within the endpoint's 50 requests a second) and the filter applied here.
 */
export async function searchJobs(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = await FeishuClient.connect(this);
	const needle = filter?.trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	for (const job of await listJobs(client, {}, 0)) {
		const label = [job.title, job.code].filter(Boolean).join(' · ') || job.id;
		const name = job.active_status === JOB_STATUSES.closed ? `${label} (closed)` : label;
		if (!needle || name.toLowerCase().includes(needle) || job.id.includes(needle))
			results.push({ name, value: job.id });
	}
	return { results };
}

interface ProcessPage {
	items?: Array<{
		id?: string;
		zh_name?: string;
		en_name?: string;
		stage_list?: Array<{ id?: string; zh_name?: string; en_name?: string }>;
	}>;
	has_more?: boolean;
	page_token?: string;
}

/**
 * The stage picker: the stages of every recruitment process (Feishu lists processes without a
 * job filter), named with their process, filtered here.
 */
export async function searchStages(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await FeishuClient.connect(this);
	const page = await client.request<ProcessPage>({
		endpoint: 'listJobProcesses',
		qs: { page_size: 100, page_token: paginationToken },
		itemIndex: 0,
	});
	const needle = filter?.trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	for (const process of page?.items ?? []) {
		const processName = process.en_name || process.zh_name || process.id;
		for (const stage of process.stage_list ?? []) {
			if (!stage.id) continue;
			const stageName = [stage.zh_name, stage.en_name].filter(Boolean).join(' · ') || stage.id;
			const name = `${stageName} (${processName})`;
			if (!needle || name.toLowerCase().includes(needle)) results.push({ name, value: stage.id });
		}
	}
	return { results, paginationToken: page?.has_more ? page.page_token : undefined };
}
