import type { Emulator } from '../../emulator';
import type { N8nInstance } from './instance';
import { CREDENTIAL_ID, EXAMPLES, loadExample, triggerPath } from './workspace';

/**
 * What the HR automation examples need around them, for the end-to-end tests and the demo:
 * a workflow that moves a stage through the node (started by a webhook, as any automation
 * would), and the referral form's submission.
 */
export const MOVER = { id: 'FeishuMoveStage1', path: 'move-stage' };

export function moverWorkflow() {
	const credentials = { feishuHireApi: { id: CREDENTIAL_ID, name: 'Feishu Hire (emulator)' } };
	return {
		id: MOVER.id,
		name: 'Move an application to a stage (POST { applicationId, stageId })',
		nodes: [
			{
				parameters: { httpMethod: 'POST', path: MOVER.path, options: {} },
				id: 'e2e0a001-0000-4000-8000-000000000001',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'e2e0a001-5ee1-4d1a-9b3c-e2e0a0010001',
			},
			{
				parameters: {
					resource: 'application',
					operation: 'transferStage',
					applicationId: '={{ $json.body.applicationId }}',
					stageId: { __rl: true, mode: 'id', value: '={{ $json.body.stageId }}' },
					options: {},
				},
				id: 'e2e0a001-0000-4000-8000-000000000002',
				name: 'Move to Stage',
				type: 'n8n-nodes-feishu-hire.feishuHire',
				typeVersion: 1,
				position: [240, 0],
				credentials,
			},
		],
		connections: { Webhook: { main: [[{ node: 'Move to Stage', type: 'main', index: 0 }]] } },
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

/** Activates the two examples and the mover; stage changes made through the API then reach the offer example's trigger. */
export async function activateHrAutomations(
	n8n: N8nInstance,
	emulator: Emulator,
	cookie: string,
): Promise<void> {
	for (const id of [EXAMPLES.offerStage.id, EXAMPLES.referral.id, MOVER.id])
		await n8n.activate(cookie, id);
	emulator.setEventUrl(`${n8n.url}/webhook/${triggerPath('offerStage')}`);
}

/** Moves an application's stage through the node (the mover workflow); the answer's status. */
export async function moveStage(
	n8n: N8nInstance,
	applicationId: string,
	stageId: string,
): Promise<number> {
	const response = await n8n.postWebhook(MOVER.path, JSON.stringify({ applicationId, stageId }));
	await response.arrayBuffer();
	return response.status;
}

export interface Referral {
	name: string;
	email: string;
	jobId: string;
	referredBy: string;
}

/** Submits the referral example's form; the answer's status. */
export async function submitReferral(n8n: N8nInstance, referral: Referral): Promise<number> {
	const form = loadExample('referral').nodes.find(
		(node) => node.type === 'n8n-nodes-base.formTrigger',
	)!;
	const { path } = form.parameters.options as { path: string };
	const response = await n8n.postForm(path, [
		referral.name,
		referral.email,
		referral.jobId,
		referral.referredBy,
	]);
	await response.arrayBuffer();
	return response.status;
}

/** Active applications in a first stage of the job's process: ones a demo or test may move. */
export function movableApplications(emulator: Emulator) {
	const process = emulator.jobs()[0].process_id;
	return emulator
		.applications()
		.filter(
			(one) =>
				one.active_status === 1 &&
				one.stage.type === 1 &&
				emulator.jobs().find((job) => job.id === one.job_id)?.process_id === process,
		);
}
