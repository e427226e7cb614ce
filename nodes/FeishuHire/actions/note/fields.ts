import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalid } from '../../helpers/parameters';

/** The note an operation acts on, read from each item. */
export const noteIdField: INodeProperties = {
	displayName: 'Note ID',
	name: 'noteId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 7041205467799530001',
	description:
		"The note's ID in Feishu Hire, written as text (usually a 19-digit number): the note_id that Create or Get Many returned",
};

export const contentField: INodeProperties = {
	displayName: 'Content',
	name: 'content',
	type: 'string',
	typeOptions: { rows: 4 },
	required: true,
	default: '',
	placeholder: 'e.g. Offer call went well; follow up on Friday.',
	description: 'The text of the note, as recruiters see it on the talent in Feishu Hire',
};

/** The Application ID of a note: optional; empty means the talent only. */
export function applicationIdOfNote(description: string): INodeProperties {
	return {
		displayName: 'Application ID',
		name: 'applicationId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 6949805467799537964',
		description,
	};
}

/** Content: text with something in it besides spaces. */
export function contentParameter(ctx: IExecuteFunctions, itemIndex: number): string {
	const content = ctx.getNodeParameter('content', itemIndex, '') as unknown;
	if (typeof content !== 'string' || content.trim() === '')
		throw invalid(
			ctx,
			itemIndex,
			'Content',
			`must be text that is not empty, not ${JSON.stringify(content)}`,
		);
	return content;
}
