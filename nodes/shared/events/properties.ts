import type { INodeProperties } from 'n8n-workflow';

import { ANY_HIRE_EVENT, HIRE_EVENTS } from './types';

/** Both triggers' Events: which Hire events start the workflow. */
export const EVENTS_PROPERTY: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	required: true,
	default: ['hire.application.stage_changed_v1'],
	options: [
		...HIRE_EVENTS.map(({ name, value, description, scope }) => ({
			name,
			value,
			description: `${description} Scope: ${scope}`,
		})),
		{
			name: 'Any Hire Event',
			value: ANY_HIRE_EVENT,
			description: 'Every event whose type starts with hire., listed here or not',
		},
	],
	description:
		'Events to start the workflow for. Feishu sends the events subscribed in its console; others are acknowledged and dropped.',
};

/** Both triggers' options that read an event's application. */
export const APPLICATION_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Include Application',
		name: 'includeApplication',
		type: 'boolean',
		default: false,
		description:
			'Whether to read the application of application events (get_detail with its job, 10 requests a second; needs hire:application:readonly, and hire:job:readonly for the job) and add it as application: ID, talent, job (ID and name), stage, status and times, as Application → Get with Include: Job outputs it. With Resolve Talent on too, one read serves both. A failed read is reported on the item as include_application_error.',
	},
	{
		displayName: 'Resolve Talent',
		name: 'resolveTalent',
		type: 'boolean',
		default: false,
		description:
			'Whether to look up the application of application events and add its talent_id, stage and active status (needs the scope hire:application:readonly). A failed look-up is reported on the item as resolve_talent_error.',
	},
];
