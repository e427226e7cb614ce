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
	/**
	 * Share of talent creates and updates that Feishu applies and whose answer is then lost
	 * (the connection drops after the commit), besides the faults above.
	 */
	lostWriteAnswerRate?: number;
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

	/** For a create or update that met no other fault: whether to apply it and lose its answer. */
	losesWriteAnswer(): boolean {
		const { lostWriteAnswerRate = 0 } = this.options;
		return lostWriteAnswerRate > 0 && this.random() < lostWriteAnswerRate;
	}
}
