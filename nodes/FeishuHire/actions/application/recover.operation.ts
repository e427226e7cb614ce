import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { prepareItems, runItems } from '../../helpers/items';
import { feishuIdParameter } from '../../helpers/parameters';
import { FEISHU_CODES } from '../../../shared/transport/codes';
import type { FeishuClient } from '../../../shared/transport/client';
import { changeApplication, FAIL_IF_UNCHANGED } from './changes';
import { failIfUnchangedParameter } from '../../helpers/unchanged';
import { applicationIdField } from './fields';

const CONCURRENCY = 5;

export const description: INodeProperties[] = forOperation('application', 'recover', [
	applicationIdField,
	FAIL_IF_UNCHANGED,
]);

/** Not idempotent in Feishu (1002225 when not terminated): that answer is changed: false here. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems(this, items, (itemIndex) => ({
		applicationId: feishuIdParameter(this, 'applicationId', 'Application ID', itemIndex),
		failIfUnchanged: failIfUnchangedParameter(this, itemIndex),
	}));
	return await runItems(
		this,
		prepared,
		async ({ applicationId, failIfUnchanged }, itemIndex) =>
			// Feishu documents no body; the JSON content type goes with an empty object.
			await changeApplication(
				this,
				client,
				{
					endpoint: 'recoverApplication',
					applicationId,
					body: {},
					unchangedCode: FEISHU_CODES.NOT_TERMINATED,
					state: 'active',
					failIfUnchanged,
				},
				itemIndex,
			),
		CONCURRENCY,
	);
}
