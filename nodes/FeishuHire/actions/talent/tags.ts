import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	NodeApiError,
} from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { asNodeError } from '../../helpers/item-errors';
import { prepareItems, runItems } from '../../helpers/items';
import { feishuIdParameter, invalid } from '../../helpers/parameters';
import {
	alreadySo,
	failIfUnchangedOption,
	failIfUnchangedParameter,
} from '../../helpers/unchanged';
import { TALENT_ID_HELP, talentIdField } from '../../identify/fields';
import { checkFeishuId } from '../../../shared/ids';
import { FEISHU_CODES, TAG_OPERATION } from '../../../shared/transport/codes';
import type { FeishuClient } from '../../../shared/transport/client';

const CONCURRENCY = 5;

type Direction = 'add' | 'remove';

const SIDES = {
	add: {
		operation: TAG_OPERATION.ADD,
		alreadySoCode: FEISHU_CODES.ALREADY_TAGGED,
		unchanged: 'The talent has these tags already',
	},
	remove: {
		operation: TAG_OPERATION.REMOVE,
		alreadySoCode: FEISHU_CODES.NOT_TAGGED,
		unchanged: 'The talent has none of these tags',
	},
} as const;

/** Add Tags' and Remove Tags' parameters: the talent and the tags. */
export function tagsDescription(direction: Direction): INodeProperties[] {
	return forOperation('talent', direction === 'add' ? 'addTags' : 'removeTags', [
		talentIdField(`${TALENT_ID_HELP} E.g. the talent_id that Find or Create or Update returned.`),
		{
			displayName: 'Tag Names or IDs',
			name: 'tagIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getTalentTags' },
			required: true,
			default: [],
			description:
				'The talent tags (enabled ones, from Hire → Settings; 19-digit IDs). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		failIfUnchangedOption(
			direction === 'add' ? 'the talent has every tag already' : 'the talent has none of the tags',
		),
	]);
}

function tagIdsParameter(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const value = ctx.getNodeParameter('tagIds', itemIndex, []) as unknown;
	const ids = typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : value;
	if (!Array.isArray(ids) || ids.length === 0)
		throw invalid(ctx, itemIndex, 'Tag Names or IDs', 'must name at least one tag');
	for (const id of ids) {
		const checked = checkFeishuId(id);
		if ('problem' in checked) throw invalid(ctx, itemIndex, 'Tag Names or IDs', checked.problem);
	}
	return [...new Set(ids as string[])];
}

/** The talent's tag IDs, or undefined when Feishu leaves tag_list out (no hire:talent_tag:readonly). */
async function currentTags(client: FeishuClient, talentId: string, itemIndex: number) {
	const talent = await client.request<{ tag_list?: Array<{ id?: string }> }>({
		endpoint: 'getTalent',
		id: talentId,
		itemIndex,
	});
	return Array.isArray(talent?.tag_list)
		? new Set(talent.tag_list.map((tag) => tag.id))
		: undefined;
}

/**
 * Tagging is not idempotent in Feishu (1002113 / 1002114, the whole list refused). The
 * talent's tags are read and only the difference is sent; without the field scope that
 * shows them, each tag is sent alone and Feishu's "already so" is taken as no change.
 */
export async function changeTags(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
	direction: Direction,
): Promise<INodeExecutionData[]> {
	const side = SIDES[direction];
	const prepared = prepareItems(this, items, (itemIndex) => ({
		talentId: feishuIdParameter(this, 'talentId', 'Talent ID', itemIndex),
		tagIds: tagIdsParameter(this, itemIndex),
		failIfUnchanged: failIfUnchangedParameter(this, itemIndex),
	}));
	const send = async (talentId: string, tagIds: string[], itemIndex: number) =>
		await client.request({
			endpoint: 'tagTalent',
			id: talentId,
			body: { operation: side.operation, tag_id_list: tagIds },
			itemIndex,
		});
	/** One tag alone: true when it changed, false when Feishu says it was so already. */
	const sendOne = async (talentId: string, tagId: string, itemIndex: number) => {
		try {
			await send(talentId, [tagId], itemIndex);
			return true;
		} catch (error) {
			if ((error as NodeApiError).errorResponse?.code === side.alreadySoCode) return false;
			throw asNodeError(this.getNode(), error, itemIndex);
		}
	};
	return await runItems(
		this,
		prepared,
		async ({ talentId, tagIds, failIfUnchanged }, itemIndex): Promise<IDataObject> => {
			const has = await currentTags(client, talentId, itemIndex);
			let changed: string[] = [];
			const wanted = has && tagIds.filter((id) => (direction === 'add') !== has.has(id));
			if (wanted && wanted.length > 0) {
				try {
					await send(talentId, wanted, itemIndex);
					changed = wanted;
				} catch (error) {
					// Changed since it was read: tag by tag, so the rest still lands.
					if ((error as NodeApiError).errorResponse?.code !== side.alreadySoCode)
						throw asNodeError(this.getNode(), error, itemIndex);
				}
			}
			if (!wanted || changed.length < wanted.length) {
				for (const tagId of wanted ?? tagIds)
					if (await sendOne(talentId, tagId, itemIndex)) changed.push(tagId);
			}
			if (changed.length === 0 && failIfUnchanged)
				throw alreadySo(this.getNode(), side.unchanged, itemIndex);
			return {
				talent_id: talentId,
				tag_ids: tagIds,
				[direction === 'add' ? 'added_tag_ids' : 'removed_tag_ids']: changed,
				changed: changed.length > 0,
			};
		},
		CONCURRENCY,
	);
}
