import { sleep } from 'n8n-workflow';

import { ENDPOINTS, type Endpoint } from './endpoints';

export interface RateLimit {
	perSecond: number;
	perMinute: number;
}

const SECOND_MS = 1000 + 5;
const MINUTE_MS = 60_000 + 5;
/** How often a caller blocked only by requests still in flight looks again. */
const IN_FLIGHT_POLL_MS = 10;
/**
 * After a 429 this process takes a smaller share of the per-second limit: other processes
 * (queue-mode workers) are using the app's budget too. The share shrinks to SHARE_AFTER_429
 * of what it was (at most once per second, whatever the number of 429s that arrive together)
 * and grows back by one request per second every SHARE_RECOVERY_MS without a 429.
 */
const SHARE_AFTER_429 = 0.6;
const SHARE_RECOVERY_MS = 1000;

/** A request's place in the windows: it counts while in flight and for a window after it finished. */
interface Slot {
	finishedAt?: number;
}

/**
 * Lets go of a slot: call it when the answer (or the failure) has arrived. A request the
 * gateway refused with 429 had no effect and is assumed not to count in its windows: it
 * leaves ours at once. (Counting it would let a process's retries after 429s use up its
 * own 1000 a minute before Feishu's does, and hold its last requests back a whole minute.)
 */
export type Release = (outcome?: 'answered' | 'refused') => void;

/**
 * Keeps every window the gateway can count under its cap, whatever the network does.
 * A request counts from the moment it is let through until one window after its answer
 * arrived. The gateway saw it somewhere in between, so two requests that could share one of
 * the gateway's windows always overlap here too, however late either was delivered.
 * Callers are served in arrival order.
 */
export class SlidingWindowLimiter {
	private slots: Slot[] = [];
	private pausedUntil = 0;
	private queue: Promise<unknown> = Promise.resolve();
	/** The per-second cap after the last 429, and when it was set. */
	private shrunkTo: number;
	private shrunkAt = -Infinity;

	constructor(private readonly limit: RateLimit) {
		this.shrunkTo = limit.perSecond;
	}

	acquire(): Promise<Release> {
		const turn = this.queue.then(async () => await this.waitForSlot());
		this.queue = turn.catch(() => undefined);
		return turn;
	}

	/** After a 429: nobody sends until the gateway's window has reset, and this process takes a smaller share. */
	pauseFor(ms: number): void {
		const now = Date.now();
		this.pausedUntil = Math.max(this.pausedUntil, now + ms);
		if (now - this.shrunkAt >= 1000) {
			this.shrunkTo = Math.max(1, Math.floor(this.perSecondCap(now) * SHARE_AFTER_429));
			this.shrunkAt = now;
		}
	}

	/** The per-second cap now: the documented limit, or less for a while after a 429. */
	perSecondCap(now = Date.now()): number {
		const regained = Math.floor(Math.max(0, now - this.shrunkAt) / SHARE_RECOVERY_MS);
		return Math.min(this.limit.perSecond, this.shrunkTo + regained);
	}

	private async waitForSlot(): Promise<Release> {
		for (;;) {
			const now = Date.now();
			this.slots = this.slots.filter(
				(slot) => slot.finishedAt === undefined || slot.finishedAt + MINUTE_MS > now,
			);
			const wait = Math.max(
				this.pausedUntil - now,
				this.windowWait(now, this.perSecondCap(now), SECOND_MS),
				this.windowWait(now, this.limit.perMinute, MINUTE_MS),
			);
			if (wait <= 0) {
				const slot: Slot = {};
				this.slots.push(slot);
				return (outcome = 'answered') => {
					if (outcome === 'refused') this.slots = this.slots.filter((other) => other !== slot);
					else slot.finishedAt ??= Date.now();
				};
			}
			await sleep(Number.isFinite(wait) ? wait : IN_FLIGHT_POLL_MS);
		}
	}

	/** How long until fewer than `cap` slots count in a window of `width`; Infinity if only answers can free one. */
	private windowWait(now: number, cap: number, width: number): number {
		let inFlight = 0;
		const freeAt: number[] = [];
		for (const slot of this.slots) {
			if (slot.finishedAt === undefined) inFlight++;
			else if (slot.finishedAt + width > now) freeAt.push(slot.finishedAt + width);
		}
		const excess = inFlight + freeAt.length - cap + 1;
		if (excess <= 0) return 0;
		if (excess > freeAt.length) return Infinity;
		freeAt.sort((a, b) => a - b);
		return freeAt[excess - 1] - now;
	}
}

const limiters = new Map<string, SlidingWindowLimiter>();

/**
 * One limiter per app and endpoint in this process, so that concurrent executions sharing
 * a credential share its budget. (In queue mode each worker has its own; the gateway's 429
 * and its reset header then coordinate them.)
 */
export function limiterFor(app: string, endpoint: Endpoint): SlidingWindowLimiter {
	const key = `${app} ${endpoint}`;
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new SlidingWindowLimiter(ENDPOINTS[endpoint].limit);
		limiters.set(key, limiter);
	}
	return limiter;
}
