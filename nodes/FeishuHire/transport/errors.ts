import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

/** Codes after which a fresh tenant_access_token is fetched once and the request repeated. */
export const TOKEN_CODES = new Set([99991661, 99991663, 99991664, 99991671]);
export const RATE_LIMITED = 99991400;
export const SYSTEM_ERROR = 1002001;
export const SCOPE_MISSING = 99991672;
/** Hire's "Duplicate talent": combined_create found the email, mobile or ID document on another talent. */
export const DUPLICATE_TALENT = 1002105;

const HINTS: Record<number, string> = {
	10003: 'Check the App ID, and that the app is a published self-built app.',
	10014: 'Check the App Secret (Developer Console → Credentials & Basic Info).',
	99991543: 'Check the App ID and App Secret.',
	99991661: 'Feishu saw no access token. Check the credential.',
	99991663:
		'The tenant access token was refused even after a new one was fetched. Check the App ID and App Secret.',
	99991664: 'The app access token was refused. Check the App ID and App Secret.',
	99991671: 'The access token had the wrong format. Check the credential.',
	99991672:
		'Grant the app the scope hire:talent_folder (adding talents), hire:talent_folder:readonly (listing pools) or hire:talent:readonly (finding and reading talents), then publish a new app version.',
	99991400:
		'Feishu limits how often each app may call each endpoint (e.g. 50 per second and 1000 per minute). Run the workflow again later, or in smaller batches.',
	1002001: 'Feishu had an internal error. Try again later.',
	1002002:
		'Feishu rejected a parameter. Check the values the item gives, e.g. that IDs are 19-digit strings.',
	1002004: 'Page size must be between 1 and 100.',
	1002005: 'At most 50 talent pool IDs can be sent in one request.',
	1002102:
		'Check the Talent ID: it must belong to a talent that exists in Feishu Hire (deleted talents cannot be read).',
	1002109: 'Check the Talent Pool: pick it from the list, or use an ID returned by Get Many.',
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
