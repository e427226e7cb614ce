import { FEISHU } from '../hire-errors';
import { checkQueryKeys, fail, msParameter, ok, pageSizeParameter, pathSegment } from '../http';
import { page } from '../page-token';
import type { HireRoute, HireState } from '../state';

/**
 * Applications: one (the old v1 get), its details (get_detail) and the list (IDs only).
 * Where the pages are silent the emulator assumes, as the facts sheet recommends: the list's
 * filters combine with AND, both update-time bounds are inclusive; a missing application is
 * 400 / 1002201 on get_detail (the v1 get documents only 1002002, which it answers).
 */
const LIST_PARAMETERS = new Set([
	'process_id',
	'stage_id',
	'talent_id',
	'job_id',
	'active_status',
	'lock_status',
	'update_start_time',
	'update_end_time',
	'page_size',
	'page_token',
	'user_id_type',
]);
const DETAIL_PARAMETERS = new Set([
	'user_id_type',
	'department_id_type',
	'job_level_id_type',
	'job_family_id_type',
	'employee_type_id_type',
	'options',
]);
const DETAIL_OPTIONS = new Set([
	'with_job',
	'with_talent',
	'with_interview',
	'with_offer',
	'with_evaluation',
	'with_employee',
	'with_agency',
	'with_referral',
	'with_portal',
]);

function applicationDetail(state: HireState, id: string, options: string[]) {
	const application = state.applications.get(id);
	if (!application) fail(FEISHU.applicationNotFound);
	const detail: Record<string, unknown> = {
		basic_info: { ...application, onboard_status: 1 },
	};
	if (options.includes('with_job')) {
		const job = state.jobs.find((candidate) => candidate.id === application.job_id);
		if (job) detail.job = { id: job.id, name: job.title, code: job.code };
	}
	if (options.includes('with_talent')) {
		const talent = state.talents.get(application.talent_id);
		if (talent) {
			const { name, mobile_code, mobile_number, email } = talent.basic_info;
			detail.talent = { id: talent.talent_id, name, mobile_code, mobile_number, email };
		}
	}
	// The other blocks need field scopes the emulated app does not hold: not returned, as documented.
	return detail;
}

export const applicationRoutes: HireRoute[] = [
	{
		method: 'GET',
		path: /^\/open-apis\/hire\/v1\/applications$/,
		endpoint: 'listApplications',
		handle(state, { url }) {
			const query = url.searchParams;
			checkQueryKeys(query, LIST_PARAMETERS);
			const pageSize = pageSizeParameter(query, 200);
			const status = query.get('active_status');
			if (status !== null && !['1', '2', '3'].includes(status))
				fail(FEISHU.hireParamError, 'active_status must be "1", "2" or "3"');
			for (const lock of query.getAll('lock_status'))
				if (!['1', '2', '3'].includes(lock))
					fail(FEISHU.hireParamError, 'lock_status must be 1, 2 or 3');
			const start = msParameter(query, 'update_start_time');
			const end = msParameter(query, 'update_end_time');
			const is = (name: string, value: string) =>
				query.get(name) === null || query.get(name) === value;
			const processOf = (jobId: string) =>
				state.jobs.find((job) => job.id === jobId)?.process_id ?? '';
			const matching = [...state.applications.values()].filter(
				(application) =>
					is('talent_id', application.talent_id) &&
					is('job_id', application.job_id) &&
					is('stage_id', application.stage.id) &&
					is('process_id', processOf(application.job_id)) &&
					(status === null || status === '3' || String(application.active_status) === status) &&
					(start === undefined || Number(application.modify_time) >= start) &&
					(end === undefined || Number(application.modify_time) <= end),
			);
			const scope = JSON.stringify(
				[...LIST_PARAMETERS]
					.filter((name) => name !== 'page_token' && name !== 'page_size')
					.map((name) => query.getAll(name)),
			);
			const found = page(
				state.pageTokenSecret,
				matching.map((application) => application.id),
				pageSize,
				query.get('page_token') || undefined,
				scope,
			);
			return ok(found);
		},
	},
	{
		/** Details with the blocks `options` names; deleted or unknown: 400 / 1002201. */
		method: 'GET',
		path: /^\/open-apis\/hire\/v1\/applications\/([^/]+)\/get_detail$/,
		endpoint: 'getApplicationDetail',
		handle(state, { url, match }) {
			checkQueryKeys(url.searchParams, DETAIL_PARAMETERS);
			const options = url.searchParams.getAll('options');
			for (const option of options)
				if (!DETAIL_OPTIONS.has(option)) fail(FEISHU.hireParamError, `options holds ${option}`);
			return ok({ application_detail: applicationDetail(state, pathSegment(match[1]), options) });
		},
	},
	{
		/** The page documents an unknown application as 400 / 1002002. */
		method: 'GET',
		path: /^\/open-apis\/hire\/v1\/applications\/([^/]+)$/,
		endpoint: 'getApplication',
		handle(state, { match }) {
			const application = state.applications.get(pathSegment(match[1]));
			if (!application) fail(FEISHU.hireParamError, 'application not found');
			return ok({ application }, 'success');
		},
	},
];
