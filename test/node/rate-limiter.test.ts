import { SlidingWindowLimiter } from '../../nodes/FeishuHire/transport/rate-limiter';
import { peakInWindow } from '../emulator/rate-limit';

describe('client-side limiter', () => {
	it('never lets more than perSecond requests start within any second', async () => {
		const limiter = new SlidingWindowLimiter({ perSecond: 5, perMinute: 1000 });
		const starts: number[] = [];
		await Promise.all(
			Array.from({ length: 12 }, async () => {
				const release = await limiter.acquire();
				starts.push(Date.now());
				release();
			}),
		);
		expect(starts).toHaveLength(12);
		expect(peakInWindow(starts.sort((a, b) => a - b), 1000)).toBe(5);
	});

	it('holds everyone back after a 429 until the reset has passed', async () => {
		const limiter = new SlidingWindowLimiter({ perSecond: 50, perMinute: 1000 });
		const pausedAt = Date.now();
		limiter.pauseFor(300);
		(await limiter.acquire())();
		expect(Date.now() - pausedAt).toBeGreaterThanOrEqual(299);
	});

	it('serves callers in the order they asked', async () => {
		const limiter = new SlidingWindowLimiter({ perSecond: 2, perMinute: 1000 });
		const order: number[] = [];
		await Promise.all(
			[0, 1, 2, 3].map(async (n) => {
				(await limiter.acquire())();
				order.push(n);
			}),
		);
		expect(order).toEqual([0, 1, 2, 3]);
	});

	it('frees a slot a second after its answer arrived, not after it was sent', async () => {
		const limiter = new SlidingWindowLimiter({ perSecond: 1, perMinute: 1000 });
		const start = Date.now();
		const first = await limiter.acquire();
		setTimeout(first, 300);
		await limiter.acquire();
		// The first answer came at 300 ms: its slot counts until 1300 ms.
		expect(Date.now() - start).toBeGreaterThanOrEqual(1300);
	});

	it('a request still waiting for its answer keeps its slot', async () => {
		const limiter = new SlidingWindowLimiter({ perSecond: 1, perMinute: 1000 });
		const start = Date.now();
		const pending = await limiter.acquire();
		setTimeout(pending, 1500);
		await limiter.acquire();
		expect(Date.now() - start).toBeGreaterThanOrEqual(2500);
	});
});
