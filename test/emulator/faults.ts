import { seededRandom } from './random';

export interface FaultOptions {
	/** Seed for the fault sequence: the same seed and request order give the same faults. */
	seed?: number;
	/** Share of Hire requests answered HTTP 500, code 1002001, without effect. */
	errorRate?: number;
	/** Share of Hire requests whose connection is destroyed without a response. */
	dropRate?: number;
	/** Of the dropped add requests, the share dropped after the talent was added (default 0.5). */
	dropAfterEffectShare?: number;
	/** Latency added to every Hire response, in milliseconds. */
	latencyMs?: number;
}

export type Fault = 'none' | 'error' | 'drop-before' | 'drop-after';

export class FaultPlan {
	private readonly random: () => number;

	constructor(readonly options: FaultOptions = {}) {
		this.random = seededRandom(options.seed ?? 1);
	}

	next(): Fault {
		const { errorRate = 0, dropRate = 0, dropAfterEffectShare = 0.5 } = this.options;
		if (errorRate === 0 && dropRate === 0) return 'none';
		const roll = this.random();
		if (roll < errorRate) return 'error';
		if (roll < errorRate + dropRate)
			return this.random() < dropAfterEffectShare ? 'drop-after' : 'drop-before';
		return 'none';
	}
}
