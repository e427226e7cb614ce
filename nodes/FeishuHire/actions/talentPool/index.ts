import type { INodeProperties } from 'n8n-workflow';

import * as addTalent from './addTalent.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as removeTalent from './removeTalent.operation';

export const resource = { name: 'Talent Pool', value: 'talentPool' };

export const operations = { addTalent, get, getAll, removeTalent };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options: [
			{
				name: 'Add Talent',
				value: 'addTalent',
				description: 'Add a talent to a talent pool, optionally taking it out of every other pool',
				action: 'Add a talent to a talent pool',
			},
			{
				name: 'Remove Talent',
				value: 'removeTalent',
				description: 'Take a talent out of a talent pool (a talent not in it is passed over)',
				action: 'Remove a talent from a talent pool',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one talent pool by ID',
				action: 'Get a talent pool',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List talent pools, page by page',
				action: 'Get many talent pools',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
	...addTalent.description,
	...removeTalent.description,
];
