import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { checkFeishuId } from '../shared/ids';
import { readApplication, type Application } from '../shared/hire/applications';
import { FeishuClient } from '../shared/transport/client';

/**
 * Feishu retries a delivery not answered within 3 s, so the look-up gets this long, retries
 * included; past it the item goes on without the talent and says why.
 */
export const RESOLVE_BUDGET_MS = 2_000;

/**
 * Adds the talent of the item's application (and the application's stage and status), read
 * through the same client as the action node: limits, retries, token. A failure is reported
 * on the item under `resolve_talent_error`; the event is never dropped for it.
 */
export async function resolveTalent(
	ctx: IWebhookFunctions,
	item: IDataObject,
): Promise<IDataObject> {
	const applicationId = item.application_id;
	if (applicationId === undefined) return item;
	const failed = (message: string, description?: string) => ({
		...item,
		resolve_talent_error: { message, ...(description ? { description } : {}) },
	});
	const checked = checkFeishuId(applicationId);
	if ('problem' in checked)
		return failed(`application_id ${checked.problem}; nothing was looked up`);

	let application: Application;
	try {
		const client = await FeishuClient.connect(ctx);
		application = await readApplication(client, checked.id, 0, RESOLVE_BUDGET_MS);
	} catch (error) {
		const { message, description } = error as Error & { description?: string | null };
		return failed(message, description ?? undefined);
	}
	return {
		...item,
		talent_id: item.talent_id ?? application.talent_id,
		job_id: application.job_id,
		application_stage: application.stage,
		application_active_status: application.active_status,
		application_terminated: application.active_status === 2,
	};
}
