/**
 * Connection failures worth another attempt, each with whether the request may have reached
 * Feishu. One list: the codes n8n's HTTP client sets, and the same words in its messages.
 */
const NETWORK_FAILURES: Record<string, { sent: boolean }> = {
	ECONNRESET: { sent: true },
	ECONNABORTED: { sent: true },
	ETIMEDOUT: { sent: true },
	EPIPE: { sent: true },
	ECONNREFUSED: { sent: false },
	EAI_AGAIN: { sent: false },
	EHOSTUNREACH: { sent: false },
	ENETUNREACH: { sent: false },
	ERR_SOCKET_CONNECTION_TIMEOUT: { sent: false },
};

/** Message texts of the same failures, where n8n keeps no code (and axios's own two). */
const FAILURE_TEXT = new RegExp(
	[...Object.keys(NETWORK_FAILURES), 'socket hang up', 'timeout of \\d+ms exceeded'].join('|'),
	'i',
);

export interface NetworkFailure {
	/** The code or text that identified it, e.g. "ECONNRESET". */
	reason: string;
	/** Whether the request may have reached Feishu (and so may have taken effect). */
	maybeSent: boolean;
}

/**
 * What went wrong when a request got no answer worth reading and may be repeated, or
 * undefined. n8n wraps the HTTP client's error; depending on its version the code survives
 * on `cause` or only in the original message kept in `messages`.
 */
export function networkFailure(error: unknown): NetworkFailure | undefined {
	let cause = error as { code?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; cause && depth < 4; depth++) {
		if (typeof cause.code === 'string' && Object.hasOwn(NETWORK_FAILURES, cause.code))
			return { reason: cause.code, maybeSent: NETWORK_FAILURES[cause.code].sent };
		cause = cause.cause as typeof cause;
	}
	const { messages = [], message } = error as { messages?: unknown[]; message?: unknown };
	for (const text of [...messages, message]) {
		const match = typeof text === 'string' ? FAILURE_TEXT.exec(text) : null;
		if (match) {
			const known = NETWORK_FAILURES[match[0].toUpperCase()];
			return { reason: match[0], maybeSent: known?.sent ?? true };
		}
	}
	return undefined;
}

/** The innermost readable message, never the request itself (it carries the token). */
export function innermostMessage(error: unknown): string {
	let message = error instanceof Error ? error.message : String(error);
	for (
		let cause = (error as { cause?: unknown })?.cause, depth = 0;
		cause instanceof Error && depth < 4;
		depth++
	) {
		message = cause.message;
		cause = (cause as { cause?: unknown }).cause;
	}
	return message;
}
