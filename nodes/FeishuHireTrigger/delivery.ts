import { asObject, normaliseEnvelope, type HireEvent } from '../shared/events/envelope';
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
	/** The bytes received; n8n keeps none for some content types (multipart/*). */
	rawBody: Buffer | undefined;
	headers: Record<string, string | string[] | undefined>;
	now: number;
	/** Requests whose X-Lark-Request-Timestamp is older than this are refused. */
	maxAgeMs: number;
}

/** An event, whatever schema carried it. */
/** Why a request was refused: one log line per cause and minute, never part of the answer. */
export type RefusalCause =
	| 'no-raw-body'
	| 'too-large'
	| 'no-secret'
	| 'max-age'
	| 'not-json'
	| 'bad-signature'
	| 'bad-timestamp'
	| 'stale'
	| 'encrypted-too-large'
	| 'no-encrypt-key'
	| 'undecryptable'
	| 'unsigned'
	| 'bad-challenge'
	| 'bad-token'
	| 'not-an-event'
	| 'event-id-too-long';

export interface Refusal {
	kind: 'refused';
	status: 400 | 401 | 413;
	cause: RefusalCause;
	reason: string;
}

export type Verdict =
	{ kind: 'challenge'; challenge: string } | { kind: 'event'; event: HireEvent } | Refusal;

/** Hire events are a few kilobytes; anything this large is not one. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Only the URL check arrives encrypted and unsigned, and it is a few hundred bytes. */
export const MAX_UNSIGNED_ENCRYPTED_BYTES = 4 * 1024;
/** Feishu's event IDs are 32 hex digits; longer ones are not kept in the deduplication store. */
export const MAX_EVENT_ID_LENGTH = 128;
/** A timestamp this far ahead of the clock is refused as well (clock skew allowance). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** Max Request Age: Feishu retries for 7 h 05 min, so the default lets its last retry through. */
export const MAX_AGE_MINUTES = { default: 450, min: 1, max: 24 * 60 } as const;

/**
 * The answer to every refused request that passed the size checks: the same status and
 * body whatever the reason, so that answers reveal neither how the credential is set up nor
 * whether a body decrypted. The reason goes to the log.
 */
export const REFUSED_STATUS = 401;
export const REFUSED_BODY = { error: 'request refused' } as const;

export const refused = (cause: RefusalCause, reason: string): Refusal => ({
	kind: 'refused',
	status: cause === 'no-raw-body' ? 400 : cause === 'too-large' ? 413 : REFUSED_STATUS,
	cause,
	reason,
});

/** Max Request Age in milliseconds, or why the option is unusable. */
export function maxAgeMsOf(minutes: unknown): { ms: number } | { problem: string } {
	if (minutes === undefined) return { ms: MAX_AGE_MINUTES.default * 60_000 };
	const { min, max } = MAX_AGE_MINUTES;
	if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < min || minutes > max)
		return {
			problem: `Max Request Age (Minutes) must be a number from ${min} to ${max}, not ${JSON.stringify(minutes)}`,
		};
	return { ms: minutes * 60_000 };
}

/** Without either secret anyone who knows the URL could start the workflow. */
export function missingSecret({ encryptKey, verificationToken }: Secrets): string | undefined {
	return encryptKey || verificationToken
		? undefined
		: 'the credential has neither a Verification Token nor an Encrypt Key: copy them from the app’s Events & Callbacks page in the Feishu developer console';
}

export function readDelivery(request: Delivery, secrets: Secrets): Verdict {
	const { rawBody } = request;
	if (rawBody === undefined)
		return refused(
			'no-raw-body',
			'n8n kept no raw body for this request (Feishu sends application/json), so its signature cannot be checked',
		);
	if (rawBody.length > MAX_BODY_BYTES)
		return refused('too-large', `body of ${rawBody.length} bytes is larger than ${MAX_BODY_BYTES}`);
	const noSecret = missingSecret(secrets);
	if (noSecret) return refused('no-secret', noSecret);
	let body = parseObject(rawBody.toString('utf8'));
	if (!body) return refused('not-json', 'body is not a JSON object');

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
			return refused(
				'bad-signature',
				'X-Lark-Signature does not match the body and the Encrypt Key',
			);
	}
	if (timestamp !== undefined) {
		const problem = staleness(timestamp, request);
		if (problem) return refused(problem.cause, problem.reason);
	}

	if (typeof body.encrypt === 'string') {
		if (!secrets.encryptKey)
			return refused(
				'no-encrypt-key',
				'the body is encrypted but the credential has no Encrypt Key: copy it from the app’s Events & Callbacks page',
			);
		if (!signed && rawBody.length > MAX_UNSIGNED_ENCRYPTED_BYTES)
			return refused(
				'encrypted-too-large',
				`an unsigned encrypted body of ${rawBody.length} bytes (only the URL check comes unsigned, and it is far smaller than ${MAX_UNSIGNED_ENCRYPTED_BYTES})`,
			);
		const plain = decryptEvent(secrets.encryptKey, body.encrypt);
		body = plain === undefined ? undefined : parseObject(plain);
		if (!body) return refused('undecryptable', 'the body does not decrypt with the Encrypt Key');
	}

	// Feishu signs events but not the URL check it sends when the request URL is saved.
	if (body.type === 'url_verification') {
		if (typeof body.challenge !== 'string')
			return refused('bad-challenge', 'url_verification without a challenge');
		if (!tokenMatches(body.token, secrets))
			return refused('bad-token', 'the verification token does not match the credential');
		return { kind: 'challenge', challenge: body.challenge };
	}
	if (secrets.encryptKey && !signed)
		return refused('unsigned', 'no X-Lark-Signature, but the credential has an Encrypt Key');

	const event = normaliseEnvelope(body);
	if (!event) return refused('not-an-event', 'not a Feishu event (no event_id and event_type)');
	if (!tokenMatches(event.token, secrets))
		return refused('bad-token', 'the verification token does not match the credential');
	if (event.event.eventId.length > MAX_EVENT_ID_LENGTH)
		return refused(
			'event-id-too-long',
			`event_id of ${event.event.eventId.length} characters (at most ${MAX_EVENT_ID_LENGTH} are kept)`,
		);
	return { kind: 'event', event: event.event };
}

function staleness(
	timestamp: string,
	{ now, maxAgeMs }: Delivery,
): { cause: RefusalCause; reason: string } | undefined {
	if (!/^\d{1,12}$/.test(timestamp))
		return {
			cause: 'bad-timestamp',
			reason: 'X-Lark-Request-Timestamp is not a number of seconds',
		};
	const age = now - Number(timestamp) * 1000;
	if (age > maxAgeMs)
		return {
			cause: 'stale',
			reason: `the request is ${Math.round(age / 60_000)} minutes old (at most ${Math.round(maxAgeMs / 60_000)} are accepted)`,
		};
	if (-age > MAX_CLOCK_SKEW_MS)
		return { cause: 'stale', reason: 'X-Lark-Request-Timestamp is in the future' };
	return undefined;
}

function tokenMatches(token: unknown, { verificationToken }: Secrets): boolean {
	if (!verificationToken) return true;
	return typeof token === 'string' && sameText(token, verificationToken);
}

function parseObject(text: string): Record<string, unknown> | undefined {
	try {
		return asObject(JSON.parse(text));
	} catch {
		return undefined;
	}
}
