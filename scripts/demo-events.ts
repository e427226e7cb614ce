import type { Emulator } from '../emulator';
import type { EventRequest } from '../emulator/events';
import { deliveryRequest, urlVerification } from '../emulator/events';
import type { N8nInstance } from '../tools/n8n/instance';
import { EXAMPLES, silverMedalistsExample } from '../tools/n8n/workspace';

/**
 * The trigger part of the demo: the example "terminated applications to the Silver medalists
 * pool" activated on a started n8n, then Feishu's deliveries (as the emulator sends them) to
 * its production URL: the URL check, three events, a retry of one of them and two forgeries.
 * Returns the table's rows (what was sent, what n8n answered, whether it ran) and what came of it.
 */
export async function runEventFlow(
	n8n: N8nInstance,
	emulator: Emulator,
	cookie: string,
): Promise<{ rows: string[][]; summary: string }> {
	const workflowId = EXAMPLES.silverMedalists.id;
	const { path, poolId } = silverMedalistsExample();
	await n8n.activate(cookie, workflowId);
	const rows: string[][] = [];

	const check = deliveryRequest(urlVerification('demo-challenge', emulator.verificationToken), {
		encryptKey: emulator.encryptKey,
		unsigned: true,
	});
	const answer = await n8n.postWebhook(path, check.body, check.headers);
	rows.push(['URL check (encrypted challenge)', `${answer.status} ${await answer.text()}`, '-']);

	const pick = (status: 1 | 2, skip = 0) =>
		emulator
			.applications()
			.filter(
				(one) => one.active_status === status && !emulator.members(poolId).includes(one.talent_id),
			)[skip];
	const [first, active, second] = [pick(2), pick(1), pick(2, 1)];
	const stageChange = (application: typeof first) => ({
		application_id: application.id,
		target_stage_id: application.stage.id,
	});
	const deliveries: Array<[string, Omit<EventRequest, 'url'>]> = [
		[
			`stage change, terminated application (talent ${first.talent_id})`,
			{ eventId: 'demo-event-1', event: stageChange(first) },
		],
		[
			`stage change, active application (talent ${active.talent_id})`,
			{ eventId: 'demo-event-2', event: stageChange(active) },
		],
		[
			`stage change, terminated application (talent ${second.talent_id})`,
			{ eventId: 'demo-event-3', event: stageChange(second) },
		],
		['event 1 again (Feishu retrying)', { eventId: 'demo-event-1', event: stageChange(first) }],
		['forged: signed with another key', { eventId: 'demo-forged', encryptKey: 'forged-key' }],
		['forged: body changed after signing', { eventId: 'demo-tampered', tamper: true }],
	];
	const url = `${n8n.url}/webhook/${path}`;
	for (const [label, request] of deliveries) {
		const { attempts } = await emulator.sendEvent({ url, ...request });
		const { status, body } = attempts[0];
		// The trigger answers an event it starts an execution for with an empty 200.
		const ran = status === 200 && body === '';
		rows.push([label, `${status} ${body || '(empty)'}`, ran ? 'yes' : 'no']);
	}
	const executions = await n8n.waitForExecutions(cookie, workflowId, 3, 60_000);
	const members = emulator.members(poolId);
	const where = (one: typeof first) =>
		`talent ${one.talent_id} ${members.includes(one.talent_id) ? 'is in' : 'is not in'} the pool`;
	const summary = `${executions.length} executions (${executions.map((execution) => execution.status).join(', ')}). Terminated applications: ${where(first)}, ${where(second)}. Active application: ${where(active)}.`;
	return { rows, summary };
}
