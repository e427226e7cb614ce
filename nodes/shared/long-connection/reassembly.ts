import { headerOf, type Frame } from './frame';

/** Parts of a split message wait this long for the rest (the Node SDK's 10 s). */
const PART_TTL_MS = 10_000;

interface Group {
	parts: Array<Uint8Array | undefined>;
	started: number;
}

/**
 * Joins the parts of split messages: grouped by message_id into `sum` slots by `seq`, the
 * bytes joined in order once all are there (a cut may fall inside a character). Parts that
 * do not fit (sum not a positive integer, seq out of range, sum changing, empty) are dropped.
 */
export class Reassembler {
	private readonly groups = new Map<string, Group>();

	/** The whole message once `frame` completes it, with the frame that completed it. */
	add(frame: Frame, now: number): { bytes: Buffer; frame: Frame } | undefined {
		this.expire(now);
		const messageId = headerOf(frame, 'message_id') ?? '';
		const sum = Number(headerOf(frame, 'sum') ?? '1');
		const seq = Number(headerOf(frame, 'seq') ?? '0');
		const payload = frame.payload;
		if (!Number.isInteger(sum) || sum < 1 || !Number.isInteger(seq) || seq < 0 || seq >= sum)
			return undefined;
		if (!payload || payload.length === 0) return undefined;
		if (sum === 1) return { bytes: Buffer.from(payload), frame };
		const group = this.groups.get(messageId) ?? {
			parts: new Array(sum).fill(undefined),
			started: now,
		};
		if (group.parts.length !== sum) return undefined;
		group.parts[seq] = payload;
		this.groups.set(messageId, group);
		if (group.parts.some((part) => part === undefined)) return undefined;
		this.groups.delete(messageId);
		return { bytes: Buffer.concat(group.parts as Uint8Array[]), frame };
	}

	clear(): void {
		this.groups.clear();
	}

	private expire(now: number): void {
		for (const [messageId, group] of this.groups)
			if (now - group.started > PART_TTL_MS) this.groups.delete(messageId);
	}
}
