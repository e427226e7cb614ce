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

/** A request's place in the windows: it counts while in flight and for a window after it finished. */
interface Slot {
	finishedAt?: number;
}

/** Lets go of a slot: call it when the answer (or the failure) has arrived. */
export type Release = () => void;

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

	constructor(private readonly limit: RateLimit) {}

	acquire(): Promise<Release> {
		const turn = this.queue.then(async () => await this.waitForSlot());
		this.queue = turn.catch(() => undefined);
		return turn;
	}

	/** After a 429: nobody sends until the gateway's window has reset. */
	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}

	private async waitForSlot(): Promise<Release> {
		for (;;) {
			const now = Date.now();
			this.slots = this.slots.filter(
				(slot) => slot.finishedAt === undefined || slot.finishedAt + MINUTE_MS > now,
			);
			const wait = Math.max(
				this.pausedUntil - now,
				this.windowWait(now, this.limit.perSecond, SECOND_MS),
				this.windowWait(now, this.limit.perMinute, MINUTE_MS),
			);
			if (wait <= 0) {
				const slot: Slot = {};
				this.slots.push(slot);
				return () => {
					slot.finishedAt ??= Date.now();
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
