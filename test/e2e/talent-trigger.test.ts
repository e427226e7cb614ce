import { DEFAULT_SCOPES, SCOPE_TALENT_WRITE, startEmulator, type Emulator } from '../../emulator';
import { cleanUp } from '../../tools/n8n/cleanup';
import type { ExecutionRecord, N8nInstance } from '../../tools/n8n/instance';
import { prepareN8n, SUPPORTED_N8N_VERSIONS } from '../../tools/n8n/runtime';
import {
	CREDENTIAL_ID,
	DEFAULT_OWNER,
	PACKAGE,
	packPackage,
	prepareInstance,
} from '../../tools/n8n/workspace';
import { createTalent, updateTalent } from '../talent-trigger/helpers';
import { waitFor } from '../../tools/wait';

/**
 * The talent poll trigger in a real n8n (`n8n start`, the workflow activated as its toggle
 * does), polling the emulator every minute (n8n refuses Poll Times under a minute): changes
 * between two polls run the workflow once with one item each, a poll with no change runs
 * nothing, and a change made while n8n is stopped runs once after it starts again (the
 * watermark lives in the workflow's static data, in n8n's database).
 */
const SECRET = 'e2e-talent-poll-S3CRET-83';
const WORKFLOW = 'FeishuTalentPoll';
const NODE = 'Feishu Hire Talent Trigger';

const talentWorkflow = {
	id: WORKFLOW,
	name: 'Talent changes (poll)',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: `${WORKFLOW}-1`,
			name: NODE,
			type: `${PACKAGE.name}.feishuHireTalentPollTrigger`,
			typeVersion: 1,
			position: [0, 0],
			credentials: { feishuHireApi: { id: CREDENTIAL_ID, name: 'Feishu Hire (emulator)' } },
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				keyword: '',
				options: { includeDetails: true },
			},
		},
	],
	connections: {},
};

let tarball: string;

beforeAll(() => {
	tarball = packPackage();
}, 300_000);

afterAll(() => cleanUp());

