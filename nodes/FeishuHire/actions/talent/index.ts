import type { INodeProperties } from 'n8n-workflow';

import * as find from './find.operation';
import * as get from './get.operation';

export const resource = { name: 'Talent', value: 'talent' };

export const operations = { find, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options: [
			{
				name: 'Find',
				value: 'find',
				description:
					'Find the talents that have an email, a mobile number or an ID document number, e.g. from an ATS export',
				action: 'Find talents by email or mobile number',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one talent by ID, with the talent pools it is in',
				action: 'Get a talent',
			},
		],
		default: 'find',
	},
	...find.description,
	...get.description,
];
