import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { prepareItems, runItems } from '../../helpers/items';
import { feishuIdParameter, idListParameter, invalid } from '../../helpers/parameters';
import { FEISHU_CODES } from '../../../shared/transport/codes';
import type { FeishuClient } from '../../../shared/transport/client';
import { changeApplication, FAIL_IF_UNCHANGED } from './changes';
import { failIfUnchangedParameter } from '../../helpers/unchanged';
import { applicationIdField, TERMINATION_TYPES } from './fields';

const CONCURRENCY = 5;

export const description: INodeProperties[] = forOperation('application', 'terminate', [
	applicationIdField,
	{
		displayName: 'Termination Type',
		name: 'terminationType',
		type: 'options',
		options: [
			{ name: 'Declined by the Candidate', value: 'declinedByCandidate' },
			{ name: 'Other', value: 'other' },
			{ name: 'Rejected by Us', value: 'rejectedByUs' },
		],
		default: 'rejectedByUs',
		description: 'Who ended the application',
	},
	{
		displayName: 'Termination Reason Names or IDs',
		name: 'terminationReasonIds',
		type: 'multiOptions',
		typeOptions: {
			loadOptionsMethod: 'getTerminationReasons',
			loadOptionsDependsOn: ['terminationType'],
		},
		default: [],
		description:
			'Why, from the reasons set up in Hire for the chosen type (active ones; 19-digit IDs). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Free text kept with the termination',
	},
	FAIL_IF_UNCHANGED,
]);

/** Not idempotent in Feishu (1002221 when terminated already): that answer is changed: false here. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems(this, items, (itemIndex) => {
		const type = this.getNodeParameter('terminationType', itemIndex, 'rejectedByUs') as unknown;
		if (typeof type !== 'string' || !Object.hasOwn(TERMINATION_TYPES, type))
			throw invalid(
				this,
				itemIndex,
				'Termination Type',
				`must be rejectedByUs, declinedByCandidate or other, not ${JSON.stringify(type)}`,
			);
		const note = this.getNodeParameter('note', itemIndex, '') as unknown;
		if (typeof note !== 'string')
			throw invalid(this, itemIndex, 'Note', `must be text, not ${typeof note}`);
		return {
			applicationId: feishuIdParameter(this, 'applicationId', 'Application ID', itemIndex),
			body: {
				termination_type: TERMINATION_TYPES[type],
				termination_reason_list: idListParameter(
					this,
					'terminationReasonIds',
					'Termination Reason Names or IDs',
					itemIndex,
				),
				termination_reason_note: note.trim() || undefined,
			},
			failIfUnchanged: failIfUnchangedParameter(this, itemIndex),
		};
	});
	return await runItems(
		this,
		prepared,
		async ({ applicationId, body, failIfUnchanged }, itemIndex) =>
			await changeApplication(
				this,
				client,
				{
					endpoint: 'terminateApplication',
					applicationId,
					body,
					unchangedCode: FEISHU_CODES.ALREADY_TERMINATED,
					state: 'terminated',
					failIfUnchanged,
				},
				itemIndex,
			),
		CONCURRENCY,
	);
}
