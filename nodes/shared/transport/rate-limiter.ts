import { sleep } from 'n8n-workflow';

export interface RateLimit {
	perSecond: number;
	perMinute: number;
}

const SECOND_MS = 1000 + 5;
const MINUTE_MS = 60_000 + 5;
/** How often a caller blocked only by requests still in flight looks again. */
const IN_FLIGHT_POLL_MS = 10;
/** A wait this long for this process's own minute window is worth a probe of the gateway's. */
const PROBE_MIN_WAIT_MS = 2000;
/** What the reset header's whole seconds (rounded up) and the client's jitter add to a reset. */
const RESET_ROUNDING_MS = 1250;
/** How often a caller waiting for the minute window looks again (a probe may have renewed it). */
const MINUTE_RECHECK_MS = 250;
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
	/** Earlier than a minute after finishedAt when the gateway's minute window renewed sooner (see renewMinute). */
	minuteEndsAt?: number;
}

/** A 429: the gateway's reset (ms, jitter included) and the cap of the window it was for (x-ogw-ratelimit-limit). */
export interface Refusal {
	resetMs: number;
	windowCap?: number;
}

/**
 * Lets go of a slot: call it when the answer (or the failure) has arrived. 'answered': Feishu
 * answered with a code, so its gateway admitted the request; 'unanswered': no answer, or none
 * from Feishu (it may have counted all the same). A request the gateway refused with 429 had
 * no effect and is assumed not to count in its windows: it leaves ours at once. (Counting it
 * would let a process's retries after 429s use up its own 1000 a minute before Feishu's
 * does, and hold its last requests back a whole minute.) Given the Refusal, the limiter
 * also pauses everyone for the reset.
 */
export type Release = (outcome?: 'answered' | 'unanswered' | 'refused' | Refusal) => void;

const minuteEnd = (slot: Slot) => slot.minuteEndsAt ?? (slot.finishedAt as number) + MINUTE_MS;
const secondEnd = (slot: Slot) => (slot.finishedAt as number) + SECOND_MS;

/**
 * Keeps every window the gateway can count under its cap, whatever the network does.
 * A request counts from the moment it is let through until one window after its answer
 * arrived. The gateway saw it somewhere in between, so two requests that could share one of
 * the gateway's windows always overlap here too, however late either was delivered.
 * Callers are served in arrival order.
 *
 * Feishu does not say whether its minute is a trailing 60 s or a fixed one. The limiter
 * assumes trailing, which is safe for both, until the gateway shows otherwise: while this
 * process's own minute is full for PROBE_MIN_WAIT_MS or more, one request goes out to ask.
 * A trailing window would refuse it, with a reset no earlier than this process's own wait
 * (less the round trip). If the gateway admits it, or refuses with a reset a second or more
 * earlier, its minute has renewed (or will at the reset): the requests answered before then
 * no longer count in the minute, and a sync started late in a minute goes on at the full
 * rate when the next one starts instead of 60 s after its first request.
 */
export class SlidingWindowLimiter {
	private slots: Slot[] = [];
	private pausedUntil = 0;
	private queue: Promise<unknown> = Promise.resolve();
	/** The per-second cap after the last 429, and when it was set. */
	private shrunkTo: number;
	private shrunkAt = -Infinity;
	private probing = false;
	/** A refused probe that showed a trailing window: no other until this process's own minute frees a slot. */
	private noProbeBefore = 0;

	constructor(private readonly limit: RateLimit) {
		this.shrunkTo = limit.perSecond;
	}

	/** A slot in arrival order; with a deadline (epoch ms), undefined at once if none comes before it. */
	acquire(): Promise<Release>;
	acquire(deadline: number | undefined): Promise<Release | undefined>;
	acquire(deadline?: number): Promise<Release | undefined> {
		const turn = this.queue.then(async () => await this.waitForSlot(deadline));
		this.queue = turn.catch(() => undefined);
		return turn;
	}

	/** After a 429: nobody sends until the gateway's window has reset, and this process takes a smaller share. */
	pauseFor(ms: number, shrink = true): void {
		const now = Date.now();
		this.pausedUntil = Math.max(this.pausedUntil, now + ms);
		if (shrink && now - this.shrunkAt >= 1000) {
			this.shrunkTo = Math.max(1, Math.floor(this.perSecondCap(now) * SHARE_AFTER_429));
			this.shrunkAt = now;
		}
	}

