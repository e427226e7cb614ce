import type { INodeProperties } from 'n8n-workflow';

/** The application an operation acts on, read from each item. */
export const applicationIdField: INodeProperties = {
	displayName: 'Application ID',
	name: 'applicationId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 6949805467799537964',
	description:
		"The application's 19-digit ID in Feishu Hire, written as text, e.g. the application_id of a Feishu Hire Trigger event",
};
