import axios, { type AxiosResponse } from 'axios';

import type { Emulator } from '../../emulator';

export interface FeishuBody {
	code: number;
	msg: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever shape each endpoint's data has
	data?: any;
	tenant_access_token?: string;
	expire?: number;
}

export interface ProbeOptions {
	token?: string;
	/** Raw query string, sent exactly as given (no encoding applied). */
	query?: string;
	body?: unknown;
	headers?: Record<string, string>;
}

/** A plain HTTP call to the emulator that never throws on a status, for asserting what it answers. */
export async function probe(
	emulator: Emulator,
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
	path: string,
	options: ProbeOptions = {},
): Promise<AxiosResponse<FeishuBody>> {
	const headers: Record<string, string> = { ...options.headers };
	if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
	const hasBody = options.body !== undefined;
	if (hasBody && !headers['Content-Type'])
		headers['Content-Type'] = 'application/json; charset=utf-8';
	return await axios.request<FeishuBody>({
		method,
		url: `${emulator.url}${path}${options.query ? `?${options.query}` : ''}`,
		headers,
		data: hasBody
			? typeof options.body === 'string'
				? options.body
				: JSON.stringify(options.body)
			: undefined,
		validateStatus: () => true,
		transformResponse: (raw: string) => (raw ? JSON.parse(raw) : raw),
	});
}

export async function fetchToken(emulator: Emulator): Promise<string> {
	const response = await probe(
		emulator,
		'POST',
		'/open-apis/auth/v3/tenant_access_token/internal',
		{
			body: { app_id: emulator.appId, app_secret: emulator.appSecret },
		},
	);
	return response.data.tenant_access_token as string;
}

export const LIST_PATH = '/open-apis/hire/v1/talent_pools/';
export const addPath = (poolId: string) =>
	`/open-apis/hire/v1/talent_pools/${poolId}/talent_relationship`;
export const batchPath = (poolId: string) =>
	`/open-apis/hire/v1/talent_pools/${poolId}/batch_change_talent_pool`;
export const FIND_TALENTS_PATH = '/open-apis/hire/v1/talents/batch_get_id';
export const talentPath = (talentId: string) => `/open-apis/hire/v2/talents/${talentId}`;
