import {
	NodeOperationError,
	sleep,
	type ICredentialsDecrypted,
	type IDataObject,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';

import { resolveOrigin, tokenIssuer } from '../origin';
import { endpointHint, endpointPath, ENDPOINTS, type Endpoint } from './endpoints';
import {
	feishuApiError,
	RATE_LIMITED,
	SYSTEM_ERROR,
	TOKEN_CODES,
	type FeishuFailure,
} from './api-errors';
import { breakerFor, type Outage } from './circuit-breaker';
import { innermostMessage, networkFailure } from './network';
import { limiterFor, type Refusal } from './rate-limiter';
import { storedToken, TokenKeeper, type Context } from './token';

import { CREDENTIAL_TYPE } from '../credential';

/**
 * Attempts for one request when Feishu answers 5xx / 1002001 or the connection fails: with
 * as many as 15% of requests failing, 8 attempts lose about one request in three million.
 */
export const MAX_ATTEMPTS = 8;
/**
 * No retry of a request starts later than this after its first attempt (an attempt itself
 * may take TIMEOUT_MS), not counting waits for the rate limit: a request that failed just
 * before the minute's budget ran out is still retried when the next minute starts.
 */
export const MAX_RETRY_WINDOW_MS = 20_000;
/** 429 answers one request may wait out before giving up. */
export const MAX_RATE_LIMIT_WAITS = 20;
const BACKOFF_MS = [250, 500, 1000, 2000, 4000];
const TIMEOUT_MS = 30_000;

export interface FeishuRequest<T = unknown> {
	endpoint: Endpoint;
	/** The ID the endpoint's path names (a talent pool, a talent), if any. */
	id?: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** The input item the request is for: named in every error. */
	itemIndex: number;
	/** Give up once this long has passed (ms), answered or not: for callers that must answer someone in time. */
	deadlineMs?: number;
	/**
	 * Makes the request a write that is not idempotent (a create). When its answer is lost
	 * after it may have been applied (the connection dropped or timed out after sending, or
	 * Feishu answered 5xx), this is asked before anything is repeated: it returns what the
	 * write would have answered if it took effect (e.g. the talent found by its key), or
	 * undefined to send it again. An error it throws fails the item, saying so.
	 */
	ifAnswerLost?: () => Promise<T | undefined>;
}

interface FeishuBody {
	code?: unknown;
	msg?: unknown;
	data?: unknown;
}

/**
 * Every call to Feishu goes through here. The credential's preAuthentication fetches the
 * tenant_access_token and n8n stores it; a token Feishu refuses (at any HTTP status) is
 * renewed once per request; 429s wait for the gateway's reset; 5xx, 1002001 and broken
 * connections are retried with backoff; requests are paced to the documented limits.
 */
export class FeishuClient {
	/** Rate limits and token fetches are per app (Feishu counts per app, not per execution). */
	private readonly app: string;
	private readonly token: TokenKeeper;

	private constructor(
		private readonly ctx: Context,
		credentials: ICredentialsDecrypted,
		readonly origin: string,
	) {
		this.app = tokenIssuer(origin, credentials.data?.appId);
		this.token = new TokenKeeper(ctx, credentials, origin, this.app);
	}

	/** Reads and checks the credential once, before anything is sent. */
	static async connect(ctx: Context): Promise<FeishuClient> {
		const data = await ctx.getCredentials(CREDENTIAL_TYPE);
		const problem = (text: string) =>
			new NodeOperationError(ctx.getNode(), `Credential "Feishu Hire API": ${text}`, {
				itemIndex: 0,
				description: 'Open the credential and correct it. Nothing was sent to Feishu.',
			});
		const target = resolveOrigin(data);
		if ('problem' in target) throw problem(target.problem);
		for (const [field, label] of [
			['appId', 'App ID'],
			['appSecret', 'App Secret'],
		]) {
			if (typeof data[field] !== 'string' || (data[field] as string).trim() === '')
				throw problem(`${label} is empty`);
		}
		const reference = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
		const credentials: ICredentialsDecrypted = {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: CREDENTIAL_TYPE,
			data: { ...data, tenantAccessToken: storedToken(data, target.origin) },
		};
		return new FeishuClient(ctx, credentials, target.origin);
	}

	/** Sends one request and returns Feishu's `data`, or throws a NodeApiError naming the item. */
	async request<T>(request: FeishuRequest<T>): Promise<T> {
		const node = this.ctx.getNode();
		const target = endpointPath(request.endpoint, request.id);
		if ('problem' in target)
			throw new NodeOperationError(node, `${target.problem}; nothing was sent`, {
				itemIndex: request.itemIndex,
			});
		const limiter = limiterFor(this.app, request.endpoint, ENDPOINTS[request.endpoint].limit);
		const breaker = breakerFor(this.app);
		const { itemIndex } = request;
		let failedAttempts = 0;
		let firstAttemptAt: number | undefined;
		/** Since the first attempt, spent waiting for the rate limiter: not retrying. */
		let limiterWaitMs = 0;
		let rateLimitWaits = 0;
		let renewed = false;
		const deadline = request.deadlineMs === undefined ? undefined : Date.now() + request.deadlineMs;
		const pastDeadline = () => deadline !== undefined && Date.now() >= deadline;
		const tooLate = () =>
			feishuApiError(node, {
				msg: `no answer within ${(request.deadlineMs ?? 0) / 1000} s`,
				itemIndex,
				hint: 'Feishu was slow to answer, or its rate limit held the request back; nothing was changed by this look-up.',
			});
		const unavailable = (outage: Outage) =>
			feishuApiError(node, {
				msg: outageMessage(outage, failedAttempts),
				itemIndex,
				hint: 'Feishu Hire, or the network between n8n and Feishu, is failing. Run the workflow again once Feishu answers: items whose request was never sent were not changed, and adding or removing a talent again is safe for the others.',
			});
		/** A write's answer was lost: did it take effect? A value means it did; undefined, send it again. */
		const settleLostAnswer = async (reason: string): Promise<T | undefined> => {
			if (!request.ifAnswerLost) return undefined;
			try {
				return await request.ifAnswerLost();
			} catch (error) {
				throw feishuApiError(node, {
					msg: `the answer was lost (${reason}) and whether the write took effect is unknown: ${innermostMessage(error)}`,
					itemIndex,
					hint: 'It may or may not have taken effect, so it was not sent again. Look in Feishu Hire before running this item again.',
				});
			}
		};
		/** A transient failure: back off and go round again, or give up saying how often it was tried. */
		const retryOrGiveUp = async (failure: Omit<FeishuFailure, 'itemIndex' | 'attempts'>) => {
			failedAttempts++;
			const outage = breaker.failed();
			if (outage) throw unavailable(outage);
			const delay = backoffMs(failedAttempts);
			if (deadline !== undefined && Date.now() + delay >= deadline) throw tooLate();
			const retryingFor = Date.now() - (firstAttemptAt ?? Date.now()) - limiterWaitMs;
			if (failedAttempts >= MAX_ATTEMPTS || retryingFor + delay > MAX_RETRY_WINDOW_MS) {
				throw feishuApiError(node, {
					...failure,
					attempts: `gave up after ${failedAttempts} attempts in ${(retryingFor / 1000).toFixed(1)} s`,
					itemIndex,
				});
			}
			await sleep(delay);
		};

		for (;;) {
			const outage = await breaker.admit();
			if (outage) throw unavailable(outage);
			const waitFrom = Date.now();
			const release = await limiter.acquire(deadline);
			if (!release) throw tooLate();
			if (firstAttemptAt === undefined) firstAttemptAt = Date.now();
			else limiterWaitMs += Date.now() - waitFrom;
			let response: IN8nHttpFullResponse;
			let sentToken: string | undefined;
			try {
				({ response, sentToken } = await this.send(request, target.path, deadline));
			} catch (error) {
				release('unanswered');
				// Slower than this caller can wait is not a failure of Feishu's: the breaker is not told.
				if (pastDeadline()) throw tooLate();
				const failure = networkFailure(error);
				if (failure === undefined) {
					breaker.succeeded();
					throw feishuApiError(node, { msg: innermostMessage(error), itemIndex });
				}
				if (failure.maybeSent) {
					const settled = await settleLostAnswer(failure.reason);
					if (settled !== undefined) return settled;
				}
				await retryOrGiveUp({ msg: `no answer (${failure.reason})` });
				continue;
			}
			const body = (
				typeof response.body === 'object' && response.body !== null ? response.body : {}
			) as FeishuBody;
			const code = typeof body.code === 'number' ? body.code : undefined;
			const msg =
				typeof body.msg === 'string'
					? body.msg
					: `HTTP ${response.statusCode} without a Feishu answer`;
			const httpStatus = response.statusCode;
			const rateLimited = code === RATE_LIMITED || httpStatus === 429;
			// A 429 pauses this app's requests on the endpoint for the gateway's reset.
			release(
				rateLimited ? refusalOf(response.headers) : code === undefined ? 'unanswered' : 'answered',
			);
			if (code === SYSTEM_ERROR || httpStatus >= 500) {
				const settled = await settleLostAnswer(`HTTP ${httpStatus}, code ${code ?? 'none'}`);
				if (settled !== undefined) return settled;
				await retryOrGiveUp({ code, msg, httpStatus });
				continue;
			}
			// Any other answer shows Feishu's gateway working. Every attempt ends in failed() or
			// succeeded(): a probe always settles the breaker.
			breaker.succeeded();
			if (code === 0) return body.data as T;

			if (code !== undefined && TOKEN_CODES.has(code) && !renewed) {
				renewed = true;
				await this.token.renew(sentToken);
				continue;
			}
			if (rateLimited) {
				if (++rateLimitWaits > MAX_RATE_LIMIT_WAITS) {
					const hint = endpointHint(request.endpoint, RATE_LIMITED);
					throw feishuApiError(node, {
						code,
						msg,
						httpStatus,
						attempts: `still limited after ${MAX_RATE_LIMIT_WAITS} waits`,
						itemIndex,
						hint,
					});
				}
				continue;
			}
			throw feishuApiError(node, {
				code,
				msg,
				httpStatus,
				itemIndex,
				data: body.data,
				hint: endpointHint(request.endpoint, code),
			});
		}
	}

	/** Sends once; returns the answer and the token it went out with. */
	private async send(
		request: FeishuRequest,
		path: string,
		deadline?: number,
	): Promise<{ response: IN8nHttpFullResponse; sentToken?: string }> {
		const options: IHttpRequestOptions = {
			method: ENDPOINTS[request.endpoint].method,
			url: `${this.origin}${path}`,
			qs: request.qs,
			arrayFormat: 'repeat',
			body: request.body,
			json: true,
			headers: request.body ? { 'Content-Type': 'application/json; charset=utf-8' } : undefined,
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
			timeout:
				deadline === undefined
					? TIMEOUT_MS
					: Math.max(1, Math.min(TIMEOUT_MS, deadline - Date.now())),
		};
		return await this.token.send(
			() =>
				this.ctx.helpers.httpRequestWithAuthentication.call(this.ctx, CREDENTIAL_TYPE, options, {
					credentialsDecrypted: this.token.credentials,
				}) as Promise<IN8nHttpFullResponse>,
		);
	}
}

/** The wait before the next attempt: 0.25, 0.5, 1, 2, then 4 s, each plus up to half again of jitter. */
function backoffMs(failedAttempts: number): number {
	const base = BACKOFF_MS[Math.min(failedAttempts - 1, BACKOFF_MS.length - 1)];
	return base + Math.floor(Math.random() * base * 0.5);
}

/** "Feishu Hire unavailable: 10 consecutive failures since 05:42:45 UTC; nothing was sent for this item". */
function outageMessage(outage: Outage, attempts: number): string {
	const since = new Date(outage.since).toISOString().slice(11, 19);
	const head = `Feishu Hire unavailable: ${outage.failures} consecutive failures since ${since} UTC`;
	return attempts === 0
		? `${head}; nothing was sent for this item`
		: `${head}; this item's request failed ${attempts} time${attempts === 1 ? '' : 's'} and was not tried again`;
}

function refusalOf(headers: IN8nHttpFullResponse['headers']): Refusal {
	const reset = Number(headers?.['x-ogw-ratelimit-reset']);
	const seconds = Number.isFinite(reset) && reset > 0 ? reset : 1;
	const cap = Number(headers?.['x-ogw-ratelimit-limit']);
	return {
		resetMs: seconds * 1000 + Math.floor(Math.random() * 250),
		windowCap: Number.isInteger(cap) && cap > 0 ? cap : undefined,
	};
}
