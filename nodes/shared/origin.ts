export const FEISHU_ORIGIN = 'https://open.feishu.cn';
export const LARK_ORIGIN = 'https://open.larksuite.com';
export const CUSTOM_DOMAIN = 'custom';

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;
/**
 * The slashes ending a text. The lookbehind lets a match start only at the first slash of a
 * run, so the search is linear: `/\/+$/` retries every slash of a long run, quadratically.
 */
export const TRAILING_SLASHES = /(?<!\/)\/+$/;

/** Ties a stored tenant_access_token to the origin and app that issued it. */
export function tokenIssuer(origin: string, appId: unknown): string {
	return `${origin} ${typeof appId === 'string' ? appId.trim() : ''}`;
}

/**
 * The API origin a credential points at, or an explanation of why its Base URL is not
 * usable. Plain http is allowed only to this machine (an emulator or a local proxy):
 * anywhere else it would send the app secret in clear text.
 */
export function resolveOrigin(credentials: {
	domain?: unknown;
	baseUrl?: unknown;
}): { origin: string } | { problem: string } {
	const domain = credentials.domain ?? FEISHU_ORIGIN;
	if (domain === FEISHU_ORIGIN || domain === LARK_ORIGIN) return { origin: domain };
	if (domain !== CUSTOM_DOMAIN)
		return { problem: `Domain must be Feishu, Lark or Custom base URL, not "${String(domain)}"` };

	const raw =
		typeof credentials.baseUrl === 'string'
			? credentials.baseUrl.trim().replace(TRAILING_SLASHES, '')
			: '';
	if (raw === '')
		return { problem: 'Base URL is empty: enter an origin such as https://open.feishu.cn' };
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return {
			problem: `Base URL "${raw}" is not a URL: enter an origin such as https://open.feishu.cn`,
		};
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return { problem: `Base URL must start with https:// (got ${url.protocol}//)` };
	}
	if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
		return {
			problem:
				'Base URL must be an origin only (scheme, host and optional port), without a path such as /open-apis',
		};
	}
	if (url.protocol === 'http:' && !LOOPBACK_HOSTS.test(url.hostname)) {
		return {
			problem: `Base URL uses plain http:// to ${url.hostname}: use https://, as the app secret would travel unencrypted`,
		};
	}
	return { origin: url.origin };
}
