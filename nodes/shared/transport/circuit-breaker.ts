/**
 * Failures in a row, across all of an app's requests in this process, after which Feishu is
 * taken to be down. With 15 % of requests failing at random, ten in a row happen about once
 * in 170 million requests; in an outage they take well under a second.
 */
export const FAILURES_TO_OPEN = 10;
/** How long the breaker stays open before one request probes whether Feishu is back. */
export const COOL_DOWN_MS = 5_000;

/** Why a request was not sent: Feishu kept failing, and the breaker is open. */
export interface Outage {
	failures: number;
	since: number;
}

type State =
	| { name: 'closed' }
	| { name: 'open'; until: number }
	| { name: 'half-open'; probe: Promise<void> };

/**
 * The usual closed / open / half-open breaker, per app. Closed: requests go out, and every
 * answer that shows Feishu working (any answer that is not a 5xx or 1002001) resets the count.
 * Open: requests fail at once, nothing sent. After the cool-down the next request is the
 * probe; the others wait for its outcome, then go out (Feishu is back) or fail (still down).
 */
export class CircuitBreaker {
	private state: State = { name: 'closed' };
	private failures = 0;
	private firstFailureAt = 0;
	private endProbe: (() => void) | undefined;

	constructor(
		private readonly failuresToOpen = FAILURES_TO_OPEN,
		private readonly coolDownMs = COOL_DOWN_MS,
	) {}

	/** Before a request is sent: undefined to send it, or the outage that keeps it back. */
	async admit(): Promise<Outage | undefined> {
		for (;;) {
			const state = this.state;
			if (state.name === 'closed') return undefined;
			if (state.name === 'half-open') {
				await state.probe;
				continue;
			}
			if (Date.now() < state.until) return this.outage();
			// This request is the probe.
			this.state = {
				name: 'half-open',
				probe: new Promise<void>((resolve) => (this.endProbe = resolve)),
			};
			return undefined;
		}
	}

	/** Feishu answered as a working service (success or a business error). */
	succeeded(): void {
		this.failures = 0;
		this.settleProbe({ name: 'closed' });
	}

	/** Feishu failed (5xx, 1002001, no answer). Returns the outage if the breaker is now open. */
	failed(): Outage | undefined {
		if (this.failures === 0) this.firstFailureAt = Date.now();
		this.failures++;
		if (this.state.name === 'half-open' || this.failures >= this.failuresToOpen) {
			this.settleProbe({ name: 'open', until: Date.now() + this.coolDownMs });
		}
		return this.state.name === 'open' ? this.outage() : undefined;
	}

	private settleProbe(next: State): void {
		this.state = next;
		const endProbe = this.endProbe;
		this.endProbe = undefined;
		endProbe?.();
	}

	private outage(): Outage {
		return { failures: this.failures, since: this.firstFailureAt };
	}
}

const breakers = new Map<string, CircuitBreaker>();

/** One breaker per app in this process: every execution using the app sees the same outage. */
export function breakerFor(app: string): CircuitBreaker {
	let breaker = breakers.get(app);
	if (!breaker) {
		breaker = new CircuitBreaker();
		breakers.set(app, breaker);
	}
	return breaker;
}
