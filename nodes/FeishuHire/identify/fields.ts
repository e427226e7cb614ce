import type { INodeProperties } from 'n8n-workflow';

import { IDENTIFICATION_TYPES, IDENTIFY_BY_OPTIONS, type IdentifyBy, type KeyKind } from './kinds';

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

/** A candidate's mobile number, as every operation that reads one names it. */
export const MOBILE_NUMBER_FIELD: INodeProperties = {
	displayName: 'Mobile Number',
	name: 'mobileNumber',
	type: 'string',
	default: '',
	placeholder: 'e.g. 13800138000',
	description:
		"The candidate's mobile number without the country calling code, e.g. 13800138000. Spaces, dashes, dots and brackets are ignored.",
};

/** The dialing code of that number: what Feishu finds a talent by. */
export const MOBILE_CODE_FIELD: INodeProperties = {
	displayName: 'Mobile Code',
	name: 'mobileCode',
	type: 'string',
	default: '86',
	placeholder: 'e.g. 86',
	description:
		'Country calling code of the number, without "+": 86 for mainland China, 852 for Hong Kong, 1 for the US',
};

const IDENTIFY_BY_HELP = 'What the input items carry to say which talent they are about';

/** The "Identify By" field offering `choices`, in the editor's alphabetical order. */
export function identifyByField(choices: IdentifyBy[], defaultChoice: IdentifyBy): INodeProperties {
	return {
		displayName: 'Identify By',
		name: 'identifyBy',
		type: 'options',
		noDataExpression: true,
		description: IDENTIFY_BY_HELP,
		options: choices
			.map((choice) => IDENTIFY_BY_OPTIONS[choice])
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultChoice,
	};
}

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
			{ ...MOBILE_NUMBER_FIELD, required: true, ...shownFor('mobile') },
			{ ...MOBILE_CODE_FIELD, ...shownFor('mobile') },
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
		talentId
			? identifyByField([...kinds, 'talentId'], 'talentId')
			: identifyByField(kinds, kinds[0]),
		...(talentId ? [{ ...talentId, ...shownFor('talentId') }] : []),
		...kinds.flatMap((kind) => fields[kind]),
	];
}

/** Options → All Matches of the operations that change every talent a key names. */
export const ALL_MATCHES_OPTION: INodeProperties = {
	displayName: 'All Matches',
	name: 'allMatches',
	type: 'boolean',
	default: false,
	description:
		'Whether an email or mobile number that several talents share changes all of them. When off, such an item fails as ambiguous and nothing is sent for it.',
	displayOptions: { hide: { '/identifyBy': ['talentId'] } },
};
