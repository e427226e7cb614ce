import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { TERMINATION_TYPES } from '../actions/application/fields';
import { FeishuClient } from '../../shared/transport/client';

interface ReasonPage {
	items?: Array<{
		id?: string;
		name?: { zh_cn?: string; en_us?: string };
		termination_type?: number;
		active_status?: number;
	}>;
	has_more?: boolean;
	page_token?: string;
}

/** Terminate's reasons: the active ones Hire has for the chosen termination type, every page read. */
export async function getTerminationReasons(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const client = await FeishuClient.connect(this);
	const type = TERMINATION_TYPES[this.getCurrentNodeParameter('terminationType') as string];
	const options: INodePropertyOptions[] = [];
	let pageToken: string | undefined;
	do {
		const page = await client.request<ReasonPage>({
			endpoint: 'listTerminationReasons',
			qs: { page_size: 200, page_token: pageToken },
			itemIndex: 0,
		});
		for (const reason of page?.items ?? []) {
			if (!reason.id || reason.active_status !== 1 || (type && reason.termination_type !== type))
				continue;
			const name = [reason.name?.zh_cn, reason.name?.en_us].filter(Boolean).join(' · ');
			options.push({ name: name || reason.id, value: reason.id });
		}
		const next = page?.has_more ? page.page_token : undefined;
		pageToken = next && next !== pageToken ? next : undefined;
	} while (pageToken);
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