	/** The per-second cap now: the documented limit, or less for a while after a 429. */
	perSecondCap(now = Date.now()): number {
		const regained = Math.floor(Math.max(0, now - this.shrunkAt) / SHARE_RECOVERY_MS);
		return Math.min(this.limit.perSecond, this.shrunkTo + regained);
	}

	private async waitForSlot(deadline = Infinity): Promise<Release | undefined> {
		for (;;) {
			const now = Date.now();
			this.slots = this.slots.filter(
				(slot) => slot.finishedAt === undefined || Math.max(secondEnd(slot), minuteEnd(slot)) > now,
			);
			const paused = this.pausedUntil - now;
			const secondWait = this.windowWait(now, this.perSecondCap(now), secondEnd);
			const minuteWait = this.windowWait(now, this.limit.perMinute, minuteEnd);
			const probe =
				paused <= 0 &&
				secondWait <= 0 &&
				Number.isFinite(minuteWait) &&
				minuteWait >= PROBE_MIN_WAIT_MS &&
				!this.probing &&
				now >= this.noProbeBefore;
			const wait = probe ? 0 : Math.max(paused, secondWait, minuteWait);
			if (now >= deadline || (Number.isFinite(wait) && now + wait >= deadline)) return undefined;
			if (wait <= 0) return this.take(now, probe);
			// A long wait for the minute can end early (a probe's answer): look again now and then.
			await sleep(Number.isFinite(wait) ? Math.min(wait, MINUTE_RECHECK_MS) : IN_FLIGHT_POLL_MS);
		}
	}

	/** A slot from now; a probe is let through while this process's own minute is full, to ask the gateway. */
	private take(sentAt: number, probe: boolean): Release {
		const slot: Slot = {};
		this.slots.push(slot);
		if (probe) this.probing = true;
		let released = false;
		return (outcome = 'answered') => {
			if (released) return;
			released = true;
			const now = Date.now();
			if (probe) this.probing = false;
			if (outcome === 'answered' || outcome === 'unanswered') {
				slot.finishedAt = now;
				// Admitted while a trailing minute would be full: the gateway's minute has renewed.
				if (probe && outcome === 'answered') this.renewMinute(sentAt, now);
				return;
			}
			this.slots = this.slots.filter((other) => other !== slot);
			if (outcome !== 'refused') this.refused(outcome, now, probe);
		};
	}

	private refused({ resetMs, windowCap }: Refusal, now: number, probe: boolean): void {
		const forMinute = windowCap === this.limit.perMinute && windowCap !== this.limit.perSecond;
		if (!forMinute) return this.pauseFor(resetMs);
		const ownWait = this.windowWait(now, this.limit.perMinute, minuteEnd);
		if (!Number.isFinite(ownWait)) return this.pauseFor(resetMs, false);
		if (resetMs + 1000 <= ownWait) {
			this.renewMinute(now, now + resetMs);
		} else if (ownWait > 0 && resetMs - ownWait < RESET_ROUNDING_MS) {
			// A trailing window, ending with ours: the header's whole seconds would only add to the wait.
			if (probe) this.noProbeBefore = now + ownWait;
			return this.pauseFor(ownWait, false);
		}
		this.pauseFor(resetMs, false);
	}

	/** The gateway's minute renews at `at`: requests answered before `before` stop counting in it then. */
	private renewMinute(before: number, at: number): void {
		for (const slot of this.slots) {
			if (slot.finishedAt !== undefined && slot.finishedAt <= before)
				slot.minuteEndsAt = Math.min(minuteEnd(slot), at);
		}
	}

	/** How long until fewer than `cap` slots count in a window; Infinity if only answers can free one. */
	private windowWait(now: number, cap: number, endOf: (slot: Slot) => number): number {
		let inFlight = 0;
		const freeAt: number[] = [];
		for (const slot of this.slots) {
			if (slot.finishedAt === undefined) inFlight++;
			else if (endOf(slot) > now) freeAt.push(endOf(slot));
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
export function limiterFor(app: string, endpoint: string, limit: RateLimit): SlidingWindowLimiter {
	const key = `${app} ${endpoint}`;
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new SlidingWindowLimiter(limit);
		limiters.set(key, limiter);
	}
	return limiter;
}
