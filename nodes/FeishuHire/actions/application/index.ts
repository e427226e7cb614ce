import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as recover from './recover.operation';
import * as terminate from './terminate.operation';
import * as transferStage from './transferStage.operation';

export const resource = { name: 'Application', value: 'application' };

export const operations = { create, get, getAll, recover, terminate, transferStage };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Put a talent on a job; an active application of the talent on the job is returned instead, so none is doubled',
				action: 'Create an application',
			},
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
			{
				name: 'Move to Stage',
				value: 'transferStage',
				description:
					"Move an application to another stage of its job's process; already there is no change",
				action: 'Move an application to a stage',
			},
			{
				name: 'Recover',
				value: 'recover',
				description: 'Make a terminated application active again; an active one is no change',
				action: 'Recover an application',
			},
			{
				name: 'Terminate',
				value: 'terminate',
				description: 'End an application, with the type and reasons; a terminated one is no change',
				action: 'Terminate an application',
			},
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...transferStage.description,
	...terminate.description,
	...recover.description,
];
