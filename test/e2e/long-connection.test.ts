import { startEmulator, type Emulator } from '../../emulator';
import { cleanUp } from '../../tools/n8n/cleanup';
import type { N8nInstance } from '../../tools/n8n/instance';
import { prepareN8n, SUPPORTED_N8N_VERSIONS } from '../../tools/n8n/runtime';
import {
	DEFAULT_OWNER,
	EXAMPLES,
	loadExample,
	packPackage,
	prepareInstance,
} from '../../tools/n8n/workspace';
import { waitFor } from '../../tools/wait';

/**
 * The long-connection trigger in a real n8n (`n8n start`, the example activated as its toggle
 * does): n8n connects out to the emulator's WebSocket; events pushed over it are counted as
 * executions in n8n's database, across a clean close and a dropped connection.
 */
const SECRET = 'e2e-long-connection-S3CRET-55';
const WORKFLOW = EXAMPLES.longConnection.id;
const FAST = { PingInterval: 2, ReconnectInterval: 1, ReconnectNonce: 1, ReconnectCount: -1 };

let tarball: string;

beforeAll(() => {
	tarball = packPackage();
}, 300_000);

afterAll(() => cleanUp());

describe.each(SUPPORTED_N8N_VERSIONS)(
	'real n8n %s, Feishu Hire Long Connection Trigger',
	(version) => {
		let emulator: Emulator;
		let n8n: N8nInstance;
		let cookie: string;
		const poolId = (
			loadExample('longConnection').nodes.find((node) => node.type.endsWith('.feishuHire'))!
				.parameters.talentPoolId as { value: string }
		).value;

		beforeAll(async () => {
			emulator = await startEmulator({
				appSecret: SECRET,
				longConnection: { clientConfig: FAST, ackTimeoutMs: 1_500 },
			});
			const runtime = await prepareN8n(version, () => undefined);
			n8n = await prepareInstance(runtime, { tarball }, emulator);
			await n8n.start();
			cookie = await n8n.createOwner(DEFAULT_OWNER);
			await n8n.activate(cookie, WORKFLOW);
			await waitFor(() => emulator.longConnection.openConnections().length === 1, 'n8n to connect');
		});

		afterAll(async () => {
			await n8n?.stop();
			await emulator?.close();
		});

		const ran = async () =>
			(await n8n.executions(cookie)).filter((execution) => execution.workflowId === WORKFLOW);
		const stageChange = (application: ReturnType<Emulator['applications']>[number]) => ({
			application_id: application.id,
			target_stage_id: application.stage.id,
		});

		it('each event pushed over the socket runs the workflow once; a terminated application’s talent lands in the pool', async () => {
			const terminated = emulator
				.applications()
				.filter((one) => one.active_status === 2)
				.slice(0, 3);
			const active = emulator
				.applications()
				.filter((one) => one.active_status === 1)
				.slice(0, 2);
			for (const [index, application] of [...terminated, ...active].entries())
				emulator.pushEvent({ eventId: `e2e-lc-${index}`, event: stageChange(application) });
			emulator.pushEvent({ eventId: 'e2e-lc-0', event: stageChange(terminated[0]) });
			const executions = await n8n.waitForExecutions(cookie, WORKFLOW, 5, 60_000);
			await new Promise((resolve) => setTimeout(resolve, 1_000));
			expect(await ran()).toHaveLength(5);
			expect(executions.every((execution) => execution.status === 'success')).toBe(true);
			for (const application of terminated)
				expect(emulator.members(poolId)).toContain(application.talent_id);
			for (const application of active)
				expect(emulator.members(poolId)).not.toContain(application.talent_id);
			expect(emulator.longConnection.acks.filter((ack) => ack.code === 200)).toHaveLength(6);
		});

		it('none is lost across a clean close (1000) and a dropped connection: n8n reconnects and the events run once each', async () => {
			const [application] = emulator.applications();
			const before = (await ran()).length;
			emulator.longConnection.closeAll(1000);
			for (let i = 0; i < 3; i++)
				emulator.pushEvent({ eventId: `e2e-lc-close-${i}`, event: stageChange(application) });
			await waitFor(
				() => emulator.longConnection.openConnections().length === 1,
				'the reconnect after the close',
			);
			emulator.longConnection.dropAll();
			for (let i = 0; i < 3; i++)
				emulator.pushEvent({ eventId: `e2e-lc-drop-${i}`, event: stageChange(application) });
			await n8n.waitForExecutions(cookie, WORKFLOW, before + 6, 60_000);
			await waitFor(() => emulator.longConnection.unacked().length === 0, 'every event acked');
			await new Promise((resolve) => setTimeout(resolve, 2_000));
			expect(await ran()).toHaveLength(before + 6);
			expect(emulator.longConnection.ticketsIssued).toBeGreaterThanOrEqual(3);
		});

		it('nothing secret is in what n8n printed or stored for the executions', async () => {
			const stored = await Promise.all(
				(await ran()).map((execution) =>
					n8n.rest<unknown>(cookie, 'GET', `executions/${execution.id}`),
				),
			);
			const seen = n8n.output.join('\n') + JSON.stringify(stored);
			expect(seen).toContain('application_terminated');
			expect(emulator.secrets()).toContain(SECRET);
			for (const secret of emulator.secrets()) expect(seen).not.toContain(secret);
			expect(seen).not.toMatch(/ticket=[0-9a-f-]{36}/);
		});
	},
);
