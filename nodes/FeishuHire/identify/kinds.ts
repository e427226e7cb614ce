import type { INodePropertyOptions } from 'n8n-workflow';

/** What an ATS export carries about a candidate, and Feishu can find a talent by. */
export type KeyKind = 'email' | 'mobile' | 'identification';

/** What "Identify By" can name: a key, or the talent's own ID. */
export type IdentifyBy = KeyKind | 'talentId';

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

/** Every "Identify By" choice, written once; each field offers the ones it supports. */
export const IDENTIFY_BY_OPTIONS: Record<IdentifyBy, INodePropertyOptions> = {
	email: {
		name: 'Email',
		value: 'email',
		description: "The candidate's email address, e.g. li.na@example.com",
	},
	identification: {
		name: 'ID Document Number',
		value: 'identification',
		description: 'An ID card or passport number and its type',
	},
	mobile: {
		name: 'Mobile Number',
		value: 'mobile',
		description: "The candidate's mobile number and its country calling code",
	},
	talentId: {
		name: 'Talent ID',
		value: 'talentId',
		description: "The talent's 19-digit Feishu ID",
	},
};
