import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { asNodeError } from '../../helpers/item-errors';
import { prepareItems, runItems } from '../../helpers/items';
import { feishuIdParameter } from '../../helpers/parameters';
import type { FeishuClient } from '../../../shared/transport/client';
import { talentPoolLocator } from './fields';
import { listTalentPools, type TalentPool } from './pools';

export const description: INodeProperties[] = forOperation('talentPool', 'get', [
	talentPoolLocator('The talent pool to get'),
]);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems(this, items, (itemIndex) =>
		feishuIdParameter(this, 'talentPoolId', 'Talent Pool', itemIndex),
	);
	// One lookup for all items: the IDs go out 50 per request instead of one request per item.
	const ids = [...new Set(prepared.flatMap((entry) => ('input' in entry ? [entry.input] : [])))];
	const firstItem = prepared.findIndex((entry) => 'input' in entry);
	let found = new Map<string, TalentPool>();
	let lookupError: Error | undefined;
	if (ids.length > 0) {
		try {
			const pools = await listTalentPools(client, { ids }, firstItem);
			found = new Map(pools.map((pool) => [pool.id, pool]));
		} catch (error) {
			lookupError = asNodeError(this.getNode(), error, firstItem);
			if (!this.continueOnFail()) throw lookupError;
		}
	}
	return await runItems(this, prepared, async (id, itemIndex) => {
		if (lookupError) throw lookupError;
		const pool = found.get(id);
		if (!pool) {
			throw new NodeOperationError(
				this.getNode(),
				`Talent pool ${id} was not found (item ${itemIndex})`,
				{
					itemIndex,
					description:
						'Feishu has no talent pool with this ID that the app can see. Pick the pool from the list instead.',
				},
			);
		}
		return pool;
	});
}
