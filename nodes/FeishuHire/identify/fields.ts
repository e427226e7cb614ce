import type { INodeProperties } from 'n8n-workflow';

import type { KeyKind } from './keys';

export const TALENT_ID_HELP = "The talent's 19-digit ID in Feishu Hire, written as text.";

/** The talent an operation acts on, read from each item. */
export function talentIdField(description: string): INodeProperties {
	return {
		displayName: 'Talent ID',
		name: 'talentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 7012345678901234567',
		hint: "The talent's 19-digit ID, e.g. a column of your ATS export: drag it in from the input panel",
		description,
	};
}

/** Feishu's ID document types (identification_type), named as in its talent enums. */
export const IDENTIFICATION_TYPES: Array<{ name: string; value: number }> = [
	{ name: 'Hong Kong/Macao Residence Permit', value: 3 },
	{ name: 'Hong Kong/Macao Travel Permit to the Mainland', value: 6 },
	{ name: 'Other', value: 5 },
	{ name: 'Passport', value: 2 },
	{ name: 'PRC Resident ID Card', value: 1 },
	{ name: 'Taiwan Residence Permit', value: 9 },
	{ name: 'Taiwan Travel Permit to the Mainland', value: 4 },
];

const IDENTIFY_BY_HELP = 'What the input items carry to say which talent they are about';

/** For operations on talents found by a key. */
const identifyByKey: INodeProperties = {
	displayName: 'Identify By',
	name: 'identifyBy',
	type: 'options',
	noDataExpression: true,
	description: IDENTIFY_BY_HELP,
	options: [
		{
			name: 'Email',
			value: 'email',
			description: "The candidate's email address, e.g. li.na@example.com",
		},
		{
			name: 'ID Document Number',
			value: 'identification',
			description: 'An ID card or passport number and its type',
		},
		{
			name: 'Mobile Number',
			value: 'mobile',
			description: "The candidate's mobile number and its country calling code",
		},
	],
	default: 'email',
};

/** For operations that take a Talent ID, or find the talent by a key first. */
const identifyByIdOrKey: INodeProperties = {
	displayName: 'Identify By',
	name: 'identifyBy',
	type: 'options',
	noDataExpression: true,
	description: IDENTIFY_BY_HELP,
	options: [
		{
			name: 'Email',
			value: 'email',
			description: "The candidate's email address, e.g. li.na@example.com",
		},
		{
			name: 'Mobile Number',
			value: 'mobile',
			description: "The candidate's mobile number and its country calling code",
		},
		{ name: 'Talent ID', value: 'talentId', description: "The talent's 19-digit Feishu ID" },
	],
	default: 'talentId',
};

/**
 * The fields that say which talent an item is about: "Identify By" and the key for each kind.
 * `talentId` is the operation's own ID field, when it takes one (shown for "Talent ID").
 */
export function talentKeyProperties(
	kinds: KeyKind[],
	talentId?: INodeProperties,
): INodeProperties[] {
	const shownFor = (kind: string) => ({ displayOptions: { show: { identifyBy: [kind] } } });
	const fields: Record<KeyKind, INodeProperties[]> = {
		email: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. li.na@example.com',
				description:
					"The candidate's email address as recorded in Feishu Hire, e.g. li.na@example.com. Usually an expression that reads the email column of your export. Surrounding spaces are ignored; letter case is kept.",
				...shownFor('email'),
			},
		],
		mobile: [
			{
				displayName: 'Mobile Number',
				name: 'mobileNumber',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. 13800138000',
				description:
					"The candidate's mobile number without the country calling code, e.g. 13800138000. Spaces, dashes, dots and brackets are ignored.",
				...shownFor('mobile'),
			},
			{
				displayName: 'Mobile Code',
				name: 'mobileCode',
				type: 'string',
				default: '86',
				placeholder: 'e.g. 86',
				description:
					'Country calling code of the number, without "+": 86 for mainland China, 852 for Hong Kong, 1 for the US',
				...shownFor('mobile'),
			},
		],
		identification: [
			{
				displayName: 'ID Document Type',
				name: 'identificationType',
				type: 'options',
				options: IDENTIFICATION_TYPES,
				default: 1,
				description: 'The kind of document the number belongs to',
				...shownFor('identification'),
			},
			{
				displayName: 'ID Document Number',
				name: 'identificationNumber',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. 110101199003071234',
				description: "The document's number, e.g. an 18-character resident ID card number",
				...shownFor('identification'),
			},
		],
	};
	return [
		talentId ? identifyByIdOrKey : identifyByKey,
		...(talentId ? [{ ...talentId, ...shownFor('talentId') }] : []),
		...kinds.flatMap((kind) => fields[kind]),
	];
}
