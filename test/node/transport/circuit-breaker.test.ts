import { CircuitBreaker } from '../../../nodes/shared/transport/circuit-breaker';

describe('CircuitBreaker', () => {
	beforeEach(() => jest.useFakeTimers({ now: Date.UTC(2026, 11, 1, 5, 42, 45) }));
	afterEach(() => jest.useRealTimers());

	const failTimes = (breaker: CircuitBreaker, times: number) =>
		Array.from({ length: times }, () => breaker.failed()).pop();

	it('opens after the given failures in a row, and says how many since when', async () => {
		const breaker = new CircuitBreaker(3, 1000);
		expect(failTimes(breaker, 2)).toBeUndefined();
		await expect(breaker.admit()).resolves.toBeUndefined();
		expect(breaker.failed()).toEqual({ failures: 3, since: Date.UTC(2026, 11, 1, 5, 42, 45) });
		await expect(breaker.admit()).resolves.toEqual({ failures: 3, since: expect.any(Number) });
	});

	it('a success in between starts the count again', async () => {
		const breaker = new CircuitBreaker(3, 1000);
		failTimes(breaker, 2);
		breaker.succeeded();
		expect(failTimes(breaker, 2)).toBeUndefined();
		await expect(breaker.admit()).resolves.toBeUndefined();
	});

	it('after the cool-down one request probes; the others wait and follow its outcome', async () => {
		const breaker = new CircuitBreaker(1, 1000);
		breaker.failed();
		jest.advanceTimersByTime(999);
		await expect(breaker.admit()).resolves.toBeDefined();
		jest.advanceTimersByTime(1);
		await expect(breaker.admit()).resolves.toBeUndefined(); // the probe
		let waiting: unknown = 'pending';
		const waiter = breaker.admit().then((outage) => (waiting = outage));
		await Promise.resolve();
		expect(waiting).toBe('pending');
		breaker.succeeded();
		await waiter;
		expect(waiting).toBeUndefined();
		await expect(breaker.admit()).resolves.toBeUndefined();
	});

	it('a failed probe opens it again for another cool-down, and the waiting requests fail at once', async () => {
		const breaker = new CircuitBreaker(5, 1000);
		failTimes(breaker, 5);
		jest.advanceTimersByTime(1000);
		await expect(breaker.admit()).resolves.toBeUndefined(); // the probe
		const waiter = breaker.admit();
		expect(breaker.failed()).toEqual({ failures: 6, since: expect.any(Number) });
		await expect(waiter).resolves.toEqual({ failures: 6, since: expect.any(Number) });
		jest.advanceTimersByTime(999);
		await expect(breaker.admit()).resolves.toBeDefined();
	});
});
