import { applyClientConfig, type Settings } from './settings';

/** The connection URL request takes a fresh URL for every connect, as the SDKs do. */
export const ENDPOINT_PATH = '/callback/ws/endpoint';
const ENDPOINT_TIMEOUT_MS = 15_000;

/** Codes worth trying again: system busy, internal error. */
const RETRYABLE = new Set([1, 1000040343]);
const FATAL_HINTS: Record<number, string> = {
	1000040345:
		'check the App ID and App Secret in the credential (the app must be a self-built app with a released version)',
	1000040351:
		'the app belongs to the other platform: pick Lark for apps of open.larksuite.com, Feishu for open.feishu.cn, in the credential',
};

export interface Credentials {
	origin: string;
	appId: string;
	appSecret: string;
}

export type Post = (request: {
	url: string;
	body: object;
	timeout: number;
}) => Promise<{ status: number; body: unknown }>;

export type EndpointAnswer =
	{ url: string; settings: Settings } | { fatal: string } | { retry: string };

/**
 * `POST {base}/callback/ws/endpoint` with the App ID and Secret (no token): the WebSocket URL
 * and the client settings, or why not. Network failures, HTTP errors, bodies that are no
 * answer and Feishu's "busy" codes can be tried again; any other code cannot.
 */
export async function requestConnectionUrl(
	post: Post,
	{ origin, appId, appSecret }: Credentials,
	settings: Settings,
): Promise<EndpointAnswer> {
	let answer: { status: number; body: unknown };
	try {
		answer = await post({
			url: `${origin}${ENDPOINT_PATH}`,
			body: { AppID: appId, AppSecret: appSecret },
			timeout: ENDPOINT_TIMEOUT_MS,
		});
	} catch (error) {
		return { retry: `Feishu's connection endpoint did not answer (${(error as Error).message})` };
	}
	if (answer.status !== 200)
		return { retry: `Feishu's connection endpoint answered HTTP ${answer.status}` };
	const body = (typeof answer.body === 'object' && answer.body !== null ? answer.body : {}) as {
		code?: unknown;
		msg?: unknown;
		data?: { URL?: unknown; ClientConfig?: unknown } | null;
	};
	const code = typeof body.code === 'number' ? body.code : undefined;
	const msg = typeof body.msg === 'string' ? body.msg : '';
	if (code === undefined) return { retry: "Feishu's connection endpoint answered no code" };
	if (code !== 0) {
		const refusal = `Feishu refused the long connection: ${code} ${msg}`.trim();
		if (RETRYABLE.has(code)) return { retry: refusal };
		return { fatal: FATAL_HINTS[code] ? `${refusal}: ${FATAL_HINTS[code]}` : refusal };
	}
	const url = body.data?.URL;
	if (typeof url !== 'string' || !/^wss?:\/\//.test(url))
		return { retry: "Feishu's connection endpoint answered no WebSocket URL" };
	return { url, settings: applyClientConfig(settings, body.data?.ClientConfig) };
}
