import type { IDataObject } from 'n8n-workflow';

import type { FeishuClient } from '../transport/client';

/** An application as the v1 get returns it; only the fields the package reads are named. */
export interface Application extends IDataObject {
	id?: string;
	talent_id?: string;
	job_id?: string;
	stage?: IDataObject;
	/** 1 active, 2 terminated. */
	active_status?: number;
}

/** The related records Application → Get can add (get_detail's options). */
export const APPLICATION_BLOCKS = {
	job: 'with_job',
	talent: 'with_talent',
	offer: 'with_offer',
	interviews: 'with_interview',
	evaluations: 'with_evaluation',
} as const;
export type ApplicationBlock = keyof typeof APPLICATION_BLOCKS;

/**
 * One application (`GET /open-apis/hire/v1/applications/:id`, 50/s), the one place the
 * package reads it: Application → Get and Get Many, and the trigger's Resolve Talent.
 */
export async function readApplication(
	client: FeishuClient,
	applicationId: string,
	itemIndex: number,
	deadlineMs?: number,
): Promise<Application> {
	const data = await client.request<{ application?: Application }>({
		endpoint: 'getApplication',
		id: applicationId,
		itemIndex,
		deadlineMs,
	});
	return data?.application ?? {};
}

/**
 * One application with related records (`get_detail`, 10/s): its basic information at the
 * top level, as readApplication returns it, and each block asked for beside it (absent when
 * the app lacks that block's field scope, as Feishu documents). The one shape of an
 * application with its job: Application → Get with Include and the trigger's Include
 * Application both output this.
 */
export async function readApplicationDetail(
	client: FeishuClient,
	applicationId: string,
	blocks: ApplicationBlock[],
	itemIndex: number,
	deadlineMs?: number,
): Promise<Application> {
	const data = await client.request<{ application_detail?: IDataObject }>({
		endpoint: 'getApplicationDetail',
		id: applicationId,
		qs: { options: blocks.map((block) => APPLICATION_BLOCKS[block]) },
		itemIndex,
		deadlineMs,
	});
	const { basic_info: basicInfo, ...related } = data?.application_detail ?? {};
	return { ...(basicInfo as IDataObject | undefined), ...related };
}
