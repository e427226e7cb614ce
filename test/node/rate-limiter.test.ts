import { SlidingWindowLimiter, type Release } from '../../nodes/FeishuHire/transport/rate-limiter';
import { peakInWindow } from '../emulator/rate-limit';

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
		const fourth = track(limiter);
		await jest.advanceTimersByTimeAsync(30_000);
		expect(fourth.at).toBeUndefined();
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
		const slots = Array.from({ length: 4 }, () => track(limiter));
		await jest.advanceTimersByTimeAsync(10);
		for (const slot of slots) slot.release?.();
		expect(slots.filter((slot) => slot.at !== undefined)).toHaveLength(3);
		await jest.advanceTimersByTimeAsync(59_000);
		expect(slots[3].at).toBeUndefined();
		await jest.advanceTimersByTimeAsync(1_100);
		expect(slots[3].at).toBeDefined();
	});
});
