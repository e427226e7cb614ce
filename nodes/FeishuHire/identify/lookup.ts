import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { forItem } from '../helpers/item-errors';
import { throwEarliestFailure, type Prepared } from '../helpers/items';
import { chunk, drain } from '../helpers/queue';
import type { FeishuClient } from '../../shared/transport/client';
import { FEISHU_CODES } from '../../shared/transport/codes';
import { echoedKey, keyId, type TalentKey } from './keys';

/** Keys per request. Feishu documents no maximum; 50 is the size of its other Hire batches. */
const MAX_KEYS_PER_REQUEST = 50;
/** Lookups in flight at once: enough to reach Feishu's 50/s over real network latency. */
const LOOKUP_CONCURRENCY = 10;
/** Codes that may concern one key of the request (a list too long, a malformed number): halve and try again. */
const SPLITTABLE_CODES = new Set<number>([
	FEISHU_CODES.PARAMETER_ERROR,
	FEISHU_CODES.MOBILE_INVALID,
]);

/** One talent Feishu matched, exactly as batch_get_id returns it (talent_id, the echoed key, is_onboarded). */
export type TalentMatch = IDataObject & { talent_id: string };

interface Pending {
	key: TalentKey;
	/** The first input item that asked for this key, named in errors. */
	itemIndex: number;
}

/**
 * Finds the talents for every key: each distinct key once, 50 per request, and only one kind
 * of key (and one mobile code or document type) per request, since Feishu ANDs its lists.
 * Returns each key's matches (by keyId) and each failed key's error.
 */
async function findTalents(
	client: FeishuClient,
	keys: Map<string, Pending>,
	stopOnFailure: boolean,
) {
	const matches = new Map<string, TalentMatch[]>();
	const failures = new Map<string, Error>();
	const groups = new Map<string, string[]>();
	for (const [id, { key }] of keys) {
		const group = `${key.kind} ${key.qualifier ?? ''}`;
		groups.set(group, [...(groups.get(group) ?? []), id]);
	}
	const queue = [...groups.values()].flatMap((ids) => chunk(ids, MAX_KEYS_PER_REQUEST));

	const settle = async (batch: string[]): Promise<void> => {
		if (stopOnFailure && failures.size > 0) return;
		const { kind, qualifier } = keys.get(batch[0])!.key;
		const values = batch.map((id) => keys.get(id)!.key.value);
		let found: TalentMatch[];
		try {
			const data = await client.request<{ talent_list?: TalentMatch[] }>({
				endpoint: 'findTalents',
				body: lookupBody(kind, qualifier, values),
				itemIndex: keys.get(batch[0])!.itemIndex,
			});
			found = Array.isArray(data?.talent_list) ? data.talent_list : [];
		} catch (error) {
			const code = (error as NodeApiError).errorResponse?.code;
			if (batch.length > 1 && typeof code === 'number' && SPLITTABLE_CODES.has(code))
				return await halves(batch);
			for (const id of batch) failures.set(id, error as Error);
			return;
		}
		if (found.some((match) => typeof match?.talent_id !== 'string')) {
			const error = new Error(
				'Feishu answered the lookup with a match that has no talent_id (as text)',
			);
			for (const id of batch) failures.set(id, error);
			return;
		}
		const mapped = found.map((match) => placeMatch(batch, keys, match));
		// A match that cannot be told apart by its echoed key: ask again in smaller requests.
		if (mapped.some((id) => id === undefined)) return await halves(batch);
		for (const id of batch) matches.set(id, []);
		found.forEach((match, i) => {
			const list = matches.get(mapped[i]!)!;
			if (!list.some((known) => known.talent_id === match.talent_id)) list.push(match);
		});
	};
	const halves = async (batch: string[]) => {
		const half = Math.ceil(batch.length / 2);
		await settle(batch.slice(0, half));
		await settle(batch.slice(half));
	};

	await drain(queue, LOOKUP_CONCURRENCY, settle);
	return { matches, failures };
}

/**
 * The sent key a match answers: its echoed key as sent, else the one sent key that equals
 * it but for letter case (Feishu may match emails ignoring case and echo the stored spelling).
 */
function placeMatch(
	batch: string[],
	keys: Map<string, Pending>,
	match: TalentMatch,
): string | undefined {
	if (batch.length === 1) return batch[0];
	const { kind, qualifier } = keys.get(batch[0])!.key;
	const echoed = echoedKey(kind, qualifier, match);
	if (!echoed) return undefined;
	if (batch.includes(keyId(echoed))) return keyId(echoed);
	const alike = batch.filter(
		(id) => keys.get(id)!.key.value.toLowerCase() === echoed.value.toLowerCase(),
	);
	return alike.length === 1 ? alike[0] : undefined;
}

function lookupBody(
	kind: TalentKey['kind'],
	qualifier: string | undefined,
	values: string[],
): IDataObject {
	if (kind === 'email') return { email_list: values };
	if (kind === 'mobile') return { mobile_code: qualifier, mobile_number_list: values };
	return { identification_type: Number(qualifier), identification_number_list: values };
}

/** The talents one key matches (one request): e.g. to check whether a create took effect. */
export async function findTalentsByKey(
	client: FeishuClient,
	key: TalentKey,
	itemIndex: number,
): Promise<TalentMatch[]> {
	const data = await client.request<{ talent_list?: TalentMatch[] }>({
		endpoint: 'findTalents',
		body: lookupBody(key.kind, key.qualifier, [key.value]),
		itemIndex,
	});
	const found = Array.isArray(data?.talent_list) ? data.talent_list : [];
	return found.filter((match) => typeof match?.talent_id === 'string');
}

/**
 * Looks up the keys of all prepared items at once. Returns each item's matches (an empty list
 * when nothing matched); a failed lookup throws, naming the item. Without Continue On Fail
 * the earliest failing item is thrown here, before anything else is sent.
 */
export async function lookUpTalents<Input>(
	ctx: IExecuteFunctions,
	client: FeishuClient,
	prepared: Array<Prepared<Input>>,
	keyOf: (input: Input) => TalentKey | undefined,
): Promise<(input: Input, itemIndex: number) => TalentMatch[]> {
	const keys = new Map<string, Pending>();
	prepared.forEach((entry, itemIndex) => {
		const key = 'input' in entry ? keyOf(entry.input) : undefined;
		if (key && !keys.has(keyId(key))) keys.set(keyId(key), { key, itemIndex });
	});
	const stopOnFailure = !ctx.continueOnFail();
	const { matches, failures } = await findTalents(client, keys, stopOnFailure);

	const failureOf = (input: Input) => {
		const key = keyOf(input);
		return key ? failures.get(keyId(key)) : undefined;
	};
	throwEarliestFailure(ctx, prepared, failureOf);
	return (input, itemIndex) => {
		const failure = failureOf(input);
		if (failure) throw forItem(ctx.getNode(), failure, itemIndex);
		// Each item gets its own copies: items sharing a key must not share objects.
		return (matches.get(keyId(keyOf(input)!)) ?? []).map((match) => ({ ...match }));
	};
}
