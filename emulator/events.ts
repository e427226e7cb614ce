import axios from 'axios';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Feishu's event delivery, as its pages document it (shared/docs/feishu-hire-events.md):
 * schema 2.0 envelopes, AES-256-CBC encryption with the app's Encrypt Key, the
 * X-Lark-Signature over the raw body, url_verification, and the retry schedule.
 */

/** The Hire events a trigger can subscribe to, with the scope each needs. */
export const HIRE_EVENT_SCOPES = {
	'hire.application.stage_changed_v1': 'hire:application:readonly',
	'hire.application.deleted_v1': 'hire:application:readonly',
	'hire.talent.deleted_v1': 'hire:talent:readonly',
	'hire.talent.tag_subscription_v1': 'hire:talent:readonly',
	'hire.offer.status_changed_v1': 'hire:offer:readonly',
} as const;

export type HireEventType = keyof typeof HIRE_EVENT_SCOPES;

export interface EventEnvelope {
	schema: '2.0';
	header: {
		event_id: string;
		event_type: string;
		/** Milliseconds, as a string. */
		create_time: string;
		token: string;
		app_id: string;
		tenant_key: string;
	};
	event: Record<string, unknown>;
}

export interface EnvelopeOptions {
	eventId?: string;
	appId?: string;
	tenantKey?: string;
	verificationToken?: string;
	createTime?: number;
}

export function hireEvent(
	eventType: HireEventType | string,
	event: Record<string, unknown>,
	options: EnvelopeOptions = {},
): EventEnvelope {
	return {
		schema: '2.0',
		header: {
			event_id: options.eventId ?? randomBytes(16).toString('hex'),
			event_type: eventType,
			create_time: String(options.createTime ?? Date.now()),
			token: options.verificationToken ?? '',
			app_id: options.appId ?? 'cli_emulator00001',
			tenant_key: options.tenantKey ?? 'emulator-tenant',
		},
		event,
	};
}

/** key = SHA-256 of the Encrypt Key; `encrypt` = base64(IV + AES-256-CBC ciphertext, PKCS#7). */
export function encryptForFeishu(
	encryptKey: string,
	plaintext: string,
	iv = randomBytes(16),
): string {
	const key = createHash('sha256').update(encryptKey).digest();
	const cipher = createCipheriv('aes-256-cbc', key, iv);
	return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

export function decryptFromFeishu(encryptKey: string, encrypted: string): string {
	const key = createHash('sha256').update(encryptKey).digest();
	const bytes = Buffer.from(encrypted, 'base64');
	const decipher = createDecipheriv('aes-256-cbc', key, bytes.subarray(0, 16));
	return Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]).toString('utf8');
}

/** hex(SHA-256(timestamp + nonce + Encrypt Key + raw body)). */
export function feishuSignature(
	timestamp: string,
	nonce: string,
	encryptKey: string,
	rawBody: string,
): string {
	return createHash('sha256')
		.update(timestamp + nonce + encryptKey + rawBody)
		.digest('hex');
}

export interface DeliveryOptions {
	/** With an Encrypt Key the body is `{"encrypt": …}` and signed. */
	encryptKey?: string;
	/** Send no signature headers even with an Encrypt Key (a forged or misconfigured sender). */
	unsigned?: boolean;
	/** Change the body after signing it. */
	tamper?: boolean;
	/** The timestamp header, in seconds (default now). */
	timestampSeconds?: number;
	/**
	 * Feishu retries when the answer is not HTTP 200 within 3 s: after 15 s, 5 min, 1 h and
	 * 6 h. Tests compress the schedule: each wait is multiplied by this (default 0: no retries).
	 */
	retryScale?: number;
	/** How long an answer may take (Feishu: 3 s for events, 1 s for url_verification). */
	answerWithinMs?: number;
}

/** Feishu's documented retry waits after a failed delivery, in milliseconds. */
export const RETRY_SCHEDULE_MS = [15_000, 300_000, 3_600_000, 21_600_000];
const ANSWER_WITHIN_MS = 3_000;
const CHALLENGE_ANSWER_WITHIN_MS = 1_000;

export interface DeliveryAttempt {
	status: number;
	/** The answer's body, as text. */
	body: string;
	ms: number;
}

