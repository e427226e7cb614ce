import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/credential';
import { resources } from './actions/resources';
import { router } from './actions/router';
import { getTalentFolders, getTalentTags, getTerminationReasons } from './methods/loadOptions';
import { searchCountries, searchJobs, searchStages, searchTalentPools } from './methods/listSearch';

export class FeishuHire implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Feishu Hire',
		name: 'feishuHire',
		icon: { light: 'file:../../icons/feishu.svg', dark: 'file:../../icons/feishu.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Create, update, find and list Feishu / Lark Hire (飞书招聘) talents (by email or mobile number, never doubled), add them to talent pools, take them out, list the pools, read jobs, create (never doubled), read, move, terminate and recover applications, leave notes on talents, tag them and file them in folders. Talent and talent pool IDs are 19-digit strings.',
		defaults: { name: 'Feishu Hire' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resources.map(({ resource }) => resource),
				// Workflows saved before the Talent resource existed carry no resource: they mean Talent Pool.
				default: 'talentPool',
			},
			...resources.flatMap(({ description }) => description),
		],
	};

	methods = {
		listSearch: { searchCountries, searchJobs, searchStages, searchTalentPools },
		loadOptions: { getTalentFolders, getTalentTags, getTerminationReasons },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await router.call(this)];
	}
}
