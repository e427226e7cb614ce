import type { INodeProperties } from 'n8n-workflow';

import { TERMINATION_TYPE } from '../../../shared/transport/codes';

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

/** Terminate's Termination Type options and Feishu's numbers for them. */
export const TERMINATION_TYPES: Record<string, number> = {
	rejectedByUs: TERMINATION_TYPE.REJECTED_BY_US,
	declinedByCandidate: TERMINATION_TYPE.DECLINED_BY_CANDIDATE,
	other: TERMINATION_TYPE.OTHER,
};
