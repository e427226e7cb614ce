import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { prepareItems, runItems } from '../../helpers/items';
import type { FeishuClient } from '../../../shared/transport/client';
import { TALENT_ID_HELP, talentIdField, talentKeyProperties } from '../../identify/fields';
import { resolveTalents } from '../../identify/resolve';
import { REMOVE } from './batch';
import { talentPoolLocator } from './fields';
import { changeBatched, membershipOptions, readMembershipChange } from './membership';

export const description: INodeProperties[] = forOperation('talentPool', 'removeTalent', [
	talentPoolLocator('The talent pool to take the talent out of'),
	...talentKeyProperties(
		['email', 'mobile'],
		talentIdField(
			`${TALENT_ID_HELP} A talent that is not in the pool is passed over without error.`,
		),
	),
	membershipOptions(
		'Whether to remove up to 50 talents per request; when off, each talent takes one request',
	),
]);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const read = prepareItems(this, items, (itemIndex) => readMembershipChange(this, itemIndex));
	const prepared = await resolveTalents(this, client, read);
	// Without batching each talent is a batch of one: Feishu has no per-talent removal.
	const failureOf = await changeBatched(this, client, prepared, REMOVE, {
		unbatchedAsSingles: true,
	});
	return await runItems(this, prepared, async (input, itemIndex) => {
		failureOf(input, itemIndex);
		return input.talentIds.map((talentId) => ({
			talent_pool_id: input.poolId,
			talent_id: talentId,
			removed: true,
		}));
	});
}
