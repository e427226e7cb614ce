import { sleep } from 'n8n-workflow';

export interface RateLimit {
	perSecond: number;
	perMinute: number;
}

/** Feishu's documented limits for each talent-pool endpoint, per app. */
export const FEISHU_LIMITS: RateLimit = { perSecond: 50, perMinute: 1000 };

/*
 * The windows are a little wider than a second and a minute, so that requests the gateway
 * receives a few milliseconds later or closer together than they were sent still fit.
 */
const SECOND_MS = 1000 + 30;
const MINUTE_MS = 60_000 + 250;

/**
 * Sliding-window limiter: a request is sent only when fewer than `perSecond` were sent in
 * the last second and fewer than `perMinute` in the last minute, which keeps every window
 * the gateway could count under its cap. Callers are served in arrival order.
 */
export class SlidingWindowLimiter {
	private readonly sent: number[] = [];
	private pausedUntil = 0;
	private queue: Promise<void> = Promise.resolve();

	constructor(private readonly limit: RateLimit) {}

	acquire(): Promise<void> {
		const turn = this.queue.then(async () => await this.waitForSlot());
		this.queue = turn.catch(() => undefined);
		return turn;
	}

	/** After a 429: nobody sends until the gateway's window has reset. */
	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}

	private async waitForSlot(): Promise<void> {
		for (;;) {
			const now = Date.now();
			while (this.sent.length > 0 && now - this.sent[0] >= MINUTE_MS) this.sent.shift();
			const wait = Math.max(
				this.pausedUntil - now,
				this.windowWait(now, this.limit.perSecond, SECOND_MS),
				this.windowWait(now, this.limit.perMinute, MINUTE_MS),
			);
			if (wait <= 0) {
				this.sent.push(now);
				return;
			}
			await sleep(wait);
		}
	}

	/** How long until the window of `width` ending now holds fewer than `cap` requests. */
	private windowWait(now: number, cap: number, width: number): number {
		if (this.sent.length < cap) return 0;
		return this.sent[this.sent.length - cap] + width - now;
	}
}

const limiters = new Map<string, SlidingWindowLimiter>();

/**
 * One limiter per app and endpoint in this process, so that concurrent executions sharing
 * a credential share its budget. (In queue mode each worker has its own; the gateway's 429
 * and its reset header then coordinate them.)
 */
export function limiterFor(app: string, endpoint: string, limit: RateLimit = FEISHU_LIMITS): SlidingWindowLimiter {
	const key = `${app} ${endpoint}`;
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new SlidingWindowLimiter(limit);
		limiters.set(key, limiter);
	}
	return limiter;
}
