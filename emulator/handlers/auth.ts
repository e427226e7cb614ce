import type { IncomingMessage } from 'node:http';

import { FEISHU } from '../hire-errors';
import { fail, type Reply } from '../http';
import type { TokenStore } from '../tokens';

export const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';

/** The app the emulator serves: its credentials and the tokens it has issued. */
export interface App {
	appId: string;
	appSecret: string;
	tokens: TokenStore;
	scopes: Set<string>;
}

/** `POST /open-apis/auth/v3/tenant_access_token/internal`: a token for the right App ID and secret. */
export function issueToken(app: App, rawBody: string): Reply {
	let body: unknown;
	try {
		body = JSON.parse(rawBody);
	} catch {
		fail(FEISHU.paramInvalid);
	}
	const { app_id: id, app_secret: secret } = (body ?? {}) as Record<string, unknown>;
	if (typeof id !== 'string' || typeof secret !== 'string' || id !== app.appId)
		fail(FEISHU.paramInvalid);
	if (secret !== app.appSecret) fail(FEISHU.appSecretInvalid);
	const { token, expire } = app.tokens.issue();
	return { status: 200, body: { code: 0, msg: 'ok', tenant_access_token: token, expire } };
}

/** A Hire request carries a valid token, and the app has one of the endpoint's scopes. */
export function authenticate(app: App, req: IncomingMessage, requiredScopes: string[]): void {
	const header = req.headers.authorization;
	if (!header) fail(FEISHU.tokenMissing);
	const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
	if (!token.startsWith('t-') && !token.startsWith('u-')) fail(FEISHU.tokenFormat);
	if (!app.tokens.isValid(token)) fail(FEISHU.tokenInvalid);
	if (!requiredScopes.some((scope) => app.scopes.has(scope)))
		fail(FEISHU.scopeMissing, `[${requiredScopes.join(', ')}]`);
}
