import { SlidingWindowLimiter, type Release } from '../../../nodes/shared/transport/rate-limiter';
import { sleep } from 'n8n-workflow';

import {
	FixedWindowLimiter,
	paceFloorMs,
	peakInFixedWindows,
	peakInWindow,
	type Admission,
} from '../../../emulator/rate-limit';

/*
 * On Jest's fake clock: Date.now and the timers behind n8n-workflow's sleep are virtual,
 * so these tests state what the limiter does at which moment without waiting for it.
 */
beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

/** Acquires a slot and records the virtual time it was granted. */
function track(limiter: SlidingWindowLimiter) {
	const state: { at?: number; release?: Release } = {};
	void limiter.acquire().then((release) => {
		state.at = Date.now();
		state.release = release;
	});
	return state;
}

describe('client-side limiter', () => {
	it('never lets more than perSecond requests start within any second', async () => {
		const limiter = new SlidingWindowLimiter({ perSecond: 5, perMinute: 1000 });
		const starts: number[] = [];
		for (let i = 0; i < 12; i++)
			void limiter.acquire().then((release) => (release(), starts.push(Date.now())));
		await jest.advanceTimersByTimeAsync(5000);
		expect(starts).toHaveLength(12);
		expect(
			peakInWindow(
				[...starts].sort((a, b) => a - b),
				1000,
			),
		).toBe(5);
	});

	it('does not count a request the gateway refused (429) in its windows', async () => {
		const limiter = new SlidingWindowLimiter({ perSecond: 50, perMinute: 3 });
		const first = await limiter.acquire();
		first('refused');
		for (let i = 0; i < 2; i++) (await limiter.acquire())('answered');
		// Two answered, one refused: a third answered request still fits in the minute.
		const third = track(limiter);
		await jest.advanceTimersByTimeAsync(0);
		expect(third.at).toBe(1_000_000);
		third.release?.();
		// The minute is full: one probe asks the gateway, which (trailing) refuses it until the first frees.
		const probe = track(limiter);
		const fourth = track(limiter);
		await jest.advanceTimersByTimeAsync(0);
		expect(probe.at).toBe(1_000_000);
		probe.release?.({ resetMs: 60_000, windowCap: 3 });
		await jest.advanceTimersByTimeAsync(30_000);
		expect(fourth.at).toBeUndefined();
	});

	it('answers a caller with a deadline at once when no slot comes before it', async () => {
		const limiter = new SlidingWindowLimiter({ perSecond: 2, perMinute: 1000 });
		limiter.pauseFor(3000);
		expect(await limiter.acquire(Date.now() + 2000)).toBeUndefined();
		expect(Date.now()).toBe(1_000_000);
		const later = limiter.acquire(Date.now() + 4000);
		await jest.advanceTimersByTimeAsync(3000);
		expect(await later).toBeInstanceOf(Function);
		// Two requests in flight fill the second: only an answer can free a slot, so it waits for one until the deadline.
		await limiter.acquire();
		let outcome: string | undefined;
		void limiter
			.acquire(Date.now() + 500)
			.then((release) => (outcome = release ? 'slot' : 'deadline'));
		await jest.advanceTimersByTimeAsync(400);
		expect(outcome).toBeUndefined();
		await jest.advanceTimersByTimeAsync(200);
		expect(outcome).toBe('deadline');
	});

	it('holds everyone back after a 429 until the reset has passed', async () => {
		const limiter = new SlidingWindowLimiter({ perSecond: 50, perMinute: 1000 });
		limiter.pauseFor(300);
		const slot = track(limiter);
		await jest.advanceTimersByTimeAsync(299);
		expect(slot.at).toBeUndefined();
		await jest.advanceTimersByTimeAsync(10);
		expect(slot.at).toBeDefined();
	});

	it('after a 429 takes 60% of its per-second share, once for 429s that come together, and regains one per second', async () => {
		const limiter = new SlidingWindowLimiter({ perSecond: 50, perMinute: 100_000 });
		expect(limiter.perSecondCap()).toBe(50);
		limiter.pauseFor(1000);
		limiter.pauseFor(1000);
		expect(limiter.perSecondCap()).toBe(30);
		await jest.advanceTimersByTimeAsync(5000);
		expect(limiter.perSecondCap()).toBe(35);
		limiter.pauseFor(1000);
		expect(limiter.perSecondCap()).toBe(21);
		await jest.advanceTimersByTimeAsync(60_000);
		expect(limiter.perSecondCap()).toBe(50);
	});

	it('lets only its reduced share start within a second after a 429', async () => {
		const limiter = new SlidingWindowLimiter({ perSecond: 10, perMinute: 100_000 });
		limiter.pauseFor(0);
		const starts: number[] = [];
		for (let i = 0; i < 20; i++)
			void limiter.acquire().then((release) => (release(), starts.push(Date.now())));
		await jest.advanceTimersByTimeAsync(999);
		expect(starts).toHaveLength(6);
	});

	it('serves callers in the order they asked', async () => {
		const limiter = new SlidingWindowLimiter({ perSecond: 2, perMinute: 1000 });
		const order: number[] = [];
		for (const n of [0, 1, 2, 3])
			void limiter.acquire().then((release) => (release(), order.push(n)));
		await jest.advanceTimersByTimeAsync(3000);
		expect(order).toEqual([0, 1, 2, 3]);
	});

	it('frees a slot a second after its answer arrived, not after it was sent', async () => {
		const limiter = new SlidingWindowLimiter({ perSecond: 1, perMinute: 1000 });
		const first = track(limiter);
		await jest.advanceTimersByTimeAsync(0);
		const second = track(limiter);
		await jest.advanceTimersByTimeAsync(300);
		first.release?.();
		// Sent at 0, answered at 300: the slot counts until 1300, so 1000 after sending is too early.
		await jest.advanceTimersByTimeAsync(800);
		expect(second.at).toBeUndefined();
		await jest.advanceTimersByTimeAsync(300);
		expect(second.at).toBeDefined();
	});

	it('a request still waiting for its answer keeps its slot', async () => {
		const limiter = new SlidingWindowLimiter({ perSecond: 1, perMinute: 1000 });
		const pending = track(limiter);
		await jest.advanceTimersByTimeAsync(0);
		const next = track(limiter);
		await jest.advanceTimersByTimeAsync(5000);
		expect(next.at).toBeUndefined();
		pending.release?.();
		await jest.advanceTimersByTimeAsync(1100);
		expect(next.at).toBeDefined();
	});

	it('keeps a minute budget as well', async () => {
		const limiter = new SlidingWindowLimiter({ perSecond: 100, perMinute: 3 });
		const slots = Array.from({ length: 5 }, () => track(limiter));
		await jest.advanceTimersByTimeAsync(10);
		for (const slot of slots.slice(0, 3)) slot.release?.();
		expect(slots.filter((slot) => slot.at !== undefined)).toHaveLength(3);
		// Waiting ~60 s is worth one probe; a trailing window refuses it, resetting when ours does.
		await jest.advanceTimersByTimeAsync(10);
		expect(slots[3].at).toBeDefined();
		slots[3].release?.({ resetMs: 59_990, windowCap: 3 });
		await jest.advanceTimersByTimeAsync(59_000);
		expect(slots[4].at).toBeUndefined();
		await jest.advanceTimersByTimeAsync(1_100);
		expect(slots[4].at).toBeDefined();
	});
});

