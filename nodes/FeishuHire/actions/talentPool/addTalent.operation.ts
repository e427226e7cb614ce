import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { prepareItems, runItems } from '../../helpers/items';
import { booleanParameter, feishuIdParameter } from '../../helpers/parameters';
import { ADD } from '../../transport/batch';
import type { FeishuClient } from '../../transport/client';
import { batchingOption, changeBatched, type MembershipChange } from './membership';
import { TALENT_ID_HELP, talentIdField, talentPoolLocator } from './fields';

const show = { resource: ['talentPool'], operation: ['addTalent'] };

/** Requests in flight at once: enough to reach Feishu's 50/s over real network latency. */
const CONCURRENCY = 10;

export const description: INodeProperties[] = [
	talentPoolLocator('addTalent', 'The talent pool to add the talent to'),
	talentIdField('addTalent', `${TALENT_ID_HELP} Usually an expression that reads it from the incoming item.`),
	{
		displayName: 'Remove From Other Pools',
		name: 'removeFromOtherPools',
		type: 'boolean',
		default: false,
		description:
			'Whether to move the talent: when on, the talent is taken out of every other talent pool; when off, it stays in the pools it is already in',
		hint: 'Off: the talent stays in the pools it is already in. On: the talent is moved here and taken out of every other pool (one request per talent).',
		displayOptions: { show },
	},
	batchingOption(
		'addTalent',
		'Whether to add up to 50 talents per request (about 50 times faster for large syncs). Used only while Remove From Other Pools is off: moving a talent takes one request each.',
	),
];

interface Input extends MembershipChange {
	removeFromOtherPools: boolean;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems<Input>(this, items, (itemIndex) => {
		const removeFromOtherPools = booleanParameter(this, 'removeFromOtherPools', 'Remove From Other Pools', itemIndex);
		return {
			poolId: feishuIdParameter(this, 'talentPoolId', 'Talent Pool', itemIndex),
			talentId: feishuIdParameter(this, 'talentId', 'Talent ID', itemIndex),
			removeFromOtherPools,
			batched: !removeFromOtherPools && booleanParameter(this, 'options.batching', 'Send in Batches', itemIndex, true),
		};
	});
	// Adding is idempotent on Feishu's side, so the client may safely repeat it after a dropped connection.
	const addOne = async (poolId: string, talentId: string, itemIndex: number, removeFromOtherPools = false) =>
		await client.request<{ talent_pool_id: string; talent_id: string }>({
			endpoint: 'addTalent',
			method: 'POST',
			path: `/open-apis/hire/v1/talent_pools/${poolId}/talent_relationship`,
			body: { talent_id: talentId, add_type: removeFromOtherPools ? 2 : 1 },
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
			if (!input.batched) return await addOne(input.poolId, input.talentId, itemIndex, input.removeFromOtherPools);
			failureOf(input, itemIndex);
			return { talent_pool_id: input.poolId, talent_id: input.talentId };
		},
		CONCURRENCY,
	);
}
