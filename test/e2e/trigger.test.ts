import { startEmulator, type Emulator } from '../../emulator';
import { deliveryRequest, hireEvent, urlVerification } from '../../emulator/events';
import { cleanUp } from '../../tools/n8n/cleanup';
import type { N8nInstance } from '../../tools/n8n/instance';
import { prepareN8n, SUPPORTED_N8N_VERSIONS } from '../../tools/n8n/runtime';
import {
	DEFAULT_OWNER,
	emulatorCredential,
	EXAMPLES,
	loadExample,
	packPackage,
	prepareInstance,
	silverMedalistsExample,
} from '../../tools/n8n/workspace';

/**
 * The Feishu Hire Trigger in a real n8n: the example imported and activated as its toggle
 * does, Feishu's deliveries sent by the emulator to the production webhook URL.
 */
const SECRET = 'e2e-trigger-S3CRET-41d7';
const WORKFLOW = EXAMPLES.silverMedalists.id;
/** The same workflow with a credential that has neither an Encrypt Key nor a Verification Token. */
const OPEN_WORKFLOW = 'FeishuOpenTrig01';
const OPEN_WEBHOOK = '0be2c0de-0000-4000-8000-0000000000f1';

/** The trigger example again, its credential without event secrets: it must never run open. */
function openTrigger(emulator: Emulator) {
	const credential = emulatorCredential(emulator);
	const open = {
		...credential,
		id: 'feishuNoSecrets1',
		name: 'Feishu Hire (no event secrets)',
		data: { ...credential.data, encryptKey: '', verificationToken: '' },
	};
	const example = loadExample('silverMedalists');
	const workflow = {
		...example,
		id: OPEN_WORKFLOW,
		name: 'Feishu Hire trigger without event secrets',
		nodes: example.nodes.map((node) =>
			node.type.endsWith('.feishuHireTrigger')
				? {
						...node,
						webhookId: OPEN_WEBHOOK,
						credentials: { feishuHireApi: { id: open.id, name: open.name } },
					}
				: node,
		),
	};
	return { credential: open, workflow };
}
let tarball: string;

beforeAll(() => {
	tarball = packPackage();
}, 300_000);

afterAll(() => cleanUp());

