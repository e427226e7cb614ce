import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { collectPages, type Page } from '../../helpers/paging';
import type { FeishuClient } from '../../../shared/transport/client';

/** The job list's documented maximum page size. */
export const MAX_JOB_PAGE_SIZE = 20;

/** A job as the list returns it; only the fields the node reads are named. */
export interface Job extends IDataObject {
	id: string;
	title?: string;
	code?: string;
	/** 1 open, 2 closed (inferred from the list's example: see the README's assumptions). */
	active_status?: number;
}

export const JOB_STATUSES = { open: 1, closed: 2 } as const;
export type JobStatus = keyof typeof JOB_STATUSES | 'all';

/**
 * Jobs in Feishu's order, 20 a page. Feishu cannot filter by status, so a status other than
 * `all` reads every page and keeps the jobs in that status.
 */
export async function listJobs(
	client: FeishuClient,
	options: { limit?: number; status?: JobStatus; query?: IDataObject },
	itemIndex: number,
): Promise<Job[]> {
	const { limit, status = 'all', query } = options;
	return await collectPages<Job>(
		async (pageSize, pageToken) =>
			await client.request<Page<Job>>({
				endpoint: 'listJobs',
				qs: { ...query, page_size: pageSize, page_token: pageToken },
				itemIndex,
			}),
		{
			maxPageSize: MAX_JOB_PAGE_SIZE,
			limit,
			keep: status === 'all' ? undefined : (job) => job.active_status === JOB_STATUSES[status],
		},
	);
}

/** The job picker shared by the operations that act on one job. */
export function jobLocator(description: string): INodeProperties {
	return {
		displayName: 'Job',
		name: 'jobId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `${description}: pick it from the list, or give its ID (text, usually a 19-digit number, e.g. 6930822004891633924)`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a job...',
				typeOptions: { searchListMethod: 'searchJobs', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 6930822004891633924',
			},
		],
	};
}
