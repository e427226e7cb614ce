import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { asNodeError } from '../helpers/item-errors';
import type { Prepared } from '../helpers/items';
import { booleanParameter, feishuIdParameter } from '../helpers/parameters';
import type { FeishuClient } from '../../shared/transport/client';
import { describeKey, notFoundError, readTalentKey, type KeyKind, type TalentKey } from './keys';
import { lookUpTalents } from './lookup';

/** The talents an item names: by Talent ID, or by an email or mobile number looked up first. */
export interface ItemTalents {
	/** The item's Talent ID, or (after resolveTalents) the talents found by its key. */
	talentIds: string[];
	/** The email or mobile number the item names its talent by, if not a Talent ID. */
	key?: TalentKey;
	/** A key several talents share names all of them, rather than failing as ambiguous. */
	allMatches: boolean;
}

/** Reads Identify By, and the Talent ID or the key, of one item. */
export function readItemTalents(ctx: IExecuteFunctions, itemIndex: number): ItemTalents {
	const identifyBy = ctx.getNodeParameter('identifyBy', itemIndex, 'talentId') as
		'talentId' | KeyKind;
	const byId = identifyBy === 'talentId';
	return {
		talentIds: byId ? [feishuIdParameter(ctx, 'talentId', 'Talent ID', itemIndex)] : [],
		key: byId ? undefined : readTalentKey(ctx, identifyBy, itemIndex),
		allMatches: !byId && booleanParameter(ctx, 'options.allMatches', 'All Matches', itemIndex),
	};
}

/**
 * Finds the talents of the items that name them by a key, 50 keys per request, before any
 * change is sent. A key that matches no talent, or several without All Matches, fails its
 * item; without Continue On Fail the earliest such item stops the node here.
 */
export async function resolveTalents<Input extends ItemTalents>(
	ctx: IExecuteFunctions,
	client: FeishuClient,
	prepared: Array<Prepared<Input>>,
): Promise<Array<Prepared<Input>>> {
	const matchesOf = await lookUpTalents(ctx, client, prepared, (input) => input.key);
	const node = ctx.getNode();
	return prepared.map((entry, itemIndex) => {
		if (!('input' in entry) || !entry.input.key) return entry;
		const failure = (error: Error) => {
			if (!ctx.continueOnFail()) throw asNodeError(node, error, itemIndex);
			return { error };
		};
		const { key, allMatches } = entry.input;
		let talentIds: string[];
		try {
			talentIds = matchesOf(entry.input, itemIndex).map((match) => match.talent_id);
		} catch (error) {
			return failure(error as Error);
		}
		if (talentIds.length === 0) return failure(notFoundError(node, key, itemIndex));
		if (talentIds.length > 1 && !allMatches) {
			return failure(
				new NodeOperationError(
					node,
					`${talentIds.length} talents in Feishu Hire have ${describeKey(key)} (item ${itemIndex})`,
					{
						itemIndex,
						description: `Talents ${talentIds.join(', ')} share this key, so nothing was sent for the item. Turn on the option All Matches to change all of them, or give the Talent ID.`,
					},
				),
			);
		}
		return { input: { ...entry.input, talentIds } };
	});
}
