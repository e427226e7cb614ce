import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { prepareItems, runItems } from '../../helpers/items';
import { booleanParameter, feishuIdParameter } from '../../helpers/parameters';
import { REMOVE } from '../../transport/batch';
import type { FeishuClient } from '../../transport/client';
import { batchingOption, changeBatched, type MembershipChange } from './membership';
import { TALENT_ID_HELP, talentIdField, talentPoolLocator } from './fields';

export const description: INodeProperties[] = [
	talentPoolLocator('removeTalent', 'The talent pool to take the talent out of'),
	talentIdField('removeTalent', `${TALENT_ID_HELP} A talent that is not in the pool is passed over without error.`),
	batchingOption('removeTalent', 'Whether to remove up to 50 talents per request; when off, each talent takes one request'),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems<MembershipChange>(this, items, (itemIndex) => ({
		poolId: feishuIdParameter(this, 'talentPoolId', 'Talent Pool', itemIndex),
		talentId: feishuIdParameter(this, 'talentId', 'Talent ID', itemIndex),
		batched: booleanParameter(this, 'options.batching', 'Send in Batches', itemIndex, true),
	}));
	// Without batching each talent is a batch of one: Feishu has no per-talent removal.
	const failureOf = await changeBatched(this, client, prepared, REMOVE, { unbatchedAsSingles: true });
	return await runItems(this, prepared, async (input, itemIndex) => {
		failureOf(input, itemIndex);
		return { talent_pool_id: input.poolId, talent_id: input.talentId, removed: true };
	});
}
