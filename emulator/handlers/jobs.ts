import { FEISHU } from '../hire-errors';
import { checkQueryKeys, fail, msParameter, ok, pageSizeParameter, pathSegment } from '../http';
import { page } from '../page-token';
import type { HireRoute } from '../state';

/** Jobs: the list (20 a page at most, no status filter) and one job. */
const LIST_PARAMETERS = new Set([
	'update_start_time',
	'update_end_time',
	'page_size',
	'page_token',
	'user_id_type',
	'department_id_type',
	'job_level_id_type',
	'job_family_id_type',
]);

export const jobRoutes: HireRoute[] = [
	{
		method: 'GET',
		path: /^\/open-apis\/hire\/v1\/jobs$/,
		endpoint: 'listJobs',
		handle(state, { url }) {
			const query = url.searchParams;
			checkQueryKeys(query, LIST_PARAMETERS);
			const pageSize = pageSizeParameter(query, 20);
			const start = msParameter(query, 'update_start_time');
			const end = msParameter(query, 'update_end_time');
			const matching = state.jobs.filter(
				(job) =>
					(start === undefined || Number(job.update_timestamp) >= start) &&
					(end === undefined || Number(job.update_timestamp) <= end),
			);
			return ok(
				page(
					state.pageTokenSecret,
					matching,
					pageSize,
					query.get('page_token') || undefined,
					JSON.stringify([start, end]),
				),
			);
		},
	},
	{
		/** The page documents an unknown job as HTTP 404 / 1002601. */
		method: 'GET',
		path: /^\/open-apis\/hire\/v1\/jobs\/([^/]+)$/,
		endpoint: 'getJob',
		handle(state, { match }) {
			const job = state.jobs.find((candidate) => candidate.id === pathSegment(match[1]));
			if (!job) fail(FEISHU.jobNotFound);
			return ok({ job: { ...job, customized_data_list: [] } });
		},
	},
];
