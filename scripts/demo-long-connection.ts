import type { Emulator } from '../emulator';
import type { N8nInstance } from '../tools/n8n/instance';
import { EXAMPLES } from '../tools/n8n/workspace';
import { waitFor } from '../tools/wait';

/** The demo's emulator tells clients to reconnect within 2 s (production: within 30 s). */
export const DEMO_CLIENT_CONFIG = {
	PingInterval: 30,
	ReconnectInterval: 2,
	ReconnectNonce: 2,
	ReconnectCount: -1,
};

/**
 * The long-connection part of the demo: the long-connection variant of the Silver medalists
 * example activated (n8n dials out to the emulator's WebSocket), events pushed over it, the
 * connection dropped by the server with an event pushed meanwhile, and a duplicate.
 */
export async function runLongConnectionFlow(
	n8n: N8nInstance,
	emulator: Emulator,
	cookie: string,
): Promise<string[][]> {
	const workflowId = EXAMPLES.longConnection.id;
	const server = emulator.longConnection;
	const started = Date.now();
	await n8n.activate(cookie, workflowId);
	await waitFor(() => server.openConnections().length === 1, 'n8n to connect');
	const rows = [
		['step', 'what happened'],
		[
			'workflow activated',
			`n8n connected out to Feishu's WebSocket in ${((Date.now() - started) / 1000).toFixed(1)} s (no public URL)`,
		],
	];
	const executions = async () =>
		(await n8n.executions(cookie)).filter((execution) => execution.workflowId === workflowId)
			.length;
	const applications = emulator.applications();
	for (const [index, application] of applications.slice(10, 13).entries())
		emulator.pushEvent({
			eventId: `demo-lc-${index}`,
			event: { application_id: application.id, target_stage_id: application.stage.id },
		});
	await n8n.waitForExecutions(cookie, workflowId, 3, 60_000);
	rows.push([
		'3 events pushed over the socket',
		`${await executions()} executions, ${server.acks.length} acks`,
	]);

	server.dropAll();
	const dropped = Date.now();
	emulator.pushEvent({
		eventId: 'demo-lc-during-drop',
		event: { application_id: applications[13].id, target_stage_id: applications[13].stage.id },
	});
	await n8n.waitForExecutions(cookie, workflowId, 4, 60_000);
	rows.push([
		'connection dropped, 1 event pushed meanwhile',
		`reconnected with a new ticket; the event ran ${((Date.now() - dropped) / 1000).toFixed(1)} s after the drop`,
	]);
	emulator.pushEvent({
		eventId: 'demo-lc-0',
		event: { application_id: applications[10].id, target_stage_id: applications[10].stage.id },
	});
	await waitFor(() => server.unacked().length === 0, 'the ack');
	await new Promise((resolve) => setTimeout(resolve, 1_000));
	rows.push([
		'event 1 again (Feishu re-pushing)',
		`acked; ${await executions()} executions in all (no new one)`,
	]);
	return rows;
}
