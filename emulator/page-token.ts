import { createHash } from 'node:crypto';

import { FEISHU, FeishuFailure } from './hire-errors';

/*
 * Opaque page tokens. Every token starts with bytes that base64-encode to "+/+/" and is
 * padded with "=", so a client that forgets to URL-encode it sends a "+" that the server
 * reads as a space, and the token is rejected, as a real one would be.
 */
const MAGIC = Buffer.from([0xfb, 0xff, 0xbf]);

function fingerprint(secret: string, offset: number, scope: string): string {
	return createHash('sha256').update(`${secret}|${offset}|${scope}`).digest('hex').slice(0, 12);
}

export function encodePageToken(secret: string, offset: number, scope: string): string {
	let body = JSON.stringify({ o: offset, f: fingerprint(secret, offset, scope) });
	while ((MAGIC.length + Buffer.byteLength(body)) % 3 === 0) body += ' ';
	return Buffer.concat([MAGIC, Buffer.from(body)]).toString('base64');
}

/** The offset the token stands for, or undefined for anything this server did not issue for this query. */
export function decodePageToken(secret: string, token: string, scope: string): number | undefined {
	const bytes = Buffer.from(token, 'base64');
	if (bytes.toString('base64') !== token || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
		return undefined;
	try {
		const { o, f } = JSON.parse(bytes.subarray(MAGIC.length).toString()) as {
			o: unknown;
			f: unknown;
		};
		if (typeof o !== 'number' || !Number.isInteger(o) || o < 0) return undefined;
		return f === fingerprint(secret, o, scope) ? o : undefined;
	} catch {
		return undefined;
	}
}

/**
 * One page of `items` as Hire's list endpoints answer it: `items`, `has_more`, and a
 * `page_token` (bound to `scope`, the query's filters) only when more follow.
 */
export function page<T>(
	secret: string,
	items: readonly T[],
	pageSize: number,
	pageToken: string | null | undefined,
	scope: string,
): { items: T[]; has_more: boolean; page_token?: string } {
	let offset = 0;
	if (pageToken !== null && pageToken !== undefined) {
		const decoded = decodePageToken(secret, pageToken, scope);
		if (decoded === undefined)
			throw new FeishuFailure(FEISHU.hireParamError, 'page_token is invalid');
		offset = decoded;
	}
	const slice = items.slice(offset, offset + pageSize);
	const next = offset + slice.length;
	const hasMore = next < items.length;
	return {
		items: slice,
		has_more: hasMore,
		...(hasMore ? { page_token: encodePageToken(secret, next, scope) } : {}),
	};
}
