import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forOperation, optionsCollection } from '../../helpers/display';
import { prepareItems, runItems } from '../../helpers/items';
import { booleanParameter } from '../../helpers/parameters';
import type { FeishuClient } from '../../../shared/transport/client';
import { talentKeyProperties } from '../../identify/fields';
import {
	keyFields,
	notFoundError,
	readTalentKey,
	type KeyKind,
	type TalentKey,
} from '../../identify/keys';
import { lookUpTalents } from '../../identify/lookup';

export const description: INodeProperties[] = forOperation('talent', 'find', [
	...talentKeyProperties(['email', 'mobile', 'identification']),
	optionsCollection([
		{
			displayName: 'Error When Not Found',
			name: 'errorWhenNotFound',
			type: 'boolean',
			default: false,
			description:
				'Whether an item whose key matches no talent fails. When off, it comes out as { talent_id: null } with the key so an IF node can route it.',
		},
	]),
]);

interface Input {
	key: TalentKey;
	errorWhenNotFound: boolean;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems<Input>(this, items, (itemIndex) => ({
		key: readTalentKey(this, this.getNodeParameter('identifyBy', itemIndex) as KeyKind, itemIndex),
		errorWhenNotFound: booleanParameter(
			this,
			'options.errorWhenNotFound',
			'Error When Not Found',
			itemIndex,
		),
	}));
	const matchesOf = await lookUpTalents(this, client, prepared, (input) => input.key);
	return await runItems(this, prepared, async (input, itemIndex) => {
		const matches = matchesOf(input, itemIndex);
		if (matches.length > 0) return matches;
		if (input.errorWhenNotFound) throw notFoundError(this.getNode(), input.key, itemIndex);
		return { talent_id: null, ...keyFields(input.key) };
	});
}
