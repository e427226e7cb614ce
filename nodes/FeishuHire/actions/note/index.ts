import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteNote from './delete.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const resource = { name: 'Note', value: 'note' };

export const operations = { create, delete: deleteNote, getAll, update };

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
					'Leave a note on a talent, optionally on one of its applications; the same note on the talent is returned instead, so none is doubled',
				action: 'Create a note',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a note; one that is gone already is no change',
				action: 'Delete a note',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List a talent's notes, optionally only those of one application",
				action: 'Get many notes',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change a note's content; the same content is no change",
				action: 'Update a note',
			},
		],
		default: 'create',
	},
	...create.description,
	...getAll.description,
	...update.description,
	...deleteNote.description,
];
