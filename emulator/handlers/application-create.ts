import { applicationIdAt, type Application } from '../applications';
import { FEISHU } from '../hire-errors';
import { checkQueryKeys, fail, jsonBody, ok } from '../http';
import type { HireRoute } from '../state';
import { stagesOf } from './applications';

const CREATE_FIELDS = new Set([
	'talent_id',
	'job_id',
	'user_id',
	'resume_source_id',
	'application_preferred_city_code_list',
	'delivery_type',
]);

/**
 * Create application: not idempotent, so a second *active* application of the talent on the
 * job is 400 / 1002206 (a terminated one does not count, assumed). A missing talent is
 * 400 / 1002102, a missing job 400 / 1002207 (not on the page, assumed); the new application
 * starts in the first stage of its job's process.
 */
export const applicationCreateRoute: HireRoute = {
	method: 'POST',
	path: /^\/open-apis\/hire\/v1\/applications$/,
	endpoint: 'createApplication',
	handle(state, { req, rawBody, url }) {
		checkQueryKeys(url.searchParams, new Set(['user_id_type']));
		const body = jsonBody(req, rawBody);
		for (const key of Object.keys(body))
			if (!CREATE_FIELDS.has(key)) fail(FEISHU.hireParamError, `unknown field ${key}`);
		const { talent_id, job_id, resume_source_id, delivery_type } = body;
		if (typeof talent_id !== 'string' || talent_id === '')
			fail(FEISHU.hireParamError, 'talent_id is required');
		if (typeof job_id !== 'string' || job_id === '')
			fail(FEISHU.hireParamError, 'job_id is required');
		if (resume_source_id !== undefined && typeof resume_source_id !== 'string')
			fail(FEISHU.hireParamError, 'resume_source_id must be a string');
		if (delivery_type !== undefined && delivery_type !== 1 && delivery_type !== 2)
			fail(FEISHU.hireParamError, 'delivery_type must be 1 or 2');
		if (!state.talents.get(talent_id)) fail(FEISHU.applicationTalentNotFound);
		const [firstStage] = stagesOf(state, job_id);
		if (!firstStage) fail(FEISHU.applicationJobNotFound);
		const active = [...state.applications.values()].some(
			(one) => one.talent_id === talent_id && one.job_id === job_id && one.active_status === 1,
		);
		if (active) fail(FEISHU.repeatApplication);
		const now = String(state.clock());
		const application: Application = {
			id: applicationIdAt(state.applications.size),
			job_id,
			talent_id,
			stage: firstStage,
			active_status: 1,
			create_time: now,
			modify_time: now,
		};
		return {
			reply: ok({ id: application.id }),
			apply: () => {
				state.applications.set(application.id, application);
			},
		};
	},
};
