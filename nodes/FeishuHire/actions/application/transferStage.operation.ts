import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { prepareItems, runItems } from '../../helpers/items';
import { feishuIdParameter } from '../../helpers/parameters';
import { FEISHU_ID_PATTERN } from '../../../shared/ids';
import { readApplication } from '../../../shared/hire/applications';
import type { FeishuClient } from '../../../shared/transport/client';
import { FAIL_IF_UNCHANGED } from './changes';
import { alreadySo, failIfUnchangedParameter } from '../../helpers/unchanged';
import { applicationIdField } from './fields';

const CONCURRENCY = 5;

export const description: INodeProperties[] = forOperation('application', 'transferStage', [
	applicationIdField,
	{
		displayName: 'Stage',
		name: 'stageId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			"The stage to move the application to, one of its job's recruitment process: pick it from the list, or give its 19-digit ID",
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a stage...',
				typeOptions: { searchListMethod: 'searchStages', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 6949805467799537003',
				validation: [
					{
						type: 'regex',
						properties: { regex: FEISHU_ID_PATTERN, errorMessage: 'A stage ID is 19 digits' },
					},
				],
			},
		],
	},
	FAIL_IF_UNCHANGED,
]);

/**
 * Reads the application first: already in the stage means no call and changed: false
 * (Feishu does not document a move to the current stage); a terminated application fails
 * its item, since Hire moves only active ones.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems(this, items, (itemIndex) => ({
		applicationId: feishuIdParameter(this, 'applicationId', 'Application ID', itemIndex),
		stageId: feishuIdParameter(this, 'stageId', 'Stage', itemIndex),
		failIfUnchanged: failIfUnchangedParameter(this, itemIndex),
	}));
	return await runItems(
		this,
		prepared,
		async ({ applicationId, stageId, failIfUnchanged }, itemIndex) => {
			const application = await readApplication(client, applicationId, itemIndex);
			const done = { application_id: applicationId, stage_id: stageId };
			if (application.stage?.id === stageId) {
				if (failIfUnchanged)
					throw alreadySo(this.getNode(), 'The application is in this stage already', itemIndex);
				return { ...done, changed: false };
			}
			if (application.active_status === 2)
				throw new NodeOperationError(
					this.getNode(),
					`The application is terminated (item ${itemIndex})`,
					{
						itemIndex,
						description:
							'Hire moves only active applications: recover it first (Application → Recover).',
					},
				);
			await client.request({
				endpoint: 'transferStage',
				id: applicationId,
				body: { stage_id: stageId },
				itemIndex,
			});
			return { ...done, changed: true };
		},
		CONCURRENCY,
	);
}
