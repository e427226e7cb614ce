import type { INodeProperties } from 'n8n-workflow';

import * as addTags from './addTags.operation';
import * as addToFolder from './addToFolder.operation';
import * as create from './create.operation';
import * as find from './find.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as removeFromFolder from './removeFromFolder.operation';
import * as removeTags from './removeTags.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export const resource = { name: 'Talent', value: 'talent' };

export const operations = {
	addTags,
	addToFolder,
	create,
	find,
	get,
	getAll,
	removeFromFolder,
	removeTags,
	update,
	upsert,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options: [
			{
				name: 'Add Tags',
				value: 'addTags',
				description: 'Tag a talent; tags it has already are no change',
				action: 'Add tags to a talent',
			},
			{
				name: 'Add to Folder',
				value: 'addToFolder',
				description:
					'Put talents in a talent folder, 200 per request, by ID, email or mobile number',
				action: 'Add talents to a folder',
			},
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a new talent. A talent Hire already has is an error: use Create or Update to reuse it.',
				action: 'Create a talent',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a talent',
			},
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
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List talents, newest change first, by keyword or time of change',
				action: 'Get many talents',
			},
			{
				name: 'Remove From Folder',
				value: 'removeFromFolder',
				description:
					'Take talents out of a talent folder; those not in it are reported as removed: false',
				action: 'Remove talents from a folder',
			},
			{
				name: 'Remove Tags',
				value: 'removeTags',
				description: 'Untag a talent; tags it does not have are no change',
				action: 'Remove tags from a talent',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change a talent's name, email or mobile number; everything else stays",
				action: 'Update a talent',
			},
		],
		default: 'find',
	},
	...create.description,
	...upsert.description,
	...find.description,
	...get.description,
	...getAll.description,
	...update.description,
	...addTags.description,
	...removeTags.description,
	...addToFolder.description,
	...removeFromFolder.description,
];
