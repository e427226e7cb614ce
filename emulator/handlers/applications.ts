import { FEISHU } from '../hire-errors';
import {
	checkQueryKeys,
	fail,
	jsonBody,
	msParameter,
	ok,
	pageSizeParameter,
	pathSegment,
} from '../http';
import { PROCESS_STAGES, TERMINATION_REASONS } from '../applications';
import { PROCESSES } from '../jobs';
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

/** The application a path names, or 400 / 1002201. */
function applicationAt(state: HireState, rawId: string) {
	const application = state.applications.get(pathSegment(rawId));
	if (!application) fail(FEISHU.applicationNotFound);
	return application;
}

/** The stages of the process the application's job runs. */
export function stagesOf(state: HireState, jobId: string) {
	const job = state.jobs.find((candidate) => candidate.id === jobId);
	return job ? (PROCESS_STAGES[job.process_id] ?? []) : [];
}

const ONBOARDED = 7;
const TERMINATION_TYPES = new Set([1, 22, 27]);

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

/** A list that takes only page_size (1..max) and page_token. */
function pagedList(
	state: HireState,
	url: URL,
	items: unknown[],
	maxPageSize: number,
	kind: string,
) {
	checkQueryKeys(url.searchParams, new Set(['page_size', 'page_token']));
	return ok(
		page(
			state.pageTokenSecret,
			items,
			pageSizeParameter(url.searchParams, maxPageSize),
			url.searchParams.get('page_token') || undefined,
			kind,
		),
	);
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
		/**
		 * Refused into or out of "onboarded" (1002211 / 1002220) and for a terminated application
		 * (1002220, assumed); a stage outside the job's process is 1002204; a move to the stage the
		 * application is in is a no-op (assumed) and fires no event. A move fires
		 * hire.application.stage_changed_v1.
		 */
		method: 'POST',
		path: /^\/open-apis\/hire\/v1\/applications\/([^/]+)\/transfer_stage$/,
		endpoint: 'transferStage',
		handle(state, { req, rawBody, match }) {
			const body = jsonBody(req, rawBody);
			for (const key of Object.keys(body))
				if (key !== 'stage_id') fail(FEISHU.hireParamError, `unknown field ${key}`);
			if (typeof body.stage_id !== 'string' || body.stage_id === '')
				fail(FEISHU.hireParamError, 'stage_id is required');
			const application = applicationAt(state, match[1]);
			const target = stagesOf(state, application.job_id).find(
				(stage) => stage.id === body.stage_id,
			);
			if (!target) fail(FEISHU.stageNotFound);
			if (application.active_status === 2)
				fail(FEISHU.transferNotAllowed, 'the application is terminated');
			if (application.stage.type === ONBOARDED) fail(FEISHU.transferNotAllowed, 'onboarded');
			if (target.type === ONBOARDED) fail(FEISHU.cannotTransferToStage);
			if (target.id === application.stage.id) return ok({});
			return {
				reply: ok({}),
				apply: () => {
					const from = application.stage;
					application.stage = target;
					application.modify_time = String(state.clock());
					state.onStageChanged?.(application, from);
				},
			};
		},
	},
	{
		/** Not idempotent: a terminated application is 400 / 1002221. */
		method: 'POST',
		path: /^\/open-apis\/hire\/v1\/applications\/([^/]+)\/terminate$/,
		endpoint: 'terminateApplication',
		handle(state, { req, rawBody, match }) {
			const body = jsonBody(req, rawBody);
			const allowed = new Set([
				'termination_type',
				'termination_reason_list',
				'termination_reason_note',
			]);
			for (const key of Object.keys(body))
				if (!allowed.has(key)) fail(FEISHU.hireParamError, `unknown field ${key}`);
			const type = body.termination_type;
			if (typeof type !== 'number' || !TERMINATION_TYPES.has(type))
				fail(FEISHU.hireParamError, 'termination_type must be 1, 22 or 27');
			const reasons = body.termination_reason_list ?? [];
			if (
				!Array.isArray(reasons) ||
				!reasons.every((id) => TERMINATION_REASONS.some((reason) => reason.id === id))
			)
				fail(FEISHU.hireParamError, 'termination_reason_list holds an unknown reason');
			const note = body.termination_reason_note;
			if (note !== undefined && typeof note !== 'string')
				fail(FEISHU.hireParamError, 'termination_reason_note must be a string');
			const application = applicationAt(state, match[1]);
			if (application.active_status === 2) fail(FEISHU.alreadyTerminated);
			return {
				reply: ok({}),
				apply: () => {
					application.active_status = 2;
					application.termination_type = type;
					application.termination_reason_list = reasons as string[];
					application.termination_reason_note = note as string | undefined;
					application.modify_time = String(state.clock());
				},
			};
		},
	},
	{
		/**
		 * Only a terminated application (else 1002225) of a talent not onboarded (else 1002209),
		 * unless another is active on its job (1002206).
		 */
		method: 'POST',
		path: /^\/open-apis\/hire\/v1\/applications\/([^/]+)\/recover$/,
		endpoint: 'recoverApplication',
		handle(state, { req, rawBody, match }) {
			if (rawBody !== '' && Object.keys(jsonBody(req, rawBody)).length > 0)
				fail(FEISHU.hireParamError, 'recover takes no body');
			const application = applicationAt(state, match[1]);
			if (application.active_status !== 2) fail(FEISHU.notTerminated);
			if (state.talents.get(application.talent_id)?.is_onboarded) fail(FEISHU.talentOnboarded);
			const other = [...state.applications.values()].some(
				(one) =>
					one !== application &&
					one.active_status === 1 &&
					one.talent_id === application.talent_id &&
					one.job_id === application.job_id,
			);
			if (other) fail(FEISHU.repeatApplication);
			return {
				reply: ok({}),
				apply: () => {
					application.active_status = 1;
					delete application.termination_type;
					delete application.termination_reason_list;
					delete application.termination_reason_note;
					application.modify_time = String(state.clock());
				},
			};
		},
	},
	{
		method: 'GET',
		path: /^\/open-apis\/hire\/v1\/termination_reasons$/,
		endpoint: 'listTerminationReasons',
		handle: (state, { url }) =>
			pagedList(state, url, TERMINATION_REASONS, 200, 'termination_reasons'),
	},
	{
		/** Every recruitment process of the tenant, with its stages: there is no job filter. */
		method: 'GET',
		path: /^\/open-apis\/hire\/v1\/job_processes$/,
		endpoint: 'listJobProcesses',
		handle(state, { url }) {
			const processes = PROCESSES.map((process) => ({
				...process,
				stage_list: PROCESS_STAGES[process.id],
			}));
			return pagedList(state, url, processes, 100, 'job_processes');
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
