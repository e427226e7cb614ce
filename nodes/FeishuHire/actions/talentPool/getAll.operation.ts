import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { filtersCollection, forOperation, returnAllFields } from '../../helpers/display';
import { prepareItems, runItems } from '../../helpers/items';
import { idListParameter, resultLimit } from '../../helpers/parameters';
import type { FeishuClient } from '../../../shared/transport/client';
import { listTalentPools } from './pools';

export const description: INodeProperties[] = forOperation('talentPool', 'getAll', [
	...returnAllFields(
		"Reads 100 talent pools per request: 1,000 pools take 10 requests, well within Feishu's limits",
	),
	filtersCollection([
		{
			displayName: 'Talent Pool IDs',
			name: 'talentPoolIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 6930815272790114324, 6930815272790122243',
			description:
				'Only these pools: 19-digit IDs separated by commas, or a list of IDs from an expression. Any number of IDs is fine; they are sent 50 per request.',
		},
	]),
]);

interface Input {
	limit?: number;
	ids?: string[];
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems<Input>(this, items, (itemIndex) => {
		return {
			limit: resultLimit(this, itemIndex),
			ids: idListParameter(this, 'filters.talentPoolIds', 'Talent Pool IDs', itemIndex),
		};
	});
	return await runItems(
		this,
		prepared,
		async (input, itemIndex) => await listTalentPools(client, input, itemIndex),
	);
}
