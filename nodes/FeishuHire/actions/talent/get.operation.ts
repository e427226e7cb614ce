import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { prepareItems, runItems } from '../../helpers/items';
import { feishuIdParameter } from '../../helpers/parameters';
import type { FeishuClient } from '../../../shared/transport/client';
import { TALENT_ID_HELP, talentIdField } from '../../identify/fields';

/** Talents read at once; the client keeps them within the endpoint's 20 requests a second. */
const CONCURRENCY = 5;

export const description: INodeProperties[] = forOperation('talent', 'get', [
	talentIdField(
		`${TALENT_ID_HELP} E.g. the talent_id that Find returned. The output lists the pools the talent is in (talent_pool_id_list).`,
	),
]);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems(this, items, (itemIndex) =>
		feishuIdParameter(this, 'talentId', 'Talent ID', itemIndex),
	);
	return await runItems(
		this,
		prepared,
		async (talentId, itemIndex) =>
			await client.request<IDataObject>({ endpoint: 'getTalent', id: talentId, itemIndex }),
		CONCURRENCY,
	);
}