/** The body and headers Feishu sends for `payload`. */
export function deliveryRequest(payload: object, options: DeliveryOptions = {}) {
	const plain = JSON.stringify(payload);
	const body = options.encryptKey
		? JSON.stringify({ encrypt: encryptForFeishu(options.encryptKey, plain) })
		: plain;
	const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
	if (options.encryptKey && !options.unsigned) {
		const timestamp = String(options.timestampSeconds ?? Math.floor(Date.now() / 1000));
		const nonce = randomBytes(8).toString('hex');
		headers['X-Lark-Request-Timestamp'] = timestamp;
		headers['X-Lark-Request-Nonce'] = nonce;
		headers['X-Lark-Signature'] = feishuSignature(timestamp, nonce, options.encryptKey, body);
	}
	return { body: options.tamper ? body.replace(/.$/, ' }') : body, headers };
}

/**
 * Delivers an event (or any payload) to `url` as Feishu does, retrying on its schedule while
 * the answer is not 200 within 3 s. Returns every attempt.
 */
export async function deliver(
	url: string,
	payload: object,
	options: DeliveryOptions = {},
): Promise<DeliveryAttempt[]> {
	const attempts: DeliveryAttempt[] = [];
	const { body, headers } = deliveryRequest(payload, options);
	const retries = options.retryScale ? RETRY_SCHEDULE_MS : [];
	for (let attempt = 0; ; attempt++) {
		const started = Date.now();
		const answer = await axios
			.post(url, body, {
				headers,
				timeout: options.answerWithinMs ?? ANSWER_WITHIN_MS,
				transformResponse: (text) => text,
				validateStatus: () => true,
			})
			.then((response) => ({ status: response.status, body: String(response.data ?? '') }))
			.catch(() => ({ status: 0, body: '' }));
		attempts.push({ ...answer, ms: Date.now() - started });
		if (answer.status === 200 || attempt >= retries.length) return attempts;
		await new Promise((resolve) =>
			setTimeout(resolve, retries[attempt] * (options.retryScale ?? 0)),
		);
	}
}

/** What Feishu POSTs when the request URL is saved: `{ challenge, token, type }`, encrypted with an Encrypt Key. */
export function urlVerification(challenge: string, verificationToken: string) {
	return { challenge, token: verificationToken, type: 'url_verification' };
}

/** The app's Events & Callbacks settings, as its developer console holds them. */
export interface EventSettings {
	appId: string;
	tenantKey: string;
	encryptKey: string;
	verificationToken: string;
}

/** What the inspection API (`POST /__emulator/events`) and the CLI ask the emulator to send. */
export interface EventRequest {
	url: string;
	/** Default hire.application.stage_changed_v1. */
	eventType?: string;
	/** The event's fields (default: the first seeded application's stage change). */
	event?: Record<string, unknown>;
	eventId?: string;
	/** Send url_verification with this challenge instead of an event. */
	challenge?: string;
	/** Send in clear text, unsigned, as an app without an Encrypt Key gets it. */
	plain?: boolean;
	unsigned?: boolean;
	tamper?: boolean;
	timestampSeconds?: number;
	/** Another verification token than the app's (a forged request). */
	verificationToken?: string;
	/** Sign and encrypt with another key than the app's (a forged request). */
	encryptKey?: string;
	retryScale?: number;
}

/** Sends one event (or a url_verification) as the app's settings make Feishu send it. */
export async function sendEvent(
	settings: EventSettings,
	request: EventRequest,
	defaultEvent: Record<string, unknown>,
): Promise<{ payload: object; attempts: DeliveryAttempt[] }> {
	const token = request.verificationToken ?? settings.verificationToken;
	const payload =
		request.challenge !== undefined
			? urlVerification(request.challenge, token)
			: hireEvent(
					request.eventType ?? 'hire.application.stage_changed_v1',
					request.event ?? defaultEvent,
					{
						eventId: request.eventId,
						appId: settings.appId,
						tenantKey: settings.tenantKey,
						verificationToken: token,
					},
				);
	const attempts = await deliver(request.url, payload, {
		encryptKey: request.plain ? undefined : (request.encryptKey ?? settings.encryptKey),
		// Feishu sends the URL check without signature headers.
		unsigned: request.unsigned ?? request.challenge !== undefined,
		tamper: request.tamper,
		timestampSeconds: request.timestampSeconds,
		retryScale: request.retryScale,
		answerWithinMs: request.challenge !== undefined ? CHALLENGE_ANSWER_WITHIN_MS : undefined,
	});
	return { payload, attempts };
}
