import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forItem } from '../../helpers/errors';
import type { Prepared } from '../../helpers/items';
import { changeInBatches, MAX_BATCH_SIZE, type ADD, type REMOVE } from '../../transport/batch';
import type { FeishuClient } from '../../transport/client';

export interface MembershipChange {
	poolId: string;
	talentId: string;
	/** Sent through the batch endpoint (50 per request) rather than one request per item. */
	batched: boolean;
}

export function batchingOption(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['talentPool'], operation: [operation] } },
		options: [{ displayName: 'Send in Batches', name: 'batching', type: 'boolean', default: true, description }],
	};
}

const key = (poolId: string, talentId: string) => `${poolId} ${talentId}`;

export interface BatchedOptions {
	/** For a talent a batch refused: the answer to report instead. */
	single?: (poolId: string, talentId: string, itemIndex: number) => Promise<void>;
	/** Send unbatched items through the batch endpoint too, one talent per request. */
	unbatchedAsSingles?: boolean;
}

/**
 * Sends the changes through the batch endpoint, 50 talents per request and pool, each
 * talent once however many items name it. Returns a check that throws an item's failure,
 * naming that item. Without Continue On Fail the earliest failing item is thrown here.
 */
export async function changeBatched<Input extends MembershipChange>(
	ctx: IExecuteFunctions,
	client: FeishuClient,
	prepared: Array<Prepared<Input>>,
	option: typeof ADD | typeof REMOVE,
	{ single, unbatchedAsSingles = false }: BatchedOptions = {},
): Promise<(input: Input, itemIndex: number) => void> {
	const groups = new Map<string, { poolId: string; batchSize: number; talents: Map<string, number> }>();
	prepared.forEach((entry, itemIndex) => {
		if (!('input' in entry) || (!entry.input.batched && !unbatchedAsSingles)) return;
		const { poolId, talentId, batched } = entry.input;
		const batchSize = batched ? MAX_BATCH_SIZE : 1;
		const group = groups.get(`${poolId} ${batchSize}`) ?? { poolId, batchSize, talents: new Map<string, number>() };
		if (!group.talents.has(talentId)) group.talents.set(talentId, itemIndex);
		groups.set(`${poolId} ${batchSize}`, group);
	});

	const stopOnFailure = !ctx.continueOnFail();
	const failures = new Map<string, Error>();
	for (const { poolId, batchSize, talents } of groups.values()) {
		if (stopOnFailure && failures.size > 0) break;
		const failed = await changeInBatches({
			client,
			poolId,
			option,
			talents,
			batchSize,
			stopOnFailure,
			single: single && (async (talentId, itemIndex) => await single(poolId, talentId, itemIndex)),
		});
		for (const [talentId, error] of failed) failures.set(key(poolId, talentId), error);
	}

	const node = ctx.getNode();
	if (stopOnFailure && failures.size > 0) {
		const first = prepared.findIndex((entry) => 'input' in entry && failures.has(key(entry.input.poolId, entry.input.talentId)));
		const { poolId, talentId } = (prepared[first] as { input: Input }).input;
		throw forItem(node, failures.get(key(poolId, talentId))!, first);
	}
	return (input, itemIndex) => {
		const failure = failures.get(key(input.poolId, input.talentId));
		if (failure) throw forItem(node, failure, itemIndex);
	};
}
