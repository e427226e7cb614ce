import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { forItem } from '../../helpers/item-errors';
import { prepareItems, runItems } from '../../helpers/items';
import { booleanParameter } from '../../helpers/parameters';
import type { FeishuClient } from '../../../shared/transport/client';
import { TALENT_ID_HELP, talentIdField, talentKeyProperties } from '../../identify/fields';
import { resolveTalents } from '../../identify/resolve';
import { ADD_TYPE } from '../../../shared/transport/codes';
import { ADD } from './batch';
import { talentPoolLocator } from './fields';
import {
	changeBatched,
	changedNote,
	membershipOptions,
	readMembershipChange,
	type MembershipChange,
} from './membership';

/** Requests in flight at once: enough to reach Feishu's 50/s over real network latency. */
const CONCURRENCY = 10;

export const description: INodeProperties[] = forOperation('talentPool', 'addTalent', [
	talentPoolLocator('The talent pool to add the talent to'),
	...talentKeyProperties(
		['email', 'mobile'],
		talentIdField(`${TALENT_ID_HELP} Usually an expression that reads it from the incoming item.`),
	),
	{
		displayName: 'Remove From Other Pools',
		name: 'removeFromOtherPools',
		type: 'boolean',
		default: false,
		description:
			'Whether to move the talent: when on, the talent is taken out of every other talent pool; when off, it stays in the pools it is already in',
		hint: 'Off: the talent stays in the pools it is already in. On: the talent is moved here and taken out of every other pool (one request per talent).',
	},
	membershipOptions(
		'Whether to add up to 50 talents per request (about 50 times faster for large syncs). Used only while Remove From Other Pools is off: moving a talent takes one request each.',
	),
]);

interface Input extends MembershipChange {
	removeFromOtherPools: boolean;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const read = prepareItems<Input>(this, items, (itemIndex) => {
		const change = readMembershipChange(this, itemIndex);
		const removeFromOtherPools = booleanParameter(
			this,
			'removeFromOtherPools',
			'Remove From Other Pools',
			itemIndex,
		);
		return { ...change, removeFromOtherPools, batched: change.batched && !removeFromOtherPools };
	});
	const prepared = await resolveTalents(this, client, read);
	// Adding is idempotent on Feishu's side, so the client may safely repeat it after a dropped connection.
	const addOne = async (
		poolId: string,
		talentId: string,
		itemIndex: number,
		removeFromOtherPools = false,
	) =>
		await client.request<IDataObject>({
			endpoint: 'addTalent',
			id: poolId,
			body: { talent_id: talentId, add_type: removeFromOtherPools ? ADD_TYPE.MOVE : ADD_TYPE.ADD },
			itemIndex,
		});
	// A talent a batch refused is tried alone on the per-talent endpoint, whose errors are documented.
	const failureOf = await changeBatched(this, client, prepared, ADD, {
		single: async (poolId, talentId, itemIndex) => {
			await addOne(poolId, talentId, itemIndex);
		},
	});
	return await runItems(
		this,
		prepared,
		async (input, itemIndex) => {
			if (!input.batched) {
				// Feishu's answers, one per talent the item's key matched.
				const answers: IDataObject[] = [];
				for (const talentId of input.talentIds) {
					try {
						answers.push(
							await addOne(input.poolId, talentId, itemIndex, input.removeFromOtherPools),
						);
					} catch (error) {
						throw forItem(
							this.getNode(),
							error as Error,
							itemIndex,
							changedNote(input.talentIds.slice(0, answers.length)),
						);
					}
				}
				return answers;
			}
			failureOf(input, itemIndex);
			return input.talentIds.map((talentId) => ({
				talent_pool_id: input.poolId,
				talent_id: talentId,
			}));
		},
		CONCURRENCY,
	);
}
