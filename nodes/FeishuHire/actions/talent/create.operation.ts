import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { prepareItems, runItems } from '../../helpers/items';
import type { FeishuClient } from '../../../shared/transport/client';
import { readProfile } from './profile';
import {
	additionalFields,
	emailField,
	mobileCodeField,
	mobileNumberField,
	nameField,
} from './profileFields';
import { createTalent, keyOfProfile } from './writes';

/** Creates in flight at once: enough to reach Feishu's 50/s over real network latency. */
const CONCURRENCY = 10;

export const description: INodeProperties[] = forOperation('talent', 'create', [
	nameField,
	emailField,
	mobileNumberField,
	mobileCodeField,
	additionalFields,
]);

/**
 * One new talent per item. Nothing is looked up first: a talent Hire already has is the
 * item's error (Feishu's 1002105, if the tenant refuses duplicates). A create whose answer is
 * lost is looked up by its key before it is sent again.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems(this, items, (itemIndex) =>
		readProfile(this, itemIndex, { main: '', extra: 'additionalFields.', nameRequired: true }),
	);
	return await runItems(
		this,
		prepared,
		async (profile, itemIndex) => ({
			talent_id: await createTalent(client, profile, keyOfProfile(profile), itemIndex),
			created: true,
		}),
		CONCURRENCY,
	);
}