/** A gateway that counts trailing windows: at most `cap` admitted in any `width` ms. */
class TrailingWindowGateway {
	private readonly times: number[] = [];

	constructor(private readonly limits: { perSecond: number; perMinute: number }) {}

	admit(_key: string, now: number): Admission {
		for (const [cap, width] of [
			[this.limits.perMinute, 60_000],
			[this.limits.perSecond, 1000],
		]) {
			const inWindow = this.times.filter((time) => time > now - width);
			if (inWindow.length >= cap)
				return {
					admitted: false,
					limit: cap,
					resetSeconds: Math.max(1, Math.ceil((inWindow[0] + width - now) / 1000)),
				};
		}
		this.times.push(now);
		return { admitted: true };
	}
}

/**
 * The gateways never admit more than their caps: what these tests check is how close the
 * limiter comes to them, how long it takes and how many 429s it provokes.
 *
 * Each process sends its `total` requests, 10 at a time, each reaching the gateway `rttMs`
 * after it was let through and answered at once; a 429 is released with the gateway's reset
 * and cap, and tried again.
 */
async function drive(
	gateway: { admit(key: string, now: number): Admission },
	processes: Array<{ limiter: SlidingWindowLimiter; total: number; rttMs?: number }>,
) {
	const startedAt = Date.now();
	const admitted: number[] = [];
	let refused = 0;
	const run = async ({ limiter, total, rttMs = 20 }: (typeof processes)[number]) => {
		let started = 0;
		const worker = async () => {
			while (started < total) {
				started++;
				for (;;) {
					const release = await limiter.acquire();
					await sleep(rttMs);
					const admission = gateway.admit('endpoint', Date.now());
					if (admission.admitted) {
						admitted.push(Date.now());
						release('answered');
						break;
					}
					refused++;
					release({ resetMs: admission.resetSeconds * 1000, windowCap: admission.limit });
				}
			}
		};
		await Promise.all(Array.from({ length: 10 }, worker));
	};
	let done = false;
	const all = Promise.all(processes.map(run)).then(() => (done = true));
	while (!done) await jest.advanceTimersByTimeAsync(1000);
	await all;
	return { tookMs: Math.max(...admitted) - startedAt, admitted, refused };
}

