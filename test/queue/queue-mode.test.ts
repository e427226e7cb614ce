import { startEmulator, type Emulator } from '../../emulator';
import { DOCUMENTED_ENDPOINT_LIMITS, paceFloorMs } from '../../emulator/rate-limit';
import { cleanUp } from '../../tools/n8n/cleanup';
import { QueueCluster } from '../../tools/n8n/queue';
import { DEFAULT_N8N_VERSION, prepareN8n } from '../../tools/n8n/runtime';
import {
	EXAMPLES,
	loadExample,
	packPackage,
	silverMedalistsExample,
	syncWorkflow,
} from '../../tools/n8n/workspace';

/*
 * n8n 2.41.1 in queue mode: main, Redis, Postgres, two workers and a webhook process, the
 * package installed in each, the emulator with Feishu's documented limits (50/s and
 * 1000/min per endpoint, 10/s for batches). Executions start from production webhooks,
 * which the webhook process (main serves none) hands to the workers.
 */
const SECRET = 'queue-S3CRET-51a9e7c0d3';
let emulator: Emulator;
let cluster: QueueCluster;

const SYNCS = ['QueueSync0000001', 'QueueSync0000002', 'QueueSync0000003', 'QueueSync0000004'];
const MOVES = ['QueueMove0000001', 'QueueMove0000002'];
const KILLED = 'QueueKilled00001';

beforeAll(async () => {
	const tarball = packPackage();
	emulator = await startEmulator({ appSecret: SECRET, talents: 6000 });
	const { pools, talentIds } = emulator.data;
	const syncTalents = talentIds.slice(0, 3000);
	const workflows = [
		...SYNCS.map((id, i) =>
			syncWorkflow({ id, trigger: 'webhook', poolId: pools[i].id, talents: syncTalents }),
		),
		...MOVES.map((id, i) =>
			syncWorkflow({
				id,
				trigger: 'webhook',
				poolId: pools[10 + i].id,
				talents: talentIds.slice(3000 + i * 1000, 4000 + i * 1000),
				move: true,
			}),
		),
		syncWorkflow({ id: KILLED, trigger: 'webhook', poolId: pools[20].id, talents: syncTalents }),
		loadExample('silverMedalists'),
	];
	cluster = await QueueCluster.start({
		runtime: await prepareN8n(DEFAULT_N8N_VERSION, () => undefined),
		tarball,
		emulator,
		workflows,
		activate: workflows.map((workflow) => workflow.id),
		webhookProcess: true,
	});
}, 900_000);

afterAll(async () => {
	await cleanUp();
	await emulator?.close();
});

