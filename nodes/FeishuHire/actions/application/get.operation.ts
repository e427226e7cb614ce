import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forOperation, optionsCollection } from '../../helpers/display';
import { prepareItems, runItems } from '../../helpers/items';
import { feishuIdParameter, invalid } from '../../helpers/parameters';
import {
	APPLICATION_BLOCKS,
	readApplication,
	readApplicationDetail,
	type ApplicationBlock,
} from '../../../shared/hire/applications';
import type { FeishuClient } from '../../../shared/transport/client';
import { applicationIdField } from './fields';

/** Applications read at once; the client keeps them within each endpoint's limit. */
const CONCURRENCY = 5;

export const description: INodeProperties[] = forOperation('application', 'get', [
	applicationIdField,
	optionsCollection([
		{
			displayName: 'Include',
			name: 'include',
			type: 'multiOptions',
			options: [
				{ name: 'Evaluations', value: 'evaluations' },
				{ name: 'Interviews', value: 'interviews' },
				{ name: 'Job', value: 'job' },
				{ name: 'Offer', value: 'offer' },
				{ name: 'Talent', value: 'talent' },
			],
			default: [],
			description:
				"Related records to add (Feishu's get_detail, 10 requests a second; each needs its field scope, e.g. hire:job:readonly for the job). Without any, the application alone is read (50 a second).",
		},
	]),
]);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems(this, items, (itemIndex) => {
		const include = this.getNodeParameter('options.include', itemIndex, []) as unknown;
		if (
			!Array.isArray(include) ||
			!include.every(
				(block) => typeof block === 'string' && Object.hasOwn(APPLICATION_BLOCKS, block),
			)
		)
			throw invalid(
				this,
				itemIndex,
				'Include',
				`must list some of ${Object.keys(APPLICATION_BLOCKS).join(', ')}, not ${JSON.stringify(include)}`,
			);
		return {
			applicationId: feishuIdParameter(this, 'applicationId', 'Application ID', itemIndex),
			include: include as ApplicationBlock[],
		};
	});
	return await runItems(
		this,
		prepared,
		async ({ applicationId, include }, itemIndex) =>
			include.length > 0
				? await readApplicationDetail(client, applicationId, include, itemIndex)
				: await readApplication(client, applicationId, itemIndex),
		CONCURRENCY,
	);
}
