import type { INodeProperties } from 'n8n-workflow';

import { FEISHU_ID_PATTERN } from '../../../shared/ids';

/** The talent pool picker shared by the operations that act on one pool. */
export function talentPoolLocator(description: string): INodeProperties {
	return {
		displayName: 'Talent Pool',
		name: 'talentPoolId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `${description}: pick it from the list, or give its 19-digit ID`,
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