/** Waits for a successful execution of the workflow; returns all of its executions. */
async function waitForSuccess(workflowId: string, timeoutMs = 180_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const executions = (await cluster.executions()).filter((e) => e.workflowId === workflowId);
		if (executions.some((execution) => execution.status === 'success')) return executions;
		if (Date.now() > deadline) throw new Error(`no successful execution of ${workflowId}`);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

describe(`n8n ${DEFAULT_N8N_VERSION} in queue mode: main, Redis, Postgres, 2 workers, a webhook process`, () => {
	it('4 batched syncs of 3000 talents started together: all on workers, all 12,000 memberships, no failure, no 429 in any item', async () => {
		const responses = await Promise.all(SYNCS.map((id) => cluster.callWebhook(id)));
		expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
		const executions = (
			await Promise.all(SYNCS.map((id) => cluster.waitForExecutions(id, 1)))
		).flat();
		expect(executions.map((execution) => execution.status)).toEqual(Array(4).fill('success'));
		const byWorker = cluster.workerOf();
		for (const execution of executions) expect(byWorker.has(execution.id)).toBe(true);
		const { pools, talentIds } = emulator.data;
		for (let i = 0; i < SYNCS.length; i++)
			expect(new Set(emulator.members(pools[i].id))).toEqual(new Set(talentIds.slice(0, 3000)));
		const batch = emulator.stats().endpoints.batchChange;
		expect(batch.gatewayPeakPerSecond).toBeLessThanOrEqual(10);
		expect(batch.admitted).toBeGreaterThanOrEqual(4 * 60);
		console.log(
			`queue: 4 batched syncs, ${batch.requests} batch requests (${batch.admitted} admitted, ${batch.rateLimited} answered 429), workers ${[...new Set(executions.map((e) => byWorker.get(e.id)))].join(', ')}, peak ${batch.peakPerSecond} in a sliding second`,
		);
	});

	it('2 executions of 1000 per-talent moves on different workers: the gateway never counts over 50/s or 1000/min, nothing lost', async () => {
		const before = emulator.stats().endpoints.addTalent;
		const started = Date.now();
		await Promise.all(MOVES.map((id) => cluster.callWebhook(id)));
		const executions = (
			await Promise.all(MOVES.map((id) => cluster.waitForExecutions(id, 1)))
		).flat();
		const wallMs = Date.now() - started;
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
		const byWorker = cluster.workerOf();
		expect(new Set(executions.map((execution) => byWorker.get(execution.id))).size).toBe(2);
		const { pools, talentIds } = emulator.data;
		for (let i = 0; i < MOVES.length; i++)
			expect(new Set(emulator.members(pools[10 + i].id))).toEqual(
				new Set(talentIds.slice(3000 + i * 1000, 4000 + i * 1000)),
			);
		const stats = emulator.stats().endpoints.addTalent;
		// What the gateway counts: its own whole seconds and minutes.
		expect(stats.gatewayPeakPerSecond).toBeLessThanOrEqual(50);
		expect(stats.gatewayPeakPerMinute).toBeLessThanOrEqual(1000);
		const floorMs = paceFloorMs(started, 2000, DOCUMENTED_ENDPOINT_LIMITS.addTalent);
		console.log(
			`queue: 2 x 1000 moves in ${(wallMs / 1000).toFixed(1)} s (floor ${(floorMs / 1000).toFixed(0)} s from that start, ${(wallMs / floorMs).toFixed(2)}x), ${stats.rateLimited - before.rateLimited} answered 429, peak ${stats.peakPerSecond} in a sliding second`,
		);
	});

	it('one token served every execution: each worker fetched it at most once, Feishu handed back the same one', () => {
		expect(emulator.issuedTokens()).toHaveLength(1);
		console.log(
			`queue: ${emulator.requests('token').length} token requests from main, the webhook process and 2 workers`,
		);
		expect(emulator.requests('token').length).toBeLessThanOrEqual(cluster.workers.length);
	});

	it('a worker killed in the middle of a batched sync: the rerun completes it, nothing doubled, nothing lost', async () => {
		const poolId = emulator.data.pools[20].id;
		const wanted = emulator.data.talentIds.slice(0, 3000);
		const batchesBefore = emulator.requests('batchChange').length;
		await cluster.callWebhook(KILLED);
		// Kill the worker that runs it once some batches went out.
		const deadline = Date.now() + 60_000;
		while (emulator.requests('batchChange').length < batchesBefore + 10 && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 50));
		const running = (await cluster.executions()).find((e) => e.workflowId === KILLED);
		expect(running).toBeDefined();
		const victim = cluster.workerOf().get(running!.id);
		expect(victim).toBeDefined();
		await cluster.workers[victim!].kill();
		const partial = emulator.members(poolId).length;
		expect(partial).toBeGreaterThan(0);
		expect(partial).toBeLessThan(3000);

		// What n8n does with it: the execution record after the other worker has had time to pick up a stalled job.
		await new Promise((resolve) => setTimeout(resolve, 45_000));
		const after = (await cluster.executions()).filter((e) => e.workflowId === KILLED);
		console.log(
			`queue: after SIGKILL, executions of the killed sync: ${after.map((e) => `${e.id} ${e.status}`).join(', ')}; members ${emulator.members(poolId).length} of 3000`,
		);

		// The rerun: the same webhook again, on the remaining worker.
		await cluster.callWebhook(KILLED);
		const ended = await waitForSuccess(KILLED);
		console.log(`queue: after the rerun: ${ended.map((e) => `${e.id} ${e.status}`).join(', ')}`);
		const members = emulator.members(poolId);
		expect(members).toHaveLength(3000);
		expect(new Set(members)).toEqual(new Set(wanted));
	}, 300_000);

	// Last: the webhook process looks the application up itself, so from here on it fetches a token too.
	it('Feishu Hire Trigger: the webhook process verifies and deduplicates, a worker runs each event once', async () => {
		const { path, poolId } = silverMedalistsExample();
		const workflowId = EXAMPLES.silverMedalists.id;
		const url = cluster.webhookUrl(path);
		// Main serves no production webhook: the events can only have gone through the webhook process.
		const atMain = await fetch(`${cluster.main.url}/webhook/${path}`, {
			method: 'POST',
			body: '{}',
		});
		expect(atMain.status).toBe(404);
		// The batched syncs filled this pool already: count the Add Talent requests instead.
		const terminated = emulator
			.applications()
			.filter((one) => one.active_status === 2)
			.slice(0, 2);
		const addsToPool = () => emulator.log.filter((entry) => entry.path.includes(poolId)).length;
		const addsBefore = addsToPool();
		const statuses: number[] = [];
		for (const [application, eventId] of [
			[terminated[0], 'queue-event-1'],
			[terminated[1], 'queue-event-2'],
			[terminated[0], 'queue-event-1'],
		] as const) {
			const { attempts } = await emulator.sendEvent({
				url,
				eventId,
				event: { application_id: application.id },
			});
			statuses.push(attempts[0].status);
		}
		const forged = await emulator.sendEvent({ url, encryptKey: 'forged-key' });
		statuses.push(forged.attempts[0].status);
		expect(statuses).toEqual([200, 200, 200, 401]);
		const ended = await cluster.waitForExecutions(workflowId, 2, 60_000);
		// Settled: nothing else of this workflow arrives after its two executions ended.
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const executions = (await cluster.executions()).filter((e) => e.workflowId === workflowId);
		expect(executions).toHaveLength(2);
		expect(ended.map((execution) => execution.status)).toEqual(['success', 'success']);
		const workers = cluster.workerOf();
		expect(executions.every((execution) => workers.has(execution.id))).toBe(true);
		expect(addsToPool() - addsBefore).toBe(2);
		for (const application of terminated)
			expect(emulator.members(poolId)).toContain(application.talent_id);
	}, 180_000);

	it('no secret in what main, the webhook process and the workers printed', () => {
		const printed = cluster.processes.map((n8n) => n8n.output.join('')).join('\n');
		expect(printed).toContain('Worker started execution');
		expect(emulator.secrets()).toContain(SECRET);
		for (const secret of emulator.secrets()) expect(printed).not.toContain(secret);
	});
});