describe("the gateway's minute window", () => {
	const LIMITS = { perSecond: 50, perMinute: 1000 };
	/** 30 s into a minute of the gateway's clock. */
	const lateInAMinute = () => jest.setSystemTime(60_000 * 29_000_000 + 30_000);

	it('fixed: a sync started late in a minute goes on at the full rate when the next one starts', async () => {
		lateInAMinute();
		const run = await drive(new FixedWindowLimiter(LIMITS), [
			{ limiter: new SlidingWindowLimiter(LIMITS), total: 2000 },
		]);
		// The floor: 1000 in this minute's 30 s left, 1000 in the next one's first 20 s (a trailing minute: 80 s).
		expect(run.tookMs).toBeLessThan(52_000);
		expect(run.admitted).toHaveLength(2000);
		expect(peakInFixedWindows(run.admitted, 60_000)).toBe(1000);
		expect(run.refused).toBeLessThanOrEqual(10);
	});

	it('fixed: a sync started as a minute starts waits for the next minute, as a trailing window would', async () => {
		jest.setSystemTime(60_000 * 29_000_000);
		const run = await drive(new FixedWindowLimiter(LIMITS), [
			{ limiter: new SlidingWindowLimiter(LIMITS), total: 2000 },
		]);
		expect(run.tookMs).toBeGreaterThanOrEqual(60_000);
		expect(run.tookMs).toBeLessThan(82_000);
		expect(run.refused).toBeLessThanOrEqual(2);
	});

	it('trailing: never more than 1000 admitted in any 60 s, one refused probe per full minute', async () => {
		lateInAMinute();
		const run = await drive(new TrailingWindowGateway(LIMITS), [
			{ limiter: new SlidingWindowLimiter(LIMITS), total: 2500 },
		]);
		expect(run.admitted).toHaveLength(2500);
		const sorted = [...run.admitted].sort((a, b) => a - b);
		expect(peakInWindow(sorted, 60_000)).toBe(1000);
		expect(run.refused).toBe(2);
		expect(run.tookMs).toBeGreaterThanOrEqual(120_000);
	});

	it('fixed, two processes sharing the gateway (queue-mode workers): within 1.3x of its floor, nothing lost', async () => {
		jest.setSystemTime(60_000 * 29_000_010 + 5_000);
		const startedAt = Date.now();
		const run = await drive(new FixedWindowLimiter(LIMITS), [
			{ limiter: new SlidingWindowLimiter(LIMITS), total: 1000 },
			{ limiter: new SlidingWindowLimiter(LIMITS), total: 1000, rttMs: 27 },
		]);
		expect(run.admitted).toHaveLength(2000);
		expect(run.tookMs).toBeLessThan(1.3 * paceFloorMs(startedAt, 2000, LIMITS));
		// Each process takes a smaller share after a 429: without that, several hundred.
		expect(run.refused).toBeLessThan(150);
	});
});
