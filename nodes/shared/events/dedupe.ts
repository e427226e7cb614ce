/**
 * Feishu delivers at least once and retries a delivery after 15 s, 5 min, 1 h and 6 h: the
 * last retry comes 7 h 05 min after the first attempt. Event IDs are kept longer than that.
 */
export const RETENTION_MS = 8 * 60 * 60_000;
/** Event IDs kept per trigger; past this the oldest are forgotten first. */
export const MAX_REMEMBERED = 20_000;

/**
 * The event IDs one trigger has accepted, in this process's memory. Not workflow static data:
 * n8n 2.41.1 keeps only the first write a webhook makes to it.
 */
export class SeenEvents {
	/** Event ID -> when it was accepted; Map order is acceptance order. */
	private readonly seen = new Map<string, number>();

	constructor(
		private retentionMs = RETENTION_MS,
		private readonly capacity = MAX_REMEMBERED,
	) {}

	/**
	 * Keeps IDs for at least `ms`: as long as the trigger's replay window admits a request,
	 * so a replayed event is always recognised.
	 */
	keepAtLeast(ms: number): this {
		this.retentionMs = Math.max(RETENTION_MS, ms);
		return this;
	}

	/** Records `eventId` and says whether it had been seen within the retention time. */
	firstTime(eventId: string, now: number): boolean {
		this.forgetOld(now);
		if (this.seen.has(eventId)) return false;
		this.seen.set(eventId, now);
		while (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value!);
		return true;
	}

	get size(): number {
		return this.seen.size;
	}

	private forgetOld(now: number): void {
		for (const [eventId, at] of this.seen) {
			if (now - at <= this.retentionMs) return;
			this.seen.delete(eventId);
		}
	}
}

const triggers = new Map<string, SeenEvents>();

/** The store of one trigger node (a workflow ID and a node ID). */
export function seenEventsOf(workflowId: string, nodeId: string): SeenEvents {
	const key = `${workflowId}/${nodeId}`;
	let store = triggers.get(key);
	if (!store) triggers.set(key, (store = new SeenEvents()));
	return store;
}
