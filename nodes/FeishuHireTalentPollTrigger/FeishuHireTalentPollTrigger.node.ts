import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/credential';
import { FeishuClient } from '../shared/transport/client';
import { baseline, listChangedSince, mostRecent, readDetails } from './listing';
import {
	createdSince,
	readWatermark,
	selectChanges,
	writeWatermark,
	type ListedTalent,
	type Watermark,
} from './watermark';

const NOTICE =
	'Feishu sends no event when a talent is created or changed, so this trigger asks Feishu’s talent list at each Poll Time for the talents changed since the last poll. The first poll after activation only notes where to start: changes before it are not emitted.';

/** Polls in progress, by workflow and node: a poll that starts while one runs waits for the next. */
const polling = new Set<string>();

export class FeishuHireTalentPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Feishu Hire Talent Trigger',
		name: 'feishuHireTalentPollTrigger',
		icon: { light: 'file:../../icons/feishu.svg', dark: 'file:../../icons/feishu.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter["keyword"] ? "Talents matching " + $parameter["keyword"] : "Every talent" }}',
		description:
			'Starts the workflow when a talent is created or changed in Feishu / Lark Hire (飞书招聘): polls the talent list, one item per talent changed since the last poll, oldest first',
		defaults: { name: 'Feishu Hire Talent Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{ displayName: NOTICE, name: 'notice', type: 'notice', default: '' },
			{
				displayName: 'Keyword',
				name: 'keyword',
				type: 'string',
				default: '',
				placeholder: 'e.g. 张三 and 产品经理',
				description:
					"Only talents Feishu's talent search finds with these words (combined with and, or, not); empty for every talent. Changing it starts afresh: the next poll sets a new starting point and emits nothing.",
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Details',
						name: 'includeDetails',
						type: 'boolean',
						default: false,
						description:
							'Whether to read each talent in full (one more request per talent, at most 20 a second) and add created: true when it was created since the last poll, false when it existed before',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const keyword = this.getNodeParameter('keyword', '') as unknown;
		if (typeof keyword !== 'string')
			throw new NodeOperationError(node, `Keyword must be text, not ${kindOf(keyword)}`, {
				description: 'Give words to search for, or leave Keyword empty for every talent.',
			});
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const includeDetails = options.includeDetails ?? false;
		if (typeof includeDetails !== 'boolean')
			throw new NodeOperationError(
				node,
				`Include Details must be true or false, not ${kindOf(includeDetails)}`,
			);
		const wanted = keyword.trim();
		const client = await FeishuClient.connect(this);
		const stored = this.getWorkflowStaticData('node');
		const state = readWatermark(stored);
		const withDetails = async (talents: ListedTalent[], since: Watermark | undefined) =>
			includeDetails ? await detailedItems(this, client, talents, since) : talents.map(itemOf);

		// A test run shows the latest talent to map fields from, and leaves the watermark alone.
		if (this.getMode() === 'manual') {
			const recent = await mostRecent(client, wanted);
			if (!recent) return null;
			const items = await withDetails([recent], state?.keyword === wanted ? state : undefined);
			return items.length > 0 ? [this.helpers.returnJsonArray(items)] : null;
		}

		const key = `${this.getWorkflow().id ?? ''}:${node.id}`;
		if (polling.has(key)) {
			this.logger.warn('Feishu Hire Talent Trigger: the previous poll is still running; skipped');
			return null;
		}
		polling.add(key);
		try {
			if (!state || state.keyword !== wanted) {
				writeWatermark(stored, await baseline(client, wanted));
				return null;
			}
			const { changed, next } = selectChanges(await listChangedSince(client, state), state);
			const items = await withDetails(changed, state);
			if (
				next.watermark !== state.watermark ||
				next.boundaryIds.join() !== state.boundaryIds.join()
			)
				writeWatermark(stored, next);
			return items.length > 0 ? [this.helpers.returnJsonArray(items)] : null;
		} finally {
			polling.delete(key);
		}
	}
}

function itemOf(talent: ListedTalent): IDataObject {
	return talent.item;
}

/** Each talent as the v2 get returns it, with `created`; talents deleted since they were listed are left out. */
async function detailedItems(
	ctx: IPollFunctions,
	client: FeishuClient,
	talents: ListedTalent[],
	since: Watermark | undefined,
): Promise<IDataObject[]> {
	const details = await readDetails(
		client,
		ctx.getNode(),
		talents.map(({ talentId }) => talentId),
	);
	return talents.flatMap(({ talentId }, index) => {
		const detail = details[index];
		if (!detail) {
			ctx.logger.warn(
				`Feishu Hire Talent Trigger: talent ${talentId} was listed as changed but can no longer be read (deleted); left out`,
			);
			return [];
		}
		const basic = detail.basic_info as IDataObject | undefined;
		return [
			{
				...detail,
				talent_id: talentId,
				created: createdSince(talentId, basic?.create_time, since),
			},
		];
	});
}

function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `the ${typeof value} ${String(value)}`;
}
