import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const resource = { name: 'Application', value: 'application' };

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
				description:
					'Get one application by ID: its talent, job, stage and status, optionally with the job, talent, offer, interviews or evaluations',
				action: 'Get an application',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List applications by talent, job, stage, status or time of change',
				action: 'Get many applications',
			},
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
];
