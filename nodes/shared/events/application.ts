import type { IDataObject } from 'n8n-workflow';

import { checkFeishuId } from '../ids';
import { readApplication, readApplicationDetail, type Application } from '../hire/applications';
import type { FeishuClient } from '../transport/client';

/**
 * Feishu retries a delivery not answered within 3 s, so the look-up gets this long, retries
 * included; past it the item goes on without the application and says why.
 */
export const RESOLVE_BUDGET_MS = 2_000;

/** The trigger's options that read the event's application. */
export interface ApplicationOptions {
	/** Resolve Talent: talent_id, job_id, application_stage and status beside the event's fields. */
	resolveTalent: boolean;
	/** Include Application: the application with its job under `application`. */
	includeApplication: boolean;
}

type Failure = { message: string; description?: string };
type Read = { application: Application } | { failure: Failure };

/**
 * Adds what the options ask for about the item's application (events carrying
 * application_id), read once whatever both options need: the v1 get (50/s) for Resolve
 * Talent alone, get_detail with the job (10/s) as soon as Include Application is on, through
 * the same client and shared reader as the action node (limits, retries, token). A failure is
 * reported on the item under each option's `<option>_error`; the event is never dropped for it.
 */
export async function addApplication(
	clientOf: () => Promise<FeishuClient>,
	item: IDataObject,
	options: ApplicationOptions,
): Promise<IDataObject> {
	const { resolveTalent, includeApplication } = options;
	if ((!resolveTalent && !includeApplication) || item.application_id === undefined) return item;
	const read = await readEventApplication(clientOf, item.application_id, includeApplication);
	let result = item;
	if (resolveTalent)
		result =
			'failure' in read
				? { ...result, resolve_talent_error: read.failure }
				: { ...result, ...talentFields(item, read.application) };
	if (includeApplication)
		result =
			'failure' in read
				? { ...result, include_application_error: read.failure }
				: { ...result, application: read.application };
	return result;
}

/** One read of the application, within RESOLVE_BUDGET_MS, or why there is none. */
async function readEventApplication(
	clientOf: () => Promise<FeishuClient>,
	applicationId: unknown,
	withJob: boolean,
): Promise<Read> {
	const checked = checkFeishuId(applicationId);
	if ('problem' in checked)
		return { failure: { message: `application_id ${checked.problem}; nothing was looked up` } };
	try {
		const client = await clientOf();
		const application = withJob
			? await readApplicationDetail(client, checked.id, ['job'], 0, RESOLVE_BUDGET_MS)
			: await readApplication(client, checked.id, 0, RESOLVE_BUDGET_MS);
		return { application };
	} catch (error) {
		const { message, description } = error as Error & { description?: string | null };
		return { failure: { message, ...(description ? { description } : {}) } };
	}
}

/** Resolve Talent's fields: get_detail's basic information names them as the v1 get does. */
function talentFields(item: IDataObject, application: Application): IDataObject {
	return {
		talent_id: item.talent_id ?? application.talent_id,
		job_id: application.job_id,
		application_stage: application.stage,
		application_active_status: application.active_status,
		application_terminated: application.active_status === 2,
	};
}
