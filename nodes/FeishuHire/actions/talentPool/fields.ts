import type { INodeProperties } from 'n8n-workflow';

import { FEISHU_ID_PATTERN } from '../../helpers/ids';

/** The talent pool picker shared by the operations that act on one pool. */
export function talentPoolLocator(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Talent Pool',
		name: 'talentPoolId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `${description}: pick it from the list, or give its 19-digit ID`,
		displayOptions: { show: { resource: ['talentPool'], operation: [operation] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a talent pool...',
				typeOptions: { searchListMethod: 'searchTalentPools', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 6930815272790114324',
				validation: [
					{
						type: 'regex',
						properties: { regex: FEISHU_ID_PATTERN, errorMessage: 'A talent pool ID is 19 digits' },
					},
				],
			},
		],
	};
}

export const TALENT_ID_HELP = 'The talent\'s 19-digit ID in Feishu Hire, written as text.';

/** The talent an operation acts on, read from each item. */
export function talentIdField(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Talent ID',
		name: 'talentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 7012345678901234567',
		hint: 'The talent\'s 19-digit ID, e.g. a column of your ATS export: drag it in from the input panel',
		description,
		displayOptions: { show: { resource: ['talentPool'], operation: [operation] } },
	};
}