describe.each(SUPPORTED_N8N_VERSIONS)('real n8n %s, Feishu Hire Talent Trigger', (version) => {
	let emulator: Emulator;
	let n8n: N8nInstance;
	let cookie: string;

	beforeAll(async () => {
		emulator = await startEmulator({
			appSecret: SECRET,
			talents: 500,
			scopes: [...DEFAULT_SCOPES, SCOPE_TALENT_WRITE],
		});
		const runtime = await prepareN8n(version, () => undefined);
		n8n = await prepareInstance(runtime, { tarball }, emulator);
		await n8n.importWorkflows([talentWorkflow]);
		await n8n.start();
		cookie = await n8n.createOwner(DEFAULT_OWNER);
		// Activation polls once at once: the baseline, which emits nothing.
		await n8n.activate(cookie, WORKFLOW);
		await waitFor(() => polls() >= 1, 'the first poll');
	});

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	const polls = () => emulator.requests('listTalents').length;
	const ran = async () =>
		(await n8n.executions(cookie)).filter((execution) => execution.workflowId === WORKFLOW);
	/** The items the trigger emitted in an execution, read back from n8n's database. */
	const itemsOf = async (execution: ExecutionRecord) => {
		const stored = await n8n.rest<{ data: string }>(cookie, 'GET', `executions/${execution.id}`);
		const data = unflatten(stored.data) as {
			resultData: { runData: Record<string, Array<{ data: { main: unknown[][] } }>> };
		};
		return data.resultData.runData[NODE][0].data.main[0] as Array<{
			json: { talent_id: string; created: boolean; basic_info: { name: string } };
		}>;
	};
	/** Waits for the next scheduled poll to end (a few seconds for an execution to be recorded). */
	const nextPoll = async () => {
		const before = polls();
		await waitFor(() => polls() > before, 'the next poll', 75_000);
		await new Promise((resolve) => setTimeout(resolve, 5_000));
	};

	it('a talent created and another updated between two polls run the workflow once, one item each, oldest first', async () => {
		expect(await ran()).toHaveLength(0);
		const created = await createTalent(emulator, 'E2E 新人');
		const [seeded] = emulator.talents(3, 1);
		await updateTalent(emulator, seeded.talent_id, { name: 'E2E 改名' });

		const executions = await n8n.waitForExecutions(cookie, WORKFLOW, 1, 90_000);
		expect(executions.map((execution) => execution.status)).toEqual(['success']);
		const items = await itemsOf(executions[0]);
		expect(items.map(({ json }) => [json.talent_id, json.created, json.basic_info.name])).toEqual([
			[created, true, 'E2E 新人'],
			[seeded.talent_id, false, 'E2E 改名'],
		]);
		expect(emulator.requests('getTalent')).toHaveLength(2);
	});

	it('a poll with no change runs nothing', async () => {
		await nextPoll();
		expect(await ran()).toHaveLength(1);
		// The watermark is in the workflow's static data, saved in n8n's database.
		const workflow = await n8n.rest<{ staticData?: Record<string, Record<string, unknown>> }>(
			cookie,
			'GET',
			`workflows/${WORKFLOW}`,
		);
		const state = workflow.staticData?.[`node:${NODE}`];
		expect(typeof state?.watermark).toBe('number');
		expect(state?.boundaryIds).toEqual(expect.arrayContaining([expect.any(String)]));
	});

	it('a change made while n8n was stopped runs once after it starts again; nothing earlier is repeated', async () => {
		await n8n.stop();
		const [whileDown] = emulator.talents(7, 1);
		await updateTalent(emulator, whileDown.talent_id, { name: 'E2E 停机时改名' });
		const readsBefore = emulator.requests('getTalent').length;
		await n8n.start();
		cookie = await signInWhenReady(n8n);

		const executions = await n8n.waitForExecutions(cookie, WORKFLOW, 2, 90_000);
		const newest = executions.reduce((a, b) => (Number(b.id) > Number(a.id) ? b : a));
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
		const items = await itemsOf(newest);
		expect(items.map(({ json }) => [json.talent_id, json.created])).toEqual([
			[whileDown.talent_id, false],
		]);
		expect(emulator.requests('getTalent').length - readsBefore).toBe(1);

		// And the next scheduled poll after the restart: nothing again.
		await nextPoll();
		expect(await ran()).toHaveLength(2);
	});

	it('nothing secret is in what n8n printed or stored for the executions', async () => {
		const stored = await Promise.all(
			(await ran()).map((execution) =>
				n8n.rest<unknown>(cookie, 'GET', `executions/${execution.id}`),
			),
		);
		const seen = n8n.output.join('\n') + JSON.stringify(stored);
		expect(seen).toContain('E2E 停机时改名');
		expect(emulator.secrets()).toContain(SECRET);
		for (const secret of emulator.secrets()) expect(seen).not.toContain(secret);
	});
});

/** n8n stores execution data with `flatted`: an array whose first entry is the root, strings as indexes. */
function unflatten(text: string): unknown {
	const entries = JSON.parse(text) as unknown[];
	const revived = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		if (revived.has(index)) return revived.get(index);
		const value = entries[index];
		if (typeof value !== 'object' || value === null) return value;
		const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
		revived.set(index, copy);
		for (const [key, inner] of Object.entries(value))
			(copy as Record<string, unknown>)[key] =
				typeof inner === 'string' ? revive(Number(inner)) : inner;
		return copy;
	};
	return revive(0);
}

/** n8n 1.x answers /healthz/readiness a moment before it has mounted its REST routes. */
async function signInWhenReady(n8n: N8nInstance): Promise<string> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		try {
			return await n8n.signIn(DEFAULT_OWNER);
		} catch (error) {
			if (!/HTTP 404/.test((error as Error).message) || Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}
}
