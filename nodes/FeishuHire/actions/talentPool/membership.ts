import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../helpers/display';
import { forItem } from '../../helpers/item-errors';
import { throwEarliestFailure, type Prepared } from '../../helpers/items';
import { booleanParameter, feishuIdParameter } from '../../helpers/parameters';
import type { FeishuClient } from '../../../shared/transport/client';
import { ALL_MATCHES_OPTION } from '../../identify/fields';
import { readItemTalents, type ItemTalents } from '../../identify/resolve';
import { changeInBatches, MAX_BATCH_SIZE, type ADD, type REMOVE } from './batch';

export interface MembershipChange extends ItemTalents {
	poolId: string;
	/** Sent through the batch endpoint (50 per request) rather than one request per item. */
	batched: boolean;
}

/** Add and Remove Talent's options: batching, and what to do with a key several talents share. */
export function membershipOptions(batchingDescription: string): INodeProperties {
	return optionsCollection([
		ALL_MATCHES_OPTION,
		{
			displayName: 'Send in Batches',
			name: 'batching',
			type: 'boolean',
			default: true,
			description: batchingDescription,
		},
	]);
}

/** Reads the pool and the talent (by ID or by key) of one item. */
export function readMembershipChange(ctx: IExecuteFunctions, itemIndex: number): MembershipChange {
	return {
		poolId: feishuIdParameter(ctx, 'talentPoolId', 'Talent Pool', itemIndex),
		...readItemTalents(ctx, itemIndex),
		batched: booleanParameter(ctx, 'options.batching', 'Send in Batches', itemIndex, true),
	};
}

const memberKey = (poolId: string, talentId: string) => `${poolId} ${talentId}`;

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
	const groups = new Map<
		string,
		{ poolId: string; batchSize: number; talents: Map<string, number> }
	>();
	prepared.forEach((entry, itemIndex) => {
		if (!('input' in entry) || (!entry.input.batched && !unbatchedAsSingles)) return;
		const { poolId, talentIds, batched } = entry.input;
		const batchSize = batched ? MAX_BATCH_SIZE : 1;
		const group = groups.get(`${poolId} ${batchSize}`) ?? {
			poolId,
			batchSize,
			talents: new Map<string, number>(),
		};
		for (const talentId of talentIds)
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
		for (const [talentId, error] of failed) failures.set(memberKey(poolId, talentId), error);
	}

	const failureOf = (input: Input, itemIndex = 0) => {
		const failed = input.talentIds.filter((talentId) =>
			failures.has(memberKey(input.poolId, talentId)),
		);
		if (failed.length === 0) return undefined;
		const changed = input.talentIds.filter((talentId) => !failed.includes(talentId));
		return forItem(
			ctx.getNode(),
			failures.get(memberKey(input.poolId, failed[0]))!,
			itemIndex,
			changedNote(changed),
		);
	};
	throwEarliestFailure(ctx, prepared, failureOf);
	return (input, itemIndex) => {
		const failure = failureOf(input, itemIndex);
		if (failure) throw failure;
	};
}

/** For an item whose key matched several talents: the ones changed before one failed (its output cannot say so). */
export function changedNote(changed: string[]): string | undefined {
	return changed.length > 0
		? `Talents ${changed.join(', ')} of this item were changed all the same.`
		: undefined;
}
