import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { FEISHU_CODES } from './codes';

const C = FEISHU_CODES;

export const { RATE_LIMITED, SYSTEM_ERROR, SCOPE_MISSING, DUPLICATE_TALENT } = C;
export { TOKEN_CODES } from './codes';

/** What to check after a code, where the endpoint says nothing more (endpoints.ts). */
const HINTS: Record<number, string> = {
	[C.APP_ID_INVALID]: 'Check the App ID, and that the app is a published self-built app.',
	[C.APP_SECRET_INVALID]: 'Check the App Secret (Developer Console → Credentials & Basic Info).',
	[C.APP_CREDENTIALS_INVALID]: 'Check the App ID and App Secret.',
	[C.TOKEN_MISSING]: 'Feishu saw no access token. Check the credential.',
	[C.TOKEN_INVALID]:
		'The tenant access token was refused even after a new one was fetched. Check the App ID and App Secret.',
	[C.APP_TOKEN_INVALID]: 'The app access token was refused. Check the App ID and App Secret.',
	[C.TOKEN_FORMAT]: 'The access token had the wrong format. Check the credential.',
	[C.SYSTEM_ERROR]: 'Feishu had an internal error. Try again later.',
	[C.PARAMETER_ERROR]:
		'Feishu rejected a parameter. Check the values the item gives, e.g. that IDs are 19-digit strings.',
	[C.PAGE_SIZE_INVALID]: 'Page size must be between 1 and 100.',
	[C.ID_LIST_TOO_LONG]: 'At most 50 talent pool IDs can be sent in one request.',
	[C.TALENT_NOT_FOUND]:
		'Check the Talent ID: it must belong to a talent that exists in Feishu Hire (deleted talents cannot be read).',
	[C.APPLICATION_NOT_FOUND]:
		'Feishu has no application with this ID (deleted applications can be neither read nor changed).',
	[C.POOL_NOT_FOUND]:
		'Check the Talent Pool: pick it from the list, or use an ID returned by Get Many.',
};

export function hintFor(code: unknown): string {
	return (
		(typeof code === 'number' && HINTS[code]) || 'See the Feishu error code list for this code.'
	);
}

export interface FeishuFailure {
	code?: number;
	msg?: string;
	httpStatus?: number;
	/** What the node did before giving up, e.g. "gave up after 8 attempts". */
	attempts?: string;
	itemIndex?: number;
	/** Feishu's `data` on the failure, kept with the error for whoever can read more from it. */
	data?: unknown;
	/** What to check, when the endpoint knows better than the code's general hint. */
	hint?: string;
}

/** An API failure as n8n shows it: Feishu's code and message, and what to check. */
export function feishuApiError(node: INode, failure: FeishuFailure): NodeApiError {
	const { code, msg = 'no answer' } = failure;
	const head = code === undefined ? msg : `Feishu error ${code}: ${msg}`;
	const message = failure.attempts ? `${head} (${failure.attempts})` : head;
	const errorResponse = {
		code: code ?? null,
		msg,
		...(failure.data !== undefined ? { data: failure.data } : {}),
	};
	return new NodeApiError(node, errorResponse as JsonObject, {
		message,
		description: failure.hint ?? hintFor(failure.code),
		httpCode: failure.httpStatus ? String(failure.httpStatus) : undefined,
		itemIndex: failure.itemIndex,
	});
}
