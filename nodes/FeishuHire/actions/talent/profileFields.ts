import type { INodeProperties } from 'n8n-workflow';

import { MOBILE_CODE_FIELD, MOBILE_NUMBER_FIELD } from '../../identify/fields';
import { IDENTIFICATION_TYPES } from '../../identify/kinds';

/** The talent's fields as Create, Create or Update and Update offer them. */
export const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 李娜',
	description:
		"The candidate's full name, e.g. 李娜. Usually an expression that reads the name column of your export.",
};

export const emailField: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	default: '',
	placeholder: 'e.g. li.na@example.com',
	description:
		"The candidate's email address, e.g. li.na@example.com. Empty means none. Surrounding spaces are ignored; letter case is kept.",
};

export const mobileNumberField: INodeProperties = {
	...MOBILE_NUMBER_FIELD,
	description: `${MOBILE_NUMBER_FIELD.description} Empty means none.`,
};

export const mobileCodeField: INodeProperties = {
	...MOBILE_CODE_FIELD,
	description: `${MOBILE_CODE_FIELD.description}. For any code but 86, also give the Mobile Country Code.`,
};

export const mobileCountryCodeField: INodeProperties = {
	displayName: 'Mobile Country Code',
	name: 'mobileCountryCode',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		'The location code of the country the mobile number belongs to, e.g. CN_1 for mainland China: Feishu writes numbers with a location code, not a dialing code. Needed for any Mobile Code but 86.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchCountries', searchable: true },
		},
		{
			displayName: 'By Code',
			name: 'code',
			type: 'string',
			placeholder: 'e.g. CN_1',
		},
	],
};

/** Where a résumé came from; talents and applications both carry it. */
export const resumeSourceIdField: INodeProperties = {
	displayName: 'Resume Source ID',
	name: 'resumeSourceId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 7012345678901234001',
	description:
		"Where the résumé came from: the 19-digit ID of one of Hire's résumé sources (简历来源)",
};

/** Create's and Create or Update's optional fields. */
export const additionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		{
			displayName: 'Gender',
			name: 'gender',
			type: 'options',
			options: [
				{ name: 'Female', value: 2 },
				{ name: 'Male', value: 1 },
				{ name: 'Other', value: 3 },
			],
			default: 2,
			description: "The candidate's gender (Feishu: 1 male, 2 female, 3 other)",
		},
		{
			displayName: 'ID Document Number',
			name: 'identificationNumber',
			type: 'string',
			default: '',
			placeholder: 'e.g. 110101199003071234',
			description: "The number of the candidate's ID document; needs the ID Document Type",
		},
		{
			displayName: 'ID Document Type',
			name: 'identificationType',
			type: 'options',
			options: IDENTIFICATION_TYPES,
			default: 1,
			description: 'The kind of document the ID Document Number belongs to',
		},
		mobileCountryCodeField,
		resumeSourceIdField,
	],
};
