import type { NodeApiError } from 'n8n-workflow';

import { chunk, drain } from '../../helpers/queue';
import type { FeishuClient } from '../../../shared/transport/client';
import {
	RATE_LIMITED,
	SCOPE_MISSING,
	SYSTEM_ERROR,
	TOKEN_CODES,
} from '../../../shared/transport/api-errors';
import { BATCH_OPTION, FEISHU_CODES } from '../../../shared/transport/codes';

export const MAX_BATCH_SIZE = 50;
/** Batches in flight at once: enough for Feishu's 10 batch requests a second over real latency. */
const BATCH_CONCURRENCY = 4;

export const { ADD, REMOVE } = BATCH_OPTION;

/** Codes that say the whole request was refused, not one of its talents: splitting will not help. */
const REQUEST_LEVEL_CODES = new Set<number>([
	FEISHU_CODES.POOL_NOT_FOUND,
	SCOPE_MISSING,
	RATE_LIMITED,
	SYSTEM_ERROR,
	...TOKEN_CODES,
]);

export interface BatchChange {
	client: FeishuClient;
	poolId: string;
	option: typeof ADD | typeof REMOVE;
	/** Talent IDs to change, each with the first input item that asked for it (named in errors). */
	talents: Map<string, number>;
	/** Talents per request: 50, or 1 when the user turned batching off. */
	batchSize?: number;
	/** Stop sending new batches after the first failure (no Continue On Fail). */
	stopOnFailure: boolean;
	/** For one talent a batch refused: the answer to report instead, e.g. the per-talent endpoint's. */
	single?: (talentId: string, itemIndex: number) => Promise<void>;
}

/**
 * Adds or removes talents 50 per request. Feishu fails a whole batch when any of its
 * talents is unknown, and how it names them is not documented. So talents of the batch
 * that the error mentions are only suspects: the rest is sent again at once and each
 * suspect alone. When the error names none (or the wrong ones), halving the batch still
 * isolates every refused talent: about a dozen extra requests for one bad talent in 50.
 * Returns each talent's failure, if any.
 */
export async function changeInBatches(change: BatchChange): Promise<Map<string, Error>> {
	const failures = new Map<string, Error>();
	const ids = [...change.talents.keys()];
	const size = change.batchSize ?? MAX_BATCH_SIZE;
	const queue = chunk(ids, size);

	const settle = async (batch: string[]): Promise<void> => {
		if (change.stopOnFailure && failures.size > 0) return;
		try {
			await change.client.request({
				endpoint: 'batchChange',
				id: change.poolId,
				body: { talent_id_list: batch, option_type: change.option },
				itemIndex: change.talents.get(batch[0]) ?? 0,
			});
		} catch (error) {
			const code = (error as NodeApiError).errorResponse?.code;
			const requestLevel = typeof code !== 'number' || REQUEST_LEVEL_CODES.has(code);
			const suspects = mentioned(error, batch);
			if (requestLevel) {
				for (const id of batch) failures.set(id, error as Error);
			} else if (suspects.length > 0 && suspects.length < batch.length) {
				await settle(batch.filter((id) => !suspects.includes(id)));
				for (const id of suspects) await settle([id]);
			} else if (batch.length > 1) {
				const half = Math.ceil(batch.length / 2);
				await settle(batch.slice(0, half));
				await settle(batch.slice(half));
			} else if (change.single) {
				try {
					await change.single(batch[0], change.talents.get(batch[0]) ?? 0);
				} catch (singleError) {
					failures.set(batch[0], singleError as Error);
				}
			} else {
				failures.set(batch[0], error as Error);
			}
		}
	};

	await drain(queue, BATCH_CONCURRENCY, settle);
	return failures;
}

/** The batch's talents that Feishu's error text happens to mention. */
function mentioned(error: unknown, batch: string[]): string[] {
	const text = JSON.stringify((error as NodeApiError).errorResponse ?? {});
	return batch.filter((id) => text.includes(id));
}
