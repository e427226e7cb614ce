import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { prepareItems, runItems } from '../../helpers/items';
import { feishuIdParameter, invalid } from '../../helpers/parameters';
import { TALENT_ID_HELP, talentIdField } from '../../identify/fields';
import type { FeishuClient } from '../../../shared/transport/client';
import { readProfile } from './profile';
import {
	emailField,
	mobileCodeField,
	mobileCountryCodeField,
	mobileNumberField,
	nameField,
} from './profileFields';
import { updateTalent } from './writes';

/** Each update reads the talent first (20/s), then writes it (50/s). */
const CONCURRENCY = 5;

export const description: INodeProperties[] = forOperation('talent', 'update', [
	talentIdField(`${TALENT_ID_HELP} The talent to change, e.g. the talent_id that Find returned.`),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The fields to change. Everything else stays as it is in Feishu Hire.',
		options: [
			emailField,
			mobileCodeField,
			mobileCountryCodeField,
			mobileNumberField,
			{ ...nameField, required: false },
		],
	},
]);

/**
 * Writes the fields each item sets and keeps every other field of the talent, whatever
 * Feishu does with fields a request leaves out (see updateTalent).
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems(this, items, (itemIndex) => {
		const talentId = feishuIdParameter(this, 'talentId', 'Talent ID', itemIndex);
		const profile = readProfile(this, itemIndex, {
			main: 'updateFields.',
			extra: 'updateFields.',
			nameRequired: false,
		});
		if (Object.keys(profile).length === 0)
			throw invalid(
				this,
				itemIndex,
				'Update Fields',
				'sets nothing',
				'Add at least one field to change, e.g. Email.',
			);
		return { talentId, profile };
	});
	return await runItems(
		this,
		prepared,
		async ({ talentId, profile }, itemIndex) => {
			await updateTalent(client, talentId, profile, itemIndex);
			return { talent_id: talentId, updated: true };
		},
		CONCURRENCY,
	);
}
