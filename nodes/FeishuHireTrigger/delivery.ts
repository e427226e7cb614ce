import { decryptEvent, sameText, signatureMatches } from './crypto';

/**
 * What Feishu's event delivery protocol makes of one request
 * (shared/docs/feishu-hire-events.md), before anything runs.
 */
export interface Secrets {
	encryptKey: string;
	verificationToken: string;
}

export interface Delivery {
	rawBody: Buffer;
	headers: Record<string, string | string[] | undefined>;
	now: number;
	/** Requests whose X-Lark-Request-Timestamp is older than this are refused. */
	maxAgeMs: number;
}

/** An event, whatever schema carried it. */
export interface HireEvent {
	eventId: string;
	eventType: string;
	createTime: string;
	appId: string;
	tenantKey: string;
	event: Record<string, unknown>;
	/** The envelope as Feishu sent it, decrypted, without its verification token. */
	envelope: Record<string, unknown>;
}

export type Verdict =
	| { kind: 'challenge'; challenge: string }
	| { kind: 'event'; event: HireEvent }
	| { kind: 'refused'; status: 400 | 401 | 413; reason: string };

/** Hire events are a few kilobytes; anything this large is not one. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** A timestamp this far ahead of the clock is refused as well (clock skew allowance). */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const refused = (status: 400 | 401 | 413, reason: string): Verdict => ({
	kind: 'refused',
	status,
	reason,
});

export function readDelivery(request: Delivery, secrets: Secrets): Verdict {
	const { rawBody } = request;
	if (rawBody.length > MAX_BODY_BYTES)
		return refused(413, `body of ${rawBody.length} bytes is larger than ${MAX_BODY_BYTES}`);
	let body = parseObject(rawBody.toString('utf8'));
	if (!body) return refused(400, 'body is not a JSON object');

	const header = (name: string) => {
		const value = request.headers[name];
		return Array.isArray(value) ? value[0] : value;
	};
	const timestamp = header('x-lark-request-timestamp');
	const nonce = header('x-lark-request-nonce');
	const signature = header('x-lark-signature');
	const signed = signature !== undefined;
	if (secrets.encryptKey && signed) {
		if (
			timestamp === undefined ||
			nonce === undefined ||
			!signatureMatches(signature, timestamp, nonce, secrets.encryptKey, rawBody)
		)
			return refused(401, 'X-Lark-Signature does not match the body and the Encrypt Key');
	}
	if (timestamp !== undefined) {
		const problem = staleness(timestamp, request);
		if (problem) return refused(401, problem);
	}

	if (typeof body.encrypt === 'string') {
		if (!secrets.encryptKey)
			return refused(
				400,
				'the body is encrypted but the credential has no Encrypt Key: copy it from the app’s Events & Callbacks page',
			);
		const plain = decryptEvent(secrets.encryptKey, body.encrypt);
		body = plain === undefined ? undefined : parseObject(plain);
		if (!body) return refused(400, 'the body does not decrypt with the Encrypt Key');
	}

	// Feishu signs events but not the URL check it sends when the request URL is saved.
	if (body.type === 'url_verification') {
		if (typeof body.challenge !== 'string')
			return refused(400, 'url_verification without a challenge');
		if (!tokenMatches(body.token, secrets))
			return refused(401, 'the verification token does not match the credential');
		return { kind: 'challenge', challenge: body.challenge };
	}
	if (secrets.encryptKey && !signed)
		return refused(401, 'no X-Lark-Signature, but the credential has an Encrypt Key');

	const event = normalise(body);
	if (!event) return refused(400, 'not a Feishu event (no event_id and event_type)');
	if (!tokenMatches(event.token, secrets))
		return refused(401, 'the verification token does not match the credential');
	return { kind: 'event', event: event.event };
}

function staleness(timestamp: string, { now, maxAgeMs }: Delivery): string | undefined {
	const seconds = Number(timestamp);
	if (!/^\d{1,12}$/.test(timestamp) || !Number.isFinite(seconds))
		return 'X-Lark-Request-Timestamp is not a number of seconds';
	const age = now - seconds * 1000;
	if (age > maxAgeMs)
		return `the request is ${Math.round(age / 60_000)} minutes old (at most ${Math.round(maxAgeMs / 60_000)} are accepted)`;
	if (-age > MAX_CLOCK_SKEW_MS) return 'X-Lark-Request-Timestamp is in the future';
	return undefined;
}

function tokenMatches(token: unknown, { verificationToken }: Secrets): boolean {
	if (!verificationToken) return true;
	return typeof token === 'string' && sameText(token, verificationToken);
}

/** Schema 2.0 (`header`), or the older 1.0 shape (`uuid`, `event.type`) some apps still get. */
function normalise(
	body: Record<string, unknown>,
): { event: HireEvent; token: unknown } | undefined {
	const event = asObject(body.event) ?? {};
	const header = asObject(body.header);
	const text = (value: unknown) =>
		typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
	const { token: headerToken, ...headerWithoutToken } = header ?? {};
	const { token: bodyToken, ...bodyWithoutToken } = body;
	const fields = header
		? {
				eventId: text(header.event_id),
				eventType: text(header.event_type),
				createTime: text(header.create_time),
				appId: text(header.app_id),
				tenantKey: text(header.tenant_key),
				token: headerToken,
				envelope: { ...bodyWithoutToken, header: headerWithoutToken },
			}
		: {
				eventId: text(body.uuid),
				eventType: text(event.type),
				createTime: text(body.ts),
				appId: text(event.app_id),
				tenantKey: text(event.tenant_key),
				token: bodyToken,
				envelope: bodyWithoutToken,
			};
	if (!fields.eventId || !fields.eventType) return undefined;
	const { token, ...rest } = fields;
	return { event: { ...rest, event }, token };
}

function parseObject(text: string): Record<string, unknown> | undefined {
	try {
		return asObject(JSON.parse(text));
	} catch {
		return undefined;
	}
}

function asObject(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}
