import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const resource = { name: 'Job', value: 'job' };

export const operations = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one job by ID: title, code, status, recruitment process and more',
				action: 'Get a job',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List jobs, open, closed or all, by time of change',
				action: 'Get many jobs',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
