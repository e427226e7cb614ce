import {
	NodeOperationError,
	type INode,
	type NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forOperation, optionsCollection } from '../../helpers/display';
import { asNodeError, forItem } from '../../helpers/item-errors';
import { prepareItems, runItems } from '../../helpers/items';
import { booleanParameter } from '../../helpers/parameters';
import { identifyByField } from '../../identify/fields';
import {
	describeKey,
	keyFields,
	keyId,
	readTalentKey,
	type KeyKind,
	type TalentKey,
} from '../../identify/keys';
import { findTalentsByKey, lookUpTalents, type TalentMatch } from '../../identify/lookup';
import type { FeishuClient } from '../../../shared/transport/client';
import { DUPLICATE_TALENT } from '../../../shared/transport/api-errors';
import { readProfile, type TalentProfile } from './profile';
import {
	additionalFields,
	emailField,
	mobileCodeField,
	mobileNumberField,
	nameField,
} from './profileFields';
import { createTalent, updateTalent } from './writes';

/** Creates and updates in flight at once: enough to reach Feishu's 50/s over real network latency. */
const CONCURRENCY = 10;

export const description: INodeProperties[] = forOperation('talent', 'upsert', [
	{
		...identifyByField(['email', 'mobile'], 'email'),
		description:
			'The key that says whether Feishu Hire already has the candidate: a talent with it is used (or updated), none is created',
	},
	emailField,
	mobileNumberField,
	mobileCodeField,
	{ ...nameField, description: `${nameField.description} Written when the talent is created.` },
	additionalFields,
	optionsCollection([
		{
			displayName: 'Update Existing',
			name: 'updateExisting',
			type: 'boolean',
			default: false,
			description:
				'Whether a talent Hire already has gets the fields the item gives. When off, it is used as it is.',
		},
		{
			displayName: 'Use First Match',
			name: 'useFirstMatch',
			type: 'boolean',
			default: false,
			description:
				'Whether a key that several talents share uses the first talent Feishu returns. When off, such an item fails as ambiguous and nothing is sent for it.',
		},
	]),
]);

interface Input {
	key: TalentKey;
	profile: TalentProfile;
	updateExisting: boolean;
	useFirstMatch: boolean;
}

interface Outcome {
	talent_id: string;
	created: boolean;
	updated: boolean;
}

/**
 * Every item's talent ends up in Hire, once: the keys are looked up together (50 per
 * request), a key that matches nothing is created once however many items carry it, a create
 * refused as a duplicate (1002105) or whose answer was lost is resolved by looking the key up.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems<Input>(this, items, (itemIndex) => ({
		key: readTalentKey(this, this.getNodeParameter('identifyBy', itemIndex) as KeyKind, itemIndex),
		profile: readProfile(this, itemIndex, {
			main: '',
			extra: 'additionalFields.',
			nameRequired: true,
		}),
		updateExisting: booleanParameter(this, 'options.updateExisting', 'Update Existing', itemIndex),
		useFirstMatch: booleanParameter(this, 'options.useFirstMatch', 'Use First Match', itemIndex),
	}));
	const matchesOf = await lookUpTalents(this, client, prepared, (input) => input.key);

	// One write per distinct key, made for the first item that carries it.
	const firstItemOf = new Map<string, number>();
	prepared.forEach((entry, itemIndex) => {
		if ('input' in entry && !firstItemOf.has(keyId(entry.input.key)))
			firstItemOf.set(keyId(entry.input.key), itemIndex);
	});
	const writes = new Map<string, Promise<Outcome>>();
	const settle = (input: Input, itemIndex: number): Promise<Outcome> => {
		const id = keyId(input.key);
		let write = writes.get(id);
		if (!write) {
			write = writeFor(this.getNode(), client, input, matchesOf(input, itemIndex), itemIndex);
			writes.set(id, write);
		}
		return write;
	};

	return await runItems(
		this,
		prepared,
		async (input, itemIndex): Promise<IDataObject> => {
			const first = firstItemOf.get(keyId(input.key))!;
			let outcome: Outcome;
			try {
				outcome = await settle(input, itemIndex);
			} catch (error) {
				if (first === itemIndex) throw asNodeError(this.getNode(), error, itemIndex);
				throw forItem(this.getNode(), error as Error, itemIndex, `Item ${first} has the same key.`);
			}
			const flags = first === itemIndex ? outcome : { ...outcome, created: false, updated: false };
			return { ...flags, ...keyFields(input.key) };
		},
		CONCURRENCY,
	);
}

async function writeFor(
	node: INode,
	client: FeishuClient,
	input: Input,
	matches: TalentMatch[],
	itemIndex: number,
): Promise<Outcome> {
	if (matches.length > 1 && !input.useFirstMatch)
		throw new NodeOperationError(
			node,
			`${matches.length} talents in Feishu Hire have the ${describeKey(input.key)} (${matches.map((match) => match.talent_id).join(', ')}): the item is ambiguous, and nothing was sent for it (item ${itemIndex})`,
			{ itemIndex, description: 'Merge the talents in Hire, or turn on Use First Match.' },
		);
	if (matches.length > 0) return await useExisting(client, input, matches[0].talent_id, itemIndex);
	try {
		const talentId = await createTalent(client, input.profile, input.key, itemIndex);
		return { talent_id: talentId, created: true, updated: false };
	} catch (error) {
		if ((error as NodeApiError).errorResponse?.code !== DUPLICATE_TALENT)
			throw asNodeError(node, error, itemIndex);
		// Created meanwhile (another execution, or a row of another key that shares this one's mobile).
		const [match] = await findTalentsByKey(client, input.key, itemIndex);
		if (!match) {
			const duplicate = error as NodeApiError;
			duplicate.description = `Feishu refused the create as a duplicate, but finds no talent with the ${describeKey(input.key)}: another talent already has this item's mobile number or ID document number, or this email in other letter case. Find that talent and fix the row.`;
			throw duplicate;
		}
		return await useExisting(client, input, match.talent_id, itemIndex);
	}
}

async function useExisting(
	client: FeishuClient,
	input: Input,
	talentId: string,
	itemIndex: number,
): Promise<Outcome> {
	if (!input.updateExisting) return { talent_id: talentId, created: false, updated: false };
	await updateTalent(client, talentId, input.profile, itemIndex);
	return { talent_id: talentId, created: false, updated: true };
}