describe.each(SUPPORTED_N8N_VERSIONS)('real n8n %s, Feishu Hire Trigger', (version) => {
	let emulator: Emulator;
	let n8n: N8nInstance;
	let cookie: string;
	let url: string;
	const { path, poolId } = silverMedalistsExample();

	beforeAll(async () => {
		emulator = await startEmulator({ appSecret: SECRET });
		const runtime = await prepareN8n(version, () => undefined);
		n8n = await prepareInstance(runtime, { tarball }, emulator);
		const open = openTrigger(emulator);
		await n8n.importCredentials([open.credential]);
		await n8n.importWorkflows([open.workflow]);
		await n8n.start();
		cookie = await n8n.createOwner(DEFAULT_OWNER);
		await n8n.activate(cookie, WORKFLOW);
		url = `${n8n.url}/webhook/${path}`;
	});

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	/**
	 * Why n8n did not activate a workflow. n8n 1.x refuses in the answer to activate; 2.x
	 * publishes through an outbox and reports each trigger's failure in its publication status.
	 */
	const activationFailure = async (workflowId: string): Promise<string> => {
		const answer = await n8n.activate(cookie, workflowId).then(
			() => undefined,
			(error: Error) => error.message,
		);
		if (answer !== undefined) return answer;
		for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
			const { triggers = [] } = await n8n.rest<{ triggers?: Array<{ errorMessage?: string }> }>(
				cookie,
				'GET',
				`workflows/${workflowId}/publication-status`,
			);
			const failed = triggers.filter((trigger) => trigger.errorMessage);
			if (failed.length > 0) return failed.map((trigger) => trigger.errorMessage).join('; ');
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		return 'activated';
	};

	const ended = async () =>
		(await n8n.executions(cookie)).filter((execution) => execution.workflowId === WORKFLOW);

	it('answers Feishu’s URL check (encrypted) with the challenge alone and runs nothing', async () => {
		const { body, headers } = deliveryRequest(
			urlVerification('e2e-challenge-7', emulator.verificationToken),
			{ encryptKey: emulator.encryptKey, unsigned: true },
		);
		// Polled: a production webhook answers 404 for a moment after activation.
		const response = await n8n.postWebhook(path, body, headers);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ challenge: 'e2e-challenge-7' });
		expect(await ended()).toHaveLength(0);
	});

	it('a terminated application’s talent lands in the pool; an active one’s does not', async () => {
		const [terminated, active] = [2, 1].map((status) =>
			emulator
				.applications()
				.find(
					(application) =>
						application.active_status === status &&
						!emulator.members(poolId).includes(application.talent_id),
				)!,
		);
		for (const [application, eventId] of [
			[terminated, 'e2e-terminated-1'],
			[active, 'e2e-active-1'],
		] as const) {
			const { attempts } = await emulator.sendEvent({
				url,
				eventId,
				event: { application_id: application.id, target_stage_id: application.stage.id },
			});
			// Only the status matters to Feishu; n8n's default body would be the text "firstEntryJson".
			expect(attempts.map(({ status, body }) => ({ status, body }))).toEqual([
				{ status: 200, body: '' },
			]);
		}
		const executions = await n8n.waitForExecutions(cookie, WORKFLOW, 2, 60_000);
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
		expect(emulator.members(poolId)).toContain(terminated.talent_id);
		expect(emulator.members(poolId)).not.toContain(active.talent_id);
		expect(emulator.requests('getApplication')).toHaveLength(2);
	});

	it('a duplicate delivery of an event runs nothing, also after other executions', async () => {
		const { attempts } = await emulator.sendEvent({ url, eventId: 'e2e-terminated-1' });
		expect(attempts.map((attempt) => attempt.status)).toEqual([200]);
		await emulator.sendEvent({ url, eventId: 'e2e-other-1' });
		await n8n.waitForExecutions(cookie, WORKFLOW, 3, 60_000);
		await emulator.sendEvent({ url, eventId: 'e2e-active-1' });
		await emulator.sendEvent({ url, eventId: 'e2e-other-1' });
		// Settled: another event starts and ends after the duplicates were answered.
		await emulator.sendEvent({ url, eventId: 'e2e-last-1' });
		await n8n.waitForExecutions(cookie, WORKFLOW, 4, 60_000);
		expect(await ended()).toHaveLength(4);
		expect(emulator.requests('getApplication')).toHaveLength(4);
		// The token Resolve Talent fetched in the webhook was saved: the executions reused it.
		expect(emulator.requests('token')).toHaveLength(1);
	});

	it('forged, tampered and wrongly tokened requests get 401 and run nothing', async () => {
		const before = (await ended()).length;
		for (const forged of [
			{ encryptKey: 'not-the-apps-key' },
			{ tamper: true },
			{ unsigned: true },
			{ verificationToken: 'forged-token' },
			{ plain: true },
		]) {
			const { attempts } = await emulator.sendEvent({ url, ...forged });
			expect({ forged, status: attempts[0].status }).toEqual({ forged, status: 401 });
		}
		// The genuine event after them is the only one that runs.
		await emulator.sendEvent({ url, eventId: 'e2e-after-forgeries' });
		await n8n.waitForExecutions(cookie, WORKFLOW, before + 1, 60_000);
		expect(await ended()).toHaveLength(before + 1);
	});

	it('a trigger whose credential has no event secret does not activate, refuses a plain event and runs nothing', async () => {
		expect(await activationFailure(OPEN_WORKFLOW)).toMatch(
			/neither a Verification Token nor an Encrypt Key/,
		);
		const { body, headers } = deliveryRequest(
			hireEvent('hire.application.stage_changed_v1', {
				application_id: emulator.applications()[0].id,
			}),
		);
		// Once, not polled: the webhook was never registered, so n8n answers 404.
		const response = await fetch(`${n8n.url}/webhook/${OPEN_WEBHOOK}/webhook`, {
			method: 'POST',
			headers,
			body,
		});
		expect(response.status).toBe(404);
		const runs = (await n8n.executions(cookie)).filter((run) => run.workflowId === OPEN_WORKFLOW);
		expect(runs).toHaveLength(0);
	});

	it('nothing secret is in what n8n printed or stored for the executions', async () => {
		const stored = await Promise.all(
			(await ended()).map((execution) =>
				n8n.rest<unknown>(cookie, 'GET', `executions/${execution.id}`),
			),
		);
		const seen = n8n.output.join('\n') + JSON.stringify(stored);
		expect(seen).toContain('application_terminated');
		expect(emulator.secrets()).toContain(SECRET);
		for (const secret of emulator.secrets()) expect(seen).not.toContain(secret);
	});
});
