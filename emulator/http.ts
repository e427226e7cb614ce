import type { IncomingMessage } from 'node:http';

import { FEISHU, FeishuFailure, type FeishuError } from './hire-errors';

/** An answer: its status, JSON body and headers. */
export interface Reply {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

/** What a handler returns: an answer, or an answer and the change it makes (applied before answering, or lost with it). */
export type Outcome = Reply | { reply: Reply; apply: () => void };

export const DIGITS = /^\d+$/;
export const INTEGER = /^-?\d+$/;

export function ok(data: unknown, msg = 'SUCCESS'): Reply {
	return { status: 200, body: { code: 0, msg, data } };
}

export function failure(error: FeishuError, msg: string = error.msg): Reply {
	return { status: error.status, body: { code: error.code, msg } };
}

/** Refuses the request with a documented Feishu error (answered by the server). */
export function fail(error: FeishuError, detail?: string): never {
	throw new FeishuFailure(error, detail);
}

/** A POST body as Hire reads it: JSON, an object, sent as application/json. */
export function jsonBody(req: IncomingMessage, rawBody: string): Record<string, unknown> {
	const contentType = req.headers['content-type'] ?? '';
	if (!contentType.toLowerCase().startsWith('application/json')) {
		fail(FEISHU.hireParamError, 'Content-Type must be application/json');
	}
	let body: unknown;
	try {
		body = JSON.parse(rawBody);
	} catch {
		fail(FEISHU.hireParamError, 'body is not JSON');
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		fail(FEISHU.hireParamError, 'body must be an object');
	return body as Record<string, unknown>;
}

export function parsedOrRaw(rawBody: string): unknown {
	try {
		return JSON.parse(rawBody);
	} catch {
		return rawBody;
	}
}

/** A decoded path segment; one with broken %-escapes stays as sent, so it fails validation instead of the server. */
export function pathSegment(raw: string): string {
	try {
		return decodeURIComponent(raw);
	} catch {
		return raw;
	}
}

/** A query that holds only the parameters an endpoint documents. */
export function checkQueryKeys(query: URLSearchParams, allowed: Set<string>): void {
	for (const key of query.keys())
		if (!allowed.has(key)) fail(FEISHU.hireParamError, `unsupported parameter ${key}`);
}

/** A time bound of a list query: a ms timestamp, or undefined when not given. */
export function msParameter(query: URLSearchParams, name: string): number | undefined {
	const raw = query.get(name);
	if (raw === null) return undefined;
	if (!/^\d+$/.test(raw)) fail(FEISHU.hireParamError, `${name} must be a ms timestamp`);
	return Number(raw);
}

/** A list's page_size: an integer from 1 to `max` (else 400 / 1002002), 10 when not given. */
export function pageSizeParameter(query: URLSearchParams, max: number): number {
	const raw = query.get('page_size');
	if (raw === null) return 10;
	const size = Number(raw);
	if (!/^\d+$/.test(raw) || size < 1 || size > max)
		fail(FEISHU.hireParamError, `page_size must be an integer from 1 to ${max}`);
	return size;
}
