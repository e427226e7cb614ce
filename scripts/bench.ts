import '../test/setup-env';

import axios from 'axios';
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

import { startEmulator, type Emulator, type FaultOptions } from '../emulator';
import { DOCUMENTED_ENDPOINT_LIMITS, paceFloorMs } from '../emulator/rate-limit';
import { perTalentAdds } from '../test/helpers/fixture';
import { membershipParameters } from '../test/helpers/parameters';
import { fetchToken } from '../test/helpers/probe';
import { DEFAULT_N8N_VERSION, duration, prepareN8n } from '../tools/n8n/runtime';
import { REPO_ROOT, emulatorCredential, packPackage, syncWorkflow } from '../tools/n8n/workspace';
import { cleanUp, cleanUpOnSignals } from '../tools/n8n/cleanup';
import { N8nInstance } from '../tools/n8n/instance';
import { QUEUE_PREREQUISITES, QueueCluster } from '../tools/n8n/queue';
import { s, table, timed, withEmulator } from './bench/common';
import { printSync, syncRows, type SyncRow } from './bench/sync';

/**
 * npm run bench [-- --quick] [-- --only clean|faults|batch|concurrency|email|sync|outage|size|queue]
 *
 * Against the emulator with Feishu's documented limits (50/s, 1000/min per endpoint), through
 * the node's real execution path (n8n-core's WorkflowExecute in-process; one row in real n8n).
 * Prints the tables and writes the figures to bench-results/latest.json (with --only, the
 * tables not run keep the figures and dates of the run that measured them).
 */
const FAULTS: FaultOptions = { seed: 7, errorRate: 0.1, dropRate: 0.05 };
const quick = process.argv.includes('--quick');

interface ListRow {
	pools: number;
	faults: boolean;
	listRequests: number;
	target: number;
	tokenRequests: number;
	wallMs: number;
	bareWallMs: number;
	overhead: number;
	naiveRequests: number;
}

interface AddRow {
	talents: number;
	faults: boolean;
	where: string;
	wallMs: number;
	floorMs: number;
	overFloor: number;
	rateLimited: number;
	retries: number;
	failedItems: number;
	lost: number;
}

/** Add Talent on one pool, the talent read from each item's `talent`. */
const addTalentParameters = (poolId: string, batching: boolean) =>
	membershipParameters('addTalent', poolId, { options: { batching } });

/** What a careful hand-written client does: pages of 100, at most 50 requests a second. */
async function bareListLoop(emulator: Emulator, token: string): Promise<number> {
	const headers = { Authorization: `Bearer ${token}` };
	const starts: number[] = [];
	let pageToken: string | undefined;
	let count = 0;
	do {
		if (starts.length >= 50) {
			const wait = starts[starts.length - 50] + 1005 - Date.now();
			if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		}
		starts.push(Date.now());
		const { data } = await axios.get(`${emulator.url}/open-apis/hire/v1/talent_pools/`, {
			headers,
			params: { page_size: 100, page_token: pageToken },
		});
		count += data.data.items.length;
		pageToken = data.data.has_more ? data.data.page_token : undefined;
	} while (pageToken);
	return count;
}

const RUNS = 5;

/** The median of RUNS timed runs after one warm-up, each starting with fresh rate-limit windows. */
async function medianWall(
	emulator: Emulator,
	run: () => Promise<void>,
	faults?: FaultOptions,
): Promise<number> {
	const walls: number[] = [];
	for (let i = 0; i <= RUNS; i++) {
		await new Promise((resolve) => setTimeout(resolve, 1100));
		emulator.reset();
		emulator.setFaults(faults ?? {});
		const [, wall] = await timed(run);
		if (i > 0) walls.push(wall);
	}
	return walls.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

async function listRow(pools: number, faults: boolean): Promise<ListRow> {
	return await withEmulator(
		{ pools, faults: faults ? FAULTS : undefined },
		async (emulator, n8n) => {
			const listAll = async () => {
				const result = await n8n.run({
					parameters: { resource: 'talentPool', operation: 'getAll', returnAll: true },
				});
				if (result.error || result.items.length !== pools)
					throw new Error(
						`list of ${pools} failed: ${result.error?.message ?? result.items.length}`,
					);
			};
			// The first execution, as a user's first run: request counts include the token.
			await listAll();
			const listRequests = emulator.requests('listPools').length;
			const tokenRequests = emulator.requests('token').length;
			const wallMs = await medianWall(emulator, listAll, faults ? FAULTS : undefined);
			// The bare loop gets no faults: it does not retry.
			const token = await fetchToken(emulator);
			const bareWallMs = await medianWall(emulator, async () => {
				const count = await bareListLoop(emulator, token);
				if (count !== pools) throw new Error(`bare loop read ${count} pools`);
			});
			return {
				pools,
				faults,
				listRequests,
				target: Math.ceil(pools / 100),
				tokenRequests,
				wallMs,
				bareWallMs,
				overhead: wallMs / bareWallMs,
				naiveRequests: Math.ceil(pools / 10),
			};
		},
	);
}

/** n adds at 50 per second, each further 1000 only a minute after the previous 1000 began: a trailing window's floor. */
function addFloorMs(talents: number): number {
	const fullMinutes = Math.ceil(talents / 1000) - 1;
	return fullMinutes * 60_000 + ((talents - fullMinutes * 1000) / 50) * 1000;
}

function addRowFrom(
	emulator: Emulator,
	talents: number,
	faults: boolean,
	where: string,
	run: { startedAt: number; wallMs: number },
	outputs: Array<Record<string, unknown>>,
): AddRow {
	const { wallMs } = run;
	// From that start: the emulator's minutes are fixed, so a late start gets a new one sooner.
	const floorMs = paceFloorMs(run.startedAt, talents, DOCUMENTED_ENDPOINT_LIMITS.addTalent);
	const pool = emulator.data.pools[0].id;
	const wanted = new Set(emulator.data.talentIds.slice(0, talents));
	const members = new Set(emulator.members(pool));
	const stats = emulator.stats().endpoints.addTalent;
	return {
		talents,
		faults,
		where,
		wallMs,
		floorMs,
		overFloor: wallMs / floorMs,
		rateLimited: stats.rateLimited,
		retries: stats.requests - talents,
		failedItems:
			outputs.filter((json) => json.error !== undefined).length + (talents - outputs.length),
		lost: [...wanted].filter((talent) => !members.has(talent)).length,
	};
}

/** Waits for the given second of the clock's (and the emulator's) minute. */
async function untilSecondOfMinute(second: number): Promise<void> {
	await sleep((second * 1000 + 60_000 - (Date.now() % 60_000)) % 60_000);
}

/** Per-talent adds through n8n-core; `lateStart` waits for second 30 of a minute first. */
async function addRow(talents: number, faults: boolean, lateStart = false): Promise<AddRow> {
	return await withEmulator(
		{ talents, faults: faults ? FAULTS : undefined },
		async (emulator, n8n) => {
			if (lateStart) await untilSecondOfMinute(30);
			const startedAt = Date.now();
			const [result, wallMs] = await timed(() =>
				n8n.run({
					parameters: addTalentParameters(emulator.data.pools[0].id, false),
					items: emulator.data.talentIds.map((talent) => ({ talent })),
					continueOnFail: true,
				}),
			);
			return addRowFrom(
				emulator,
				talents,
				faults,
				lateStart ? 'n8n-core, started 30 s into a minute' : 'n8n-core',
				{ startedAt, wallMs },
				result.items.map((item) => item.json),
			);
		},
	);
}

interface OutageRow {
	case: string;
	talents: number;
	wallMs: number;
	/** Requests Feishu saw for the adds (none can be counted when nothing listens). */
	requests?: number;
	failedItems: number;
	/** Items that carry neither an output nor an error. */
	silent: number;
	target: string;
}

/** Per-talent moves (Remove From Other Pools on: one request per talent) while every request fails. */
async function outageRow(
	talents: number,
	how: 'HTTP 500' | 'refused',
	continueOnFail: boolean,
): Promise<OutageRow> {
	return await withEmulator({ talents, faults: { errorRate: 1 } }, async (emulator, n8n) => {
		if (how === 'refused') await emulator.close();
		const parameters = membershipParameters('addTalent', emulator.data.pools[0].id, {
			removeFromOtherPools: true,
		});
		const [result, wallMs] = await timed(() =>
			n8n.run({
				parameters,
				items: emulator.data.talentIds.map((talent) => ({ talent })),
				continueOnFail,
			}),
		);
		const errors = result.items.filter((item) => item.json.error !== undefined).length;
		return {
			case: `${how}, ${continueOnFail ? 'Continue On Fail' : 'stops at the first error'}`,
			talents,
			wallMs,
			requests: how === 'refused' ? undefined : emulator.requests('addTalent').length,
			failedItems: continueOnFail ? errors : result.error ? 1 : 0,
			silent: continueOnFail ? talents - result.items.length : 0,
			target: talents <= 200 || !continueOnFail ? '30 s' : '60 s',
		};
	});
}

interface RecoveryRow {
	outageMs: number;
	executions: number;
	failedDuringOutage: number;
	recoveredAfterMs: number;
	failedAfterRecovery: number;
}

/**
 * Executions of 20 per-talent adds back to back, as a trigger or schedule brings them, while
 * Feishu is down for 20 s and then healthy: how soon after Feishu is back the adds succeed.
 */
async function recoveryRow(outageMs = 20_000, totalMs = 35_000): Promise<RecoveryRow> {
	return await withEmulator({ talents: 3000, faults: { errorRate: 1 } }, async (emulator, n8n) => {
		const pool = emulator.data.pools[0].id;
		const started = Date.now();
		let recoveredAt: number | undefined;
		const healthy = setTimeout(() => {
			emulator.setFaults({});
			recoveredAt = Date.now();
		}, outageMs);
		const row: RecoveryRow = {
			outageMs,
			executions: 0,
			failedDuringOutage: 0,
			recoveredAfterMs: NaN,
			failedAfterRecovery: 0,
		};
		let next = 0;
		try {
			while (Date.now() - started < totalMs) {
				const talents = emulator.data.talentIds.slice(next, next + 20);
				next += 20;
				const startedRun = Date.now();
				const { items } = await n8n.run({ ...perTalentAdds(pool, talents), continueOnFail: true });
				row.executions++;
				const failed = items.filter((item) => item.json.error !== undefined).length;
				if (recoveredAt === undefined || startedRun < recoveredAt) row.failedDuringOutage += failed;
				else if (failed === 0 && Number.isNaN(row.recoveredAfterMs))
					row.recoveredAfterMs = Date.now() - recoveredAt;
				else if (!Number.isNaN(row.recoveredAfterMs)) row.failedAfterRecovery += failed;
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
		} finally {
			clearTimeout(healthy);
		}
		return row;
	});
}

/**
 * One sync of `talents` to the first pool as a user runs it: a workflow in a real n8n
 * (the package installed by the README's commands), executed with `n8n execute`.
 * Returns the execution, the CLI's wall time (n8n's boot included) and the emulator.
 */
async function inRealN8n<T>(
	talents: number,
	batching: boolean,
	report: (
		run: { result: Awaited<ReturnType<N8nInstance['execute']>>; cliMs: number; version: string },
		emulator: Emulator,
	) => T,
	env: Record<string, string> = {},
): Promise<T> {
	const runtime = await prepareN8n(DEFAULT_N8N_VERSION, (line) => console.log(line));
	const tarball = packPackage();
	const emulator = await startEmulator({ talents });
	try {
		const n8n = new N8nInstance(runtime, { env });
		await n8n.installPackage(tarball);
		await n8n.importCredentials([emulatorCredential(emulator)]);
		const id = 'FeishuBenchSync1';
		const { pools, talentIds } = emulator.data;
		await n8n.importWorkflows([
			syncWorkflow({ id, trigger: 'manual', poolId: pools[0].id, talents: talentIds, batching }),
		]);
		const [result, cliMs] = await timed(() => n8n.execute(id));
		return report({ result, cliMs, version: runtime.version }, emulator);
	} finally {
		await emulator.close();
	}
}

/** n8n's own record of an execution's duration; the CLI's wall time adds booting n8n. */
const executionMsOf = (result: { startedAt?: string; stoppedAt?: string }) =>
	Date.parse(result.stoppedAt ?? '') - Date.parse(result.startedAt ?? '');

/** 1000 adds as a user runs them: a workflow in real n8n, started with `n8n execute`. */
async function realN8nRow(talents: number): Promise<AddRow> {
	return await inRealN8n(talents, false, ({ result, cliMs, version }, emulator) =>
		addRowFrom(
			emulator,
			talents,
			false,
			`real n8n ${version} (CLI: ${s(cliMs)})`,
			{ startedAt: Date.parse(result.startedAt ?? ''), wallMs: executionMsOf(result) },
			result.data.resultData.runData.Add?.[0]?.data?.main[0]?.map((item) => item.json) ?? [],
		),
	);
}

/** n8n 2.x evaluates expressions in an isolate (`vm`, its default); `legacy` is its deprecated in-process engine. */
type ExpressionEngine = 'vm' | 'legacy';

interface SizeRow {
	talents: number;
	expressionEngine: ExpressionEngine;
	batchRequests: number;
	executionMs: number;
	floorMs: number;
	overFloor: number;
	peakRssBytes: number;
	/** n8n's own time for each node (executionTime in the run data). */
	nodeMs: Record<string, number>;
	/** From the Add node's start to its first batch request: reading and checking 100,000 items' parameters. */
	beforeFirstRequestMs: number;
	/** From the first batch request to the last. */
	sendingMs: number;
	failedItems: number;
	lost: number;
}

/** Many talents in batches of 50 through a real n8n execution (`n8n execute`), with its peak memory. */
async function sizeRow(talents: number, expressionEngine: ExpressionEngine): Promise<SizeRow> {
	const env = { N8N_EXPRESSION_ENGINE: expressionEngine };
	return await inRealN8n(
		talents,
		true,
		({ result }, emulator) => {
			const outputs = result.data.resultData.runData.Add?.[0]?.data?.main[0] ?? [];
			const executionMs = executionMsOf(result);
			const members = new Set(emulator.members(emulator.data.pools[0].id));
			const runData = result.data.resultData.runData as Record<
				string,
				Array<{ startTime?: number; executionTime?: number }>
			>;
			const batchTimes = emulator.requests('batchChange').map((entry) => entry.time);
			return {
				talents,
				expressionEngine,
				nodeMs: Object.fromEntries(
					Object.entries(runData).map(([node, runs]) => [node, runs[0]?.executionTime ?? NaN]),
				),
				beforeFirstRequestMs: Math.min(...batchTimes) - (runData.Add?.[0]?.startTime ?? NaN),
				sendingMs: Math.max(...batchTimes) - Math.min(...batchTimes),
				batchRequests: batchTimes.length,
				executionMs,
				floorMs: batchFloorMs(talents),
				overFloor: executionMs / batchFloorMs(talents),
				peakRssBytes: result.peakRssBytes,
				failedItems:
					outputs.filter((item) => item.json.error !== undefined).length +
					(talents - outputs.length),
				lost: emulator.data.talentIds.filter((talent) => !members.has(talent)).length,
			};
		},
		env,
	);
}

interface QueueRow {
	scenario: string;
	wallMs: number;
	floorMs: number;
	rateLimited: number;
	admitted: number;
	gatewayPeakPerSecond: number;
	failedExecutions: number;
	lost: number;
}

/**
 * n8n in queue mode (main, 2 workers, a webhook process): 2 executions of 1000 per-talent
 * moves at once, started when the cluster is ready, then again 40 s into a minute (the floor
 * is then lowest: both partial minutes of Feishu's 1000 a minute can be used at the full 50/s).
 */
async function queueRows(): Promise<QueueRow[]> {
	const runtime = await prepareN8n(DEFAULT_N8N_VERSION, (line) => console.log(line));
	const tarball = packPackage();
	const emulator = await startEmulator({ talents: 4000 });
	try {
		const { pools, talentIds } = emulator.data;
		const moves = [0, 1, 2, 3].map((i) => ({
			id: `BenchQueueMove0${i + 1}`,
			poolId: pools[i].id,
			talents: talentIds.slice(i * 1000, i * 1000 + 1000),
		}));
		const workflows = moves.map((move) =>
			syncWorkflow({ ...move, trigger: 'webhook', move: true }),
		);
		const cluster = await QueueCluster.start({
			runtime,
			tarball,
			emulator,
			workflows,
			activate: workflows.map((workflow) => workflow.id),
			webhookProcess: true,
		});
		const rows: QueueRow[] = [];
		for (const [scenario, pair] of [
			['2 x 1000 per-talent moves, one per worker', moves.slice(0, 2)],
			['the same, started 40 s into a minute', moves.slice(2)],
		] as const) {
			if (rows.length > 0) {
				// Past the last run's minute, then to second 40 of a minute.
				await sleep(61_000);
				await untilSecondOfMinute(40);
			}
			const before = { ...emulator.stats().endpoints.addTalent };
			const started = Date.now();
			await Promise.all(pair.map((move) => cluster.callWebhook(move.id)));
			const executions = (
				await Promise.all(pair.map((move) => cluster.waitForExecutions(move.id, 1)))
			).flat();
			const wallMs = Date.now() - started;
			const stats = emulator.stats().endpoints.addTalent;
			rows.push({
				scenario,
				wallMs,
				floorMs: paceFloorMs(started, 2000, DOCUMENTED_ENDPOINT_LIMITS.addTalent),
				rateLimited: stats.rateLimited - before.rateLimited,
				admitted: stats.admitted - before.admitted,
				gatewayPeakPerSecond: stats.gatewayPeakPerSecond,
				failedExecutions: executions.filter((execution) => execution.status !== 'success').length,
				lost: pair
					.map((move) => {
						const members = new Set(emulator.members(move.poolId));
						return move.talents.filter((talent) => !members.has(talent)).length;
					})
					.reduce((a, b) => a + b, 0),
			});
		}
		return rows;
	} finally {
		await cleanUp();
		await emulator.close();
	}
}

interface BatchRow {
	talents: number;
	variant: string;
	batchRequests: number;
	perTalentRequests: number;
	wallMs: number;
	floorMs: number;
	overFloor: number;
	perTalentMs: number;
	perTalentMeasured: boolean;
	speedUp: number;
	failedItems: number;
	expectedFailures: number;
	lost: number;
}

/** ceil(N/50) batch requests at 10 a second. */
const batchFloorMs = (talents: number) => (Math.ceil(talents / 50) / 10) * 1000;

async function batchRow(
	talents: number,
	variant: 'clean' | 'faults' | '1% unknown',
	perTalentWall: Map<number, number>,
): Promise<BatchRow> {
	return await withEmulator(
		{ talents, faults: variant === 'faults' ? FAULTS : undefined },
		async (emulator, n8n) => {
			const ids = emulator.data.talentIds.map((talent, i) =>
				variant === '1% unknown' && i % 100 === 50
					? (7000000000000000000n + BigInt(i)).toString()
					: talent,
			);
			const [result, wallMs] = await timed(() =>
				n8n.run({
					parameters: addTalentParameters(emulator.data.pools[0].id, true),
					items: ids.map((talent) => ({ talent })),
					continueOnFail: true,
				}),
			);
			const members = new Set(emulator.members(emulator.data.pools[0].id));
			const good = ids.filter((id) => !id.startsWith('7000'));
			const measured = perTalentWall.get(talents);
			const perTalentMs = measured ?? addFloorMs(talents);
			return {
				talents,
				variant,
				batchRequests: emulator.requests('batchChange').length,
				perTalentRequests: emulator.requests('addTalent').length,
				wallMs,
				floorMs: batchFloorMs(talents),
				overFloor: wallMs / batchFloorMs(talents),
				perTalentMs,
				perTalentMeasured: measured !== undefined,
				speedUp: perTalentMs / wallMs,
				failedItems: result.items.filter((item) => item.json.error !== undefined).length,
				expectedFailures: ids.length - good.length,
				lost: good.filter((id) => !members.has(id)).length,
			};
		},
	);
}

function printBatch(rows: BatchRow[]) {
	console.log(
		table(
			[
				'talents',
				'variant',
				'batch requests',
				'per-talent requests',
				'wall',
				'batch floor',
				'wall / floor (target <= 1.1)',
				'per-talent',
				'speed-up',
				'failed items (expected)',
				'lost',
			],
			rows.map((row) => [
				String(row.talents),
				row.variant,
				String(row.batchRequests),
				String(row.perTalentRequests),
				s(row.wallMs),
				s(row.floorMs),
				row.overFloor.toFixed(3),
				`${s(row.perTalentMs)}${row.perTalentMeasured ? '' : ' (floor)'}`,
				`${row.speedUp.toFixed(0)}x`,
				`${row.failedItems} (${row.expectedFailures})`,
				String(row.lost),
			]),
		),
	);
}

interface ConcurrencyRow {
	executions: number;
	talents: number;
	wallMs: number;
	/** Admitted in any of the emulator's (the gateway's) whole seconds and minutes. */
	gatewayPeakPerSecond: number;
	gatewayPeakPerMinute: number;
	/** Admitted in any 60 s: above 1000 when the gateway's minute renewed in between. */
	peakPerMinute: number;
	rateLimited: number;
	lost: number;
}

/** Executions sharing one credential in one process, at the documented limits. */
async function concurrencyRow(executions: number): Promise<ConcurrencyRow> {
	return await withEmulator({ talents: executions * 500 }, async (emulator, n8n) => {
		const [, wallMs] = await timed(() =>
			Promise.all(
				Array.from({ length: executions }, (_, e) =>
					n8n.run({
						parameters: addTalentParameters(emulator.data.pools[e].id, false),
						items: emulator.data.talentIds
							.slice(e * 500, e * 500 + 500)
							.map((talent) => ({ talent })),
					}),
				),
			),
		);
		const stats = emulator.stats().endpoints.addTalent;
		const lost = Array.from({ length: executions }, (_, e) => {
			const members = new Set(emulator.members(emulator.data.pools[e].id));
			return emulator.data.talentIds
				.slice(e * 500, e * 500 + 500)
				.filter((talent) => !members.has(talent)).length;
		}).reduce((a, b) => a + b, 0);
		return {
			executions,
			talents: executions * 500,
			wallMs,
			gatewayPeakPerSecond: stats.gatewayPeakPerSecond,
			gatewayPeakPerMinute: stats.gatewayPeakPerMinute,
			peakPerMinute: stats.peakPerMinute,
			rateLimited: stats.rateLimited,
			lost,
		};
	});
}

interface EmailRow {
	emails: number;
	variant: string;
	lookupRequests: number;
	batchRequests: number;
	wallMs: number;
	floorMs: number;
	overFloor: number;
	rateLimited: number;
	failedItems: number;
	expectedFailures: number;
	/** Items that failed although known, or went through although unknown. */
	unexpected: number;
	lost: number;
}

/** ceil(N/50) lookups at 50 a second, then ceil(N/50) batch adds at 10 a second. */
const emailFloorMs = (emails: number) =>
	(Math.ceil(emails / 50) / 50) * 1000 + batchFloorMs(emails);

/** An ATS export of emails added to a pool: the node looks the talents up, then adds them in batches. */
async function emailRow(
	emails: number,
	variant: 'clean' | '100 ms latency' | '2% unknown',
): Promise<EmailRow> {
	const faults = variant === '100 ms latency' ? { latencyMs: 100 } : undefined;
	return await withEmulator({ talents: emails, faults }, async (emulator, n8n) => {
		const pool = emulator.data.pools[0].id;
		const unknown = (i: number) => variant === '2% unknown' && i % 50 === 25;
		const rows = emulator.data.talents.map((talent, i) => ({
			email: unknown(i) ? `not.in.feishu.${i}@example.com` : talent.basic_info.email,
		}));
		const [result, wallMs] = await timed(() =>
			n8n.run({
				parameters: membershipParameters('addTalent', pool, {
					identifyBy: 'email',
					email: '={{ $json.email }}',
				}),
				items: rows,
				continueOnFail: true,
			}),
		);
		const members = new Set(emulator.members(pool));
		const stats = emulator.stats().endpoints;
		return {
			emails,
			variant,
			lookupRequests: stats.findTalents.requests,
			batchRequests: stats.batchChange.requests,
			wallMs,
			floorMs: emailFloorMs(emails),
			overFloor: wallMs / emailFloorMs(emails),
			rateLimited: stats.findTalents.rateLimited + stats.batchChange.rateLimited,
			failedItems: result.items.filter((item) => item.json.error !== undefined).length,
			expectedFailures: rows.filter((_row, i) => unknown(i)).length,
			unexpected: result.items.filter((item, i) => (item.json.error !== undefined) !== unknown(i))
				.length,
			lost: emulator.data.talents.filter(
				(talent, i) => !unknown(i) && !members.has(talent.talent_id),
			).length,
		};
	});
}

function printEmail(rows: EmailRow[]) {
	console.log(
		table(
			[
				'emails',
				'variant',
				'lookup requests',
				'batch requests',
				'wall',
				'floor',
				'wall / floor (target <= 1.15)',
				'429s',
				'failed items (expected)',
				'lost',
			],
			rows.map((row) => [
				String(row.emails),
				row.variant,
				String(row.lookupRequests),
				String(row.batchRequests),
				s(row.wallMs),
				s(row.floorMs),
				row.overFloor.toFixed(3),
				String(row.rateLimited),
				`${row.failedItems} (${row.expectedFailures}${row.unexpected ? `; ${row.unexpected} unexpected` : ''})`,
				String(row.lost),
			]),
		),
	);
}

function printList(rows: ListRow[], faults: boolean) {
	// With faults the node retries with backoff and the bare loop (which cannot retry) runs
	// without them: the ratio then shows what the retries cost, and has no target.
	const ratio = faults
		? 'node with faults / bare without (no target)'
		: 'node / bare (target <= 1.2)';
	console.log(
		table(
			[
				'pools',
				'faults',
				'list requests (target)',
				'token requests',
				'node wall (median of 5)',
				'bare loop wall',
				ratio,
				'naive page_size 10',
			],
			rows.map((row) => [
				String(row.pools),
				row.faults ? 'on' : 'off',
				`${row.listRequests} (${row.target})`,
				String(row.tokenRequests),
				s(row.wallMs),
				s(row.bareWallMs),
				row.overhead.toFixed(2),
				`${row.naiveRequests} requests`,
			]),
		),
	);
}

function printAdd(rows: AddRow[]) {
	console.log(
		table(
			[
				'talents',
				'faults',
				'path',
				'wall',
				'floor (50/s, 1000 per gateway minute, from its start)',
				'wall / floor (target <= 1.05)',
				'429s',
				'retries',
				'failed items',
				'lost',
			],
			rows.map((row) => [
				String(row.talents),
				row.faults ? 'on' : 'off',
				row.where,
				s(row.wallMs),
				s(row.floorMs),
				row.overFloor.toFixed(3),
				String(row.rateLimited),
				String(row.retries),
				String(row.failedItems),
				String(row.lost),
			]),
		),
	);
}

const benchStarted = Date.now();

interface BenchResults {
	machine: string;
	list: ListRow[];
	add: AddRow[];
	batch: BatchRow[];
	concurrency: ConcurrencyRow[];
	email: EmailRow[];
	sync: SyncRow[];
	outage: OutageRow[];
	recovery: RecoveryRow[];
	size: SizeRow[];
	queue: QueueRow[];
	date: string;
	/** When each table's rows were measured: a run with --only keeps the other tables' figures. */
	measured?: Record<string, string>;
	totalMs?: number;
}

/** This run's tables, and for those it did not measure, the rows (and dates) of the run that did. */
function withEarlierTables(results: BenchResults, file: string): BenchResults {
	const earlier = existsSync(file)
		? (JSON.parse(readFileSync(file, 'utf8')) as Partial<BenchResults>)
		: {};
	const measured: Record<string, string> = { ...earlier.measured };
	const merged: Record<string, unknown> = { ...results };
	for (const [table, rows] of Object.entries(results)) {
		if (!Array.isArray(rows)) continue;
		const before = (earlier as Record<string, unknown>)[table];
		if (rows.length) measured[table] = results.date;
		else if (Array.isArray(before)) merged[table] = before;
	}
	// Clean and faulty add rows come from different tables (--only clean, --only faults).
	if (results.add.length && earlier.add) {
		const remeasured = new Set(results.add.map((row) => row.faults));
		merged.add = [...earlier.add.filter((row) => !remeasured.has(row.faults)), ...results.add];
	}
	return { ...(merged as unknown as BenchResults), measured };
}

async function main() {
	// Ctrl-C stops the n8n, Redis and Postgres processes a table started.
	cleanUpOnSignals();
	const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
	console.log(`Feishu Hire benchmark on ${machine}`);
	console.log(
		`Emulator with the documented limits (50/s, 1000/min per endpoint); faults: ${JSON.stringify(FAULTS)}\n`,
	);
	const sizes = quick ? [1000] : [1000, 3000];
	const only = process.argv.includes('--only')
		? process.argv[process.argv.indexOf('--only') + 1]
		: undefined;
	const tables = [false, true].filter((faults) => !only || only === (faults ? 'faults' : 'clean'));
	const batchOnly = only !== undefined && only !== 'clean' && only !== 'faults';
	const results: BenchResults = {
		machine,
		list: [],
		add: [],
		batch: [],
		concurrency: [],
		email: [],
		sync: [],
		outage: [],
		recovery: [],
		size: [],
		queue: [],
		date: new Date().toISOString(),
	};

	for (const faults of batchOnly ? [] : tables) {
		console.log(
			faults
				? '\nWith faults (10% HTTP 500 / 1002001, 5% dropped connections):\n'
				: 'Without faults:\n',
		);
		const list = [];
		for (const pools of [237, 10_000]) list.push(await listRow(pools, faults));
		printList(list, faults);
		console.log('');
		const add = [];
		for (const talents of sizes) {
			add.push(await addRow(talents, faults));
			console.log(
				`  ${talents} adds${faults ? ' with faults' : ''}: ${s(add[add.length - 1].wallMs)}`,
			);
		}
		if (!faults) add.push(await addRow(2000, false, true));
		if (!faults && !quick) add.push(await realN8nRow(1000));
		printAdd(add);
		results.list.push(...list);
		results.add.push(...add);
	}
	if (!only || only === 'concurrency') {
		console.log(
			'\nConcurrent executions sharing one credential, 500 per-talent adds each (documented limits 50/s, 1000/min):\n',
		);
		for (const executions of [2, 4]) results.concurrency.push(await concurrencyRow(executions));
		console.log(
			table(
				[
					'executions',
					'talents',
					'wall',
					"peak in a gateway's second (<= 50)",
					"peak in a gateway's minute (<= 1000)",
					'peak in any 60 s',
					'429s',
					'lost',
				],
				results.concurrency.map((row) => [
					String(row.executions),
					String(row.talents),
					s(row.wallMs),
					String(row.gatewayPeakPerSecond),
					String(row.gatewayPeakPerMinute),
					String(row.peakPerMinute),
					String(row.rateLimited),
					String(row.lost),
				]),
			),
		);
	}
	if (!only || only === 'batch') {
		console.log(
			'\nAdd Talent in batches of 50 (batch endpoint: 10 requests/s), against one request per talent:\n',
		);
		const perTalentWall = new Map(
			results.add
				.filter((row) => !row.faults && row.where === 'n8n-core')
				.map((row) => [row.talents, row.wallMs]),
		);
		for (const talents of quick ? [3000] : [3000, 20_000]) {
			for (const variant of ['clean', 'faults', '1% unknown'] as const) {
				results.batch.push(await batchRow(talents, variant, perTalentWall));
			}
		}
		printBatch(results.batch);
	}
	if (!only || only === 'email') {
		console.log(
			'\nATS export by email: lookups (batch_get_id, 50 keys per request, 50/s) then batched adds (10/s):\n',
		);
		for (const variant of ['clean', '100 ms latency', '2% unknown'] as const)
			results.email.push(await emailRow(3000, variant));
		printEmail(results.email);
	}
	if (!only || only === 'sync') {
		console.log(
			'\nATS sync by email, 3000 rows of which 20 % new: Create or Update (lookups 50 keys per request at 50/s, one create per new key at 50/s), then Add Talent in batches of 50 (10/s):\n',
		);
		results.sync.push(...(await syncRows()));
		printSync(results.sync);
	}
	if (!only || only === 'size') {
		const talents = quick ? 20_000 : 100_000;
		console.log(
			`\n${talents.toLocaleString('en')} talents in batches of 50 through a real n8n execution (n8n execute):\n`,
		);
		// The second run shows how much of the time is n8n's expression isolate.
		for (const engine of ['vm', 'legacy'] as const) {
			const row = await sizeRow(talents, engine);
			results.size.push(row);
			console.log(
				`  ${engine} expression engine: n8n's time per node: ${Object.entries(row.nodeMs)
					.map(([node, ms]) => `${node} ${s(ms)}`)
					.join(
						', ',
					)}; within Add, ${s(row.beforeFirstRequestMs)} before the first batch request (n8n resolving and the node checking every item's parameters), then ${s(row.sendingMs)} of sending`,
			);
		}
		console.log('');
		console.log(
			table(
				[
					'talents',
					'expression engine',
					'batch requests',
					'execution',
					'floor',
					'execution / floor (target <= 1.1)',
					'n8n peak RSS (target < 1 GiB)',
					'failed items',
					'lost',
				],
				results.size.map((size) => [
					String(size.talents),
					size.expressionEngine === 'vm' ? 'vm (default)' : 'legacy (deprecated)',
					String(size.batchRequests),
					s(size.executionMs),
					s(size.floorMs),
					size.overFloor.toFixed(3),
					`${Math.round(size.peakRssBytes / 2 ** 20)} MiB`,
					String(size.failedItems),
					String(size.lost),
				]),
			),
		);
	}
	if (!only || only === 'queue') {
		if (spawnSync('redis-server', ['--version']).status !== 0) {
			console.log(`\nQueue mode: skipped, ${QUEUE_PREREQUISITES}`);
		} else {
			console.log(
				'\nQueue mode, n8n 2.41.1 main + 2 workers + a webhook process, Redis, Postgres 17 (documented limits):\n',
			);
			results.queue.push(...(await queueRows()));
			console.log(
				table(
					[
						'scenario',
						'wall',
						'floor',
						'wall / floor (target <= 1.3)',
						'admitted',
						'429s',
						'gateway peak per second (<= 50)',
						'failed executions',
						'lost',
					],
					results.queue.map((row) => [
						row.scenario,
						s(row.wallMs),
						s(row.floorMs),
						(row.wallMs / row.floorMs).toFixed(2),
						String(row.admitted),
						String(row.rateLimited),
						String(row.gatewayPeakPerSecond),
						String(row.failedExecutions),
						String(row.lost),
					]),
				),
			);
		}
	}
	if (!only || only === 'outage') {
		console.log(
			'\nFeishu down (every request fails), per-talent moves, 10 in flight: time until every item has its error:\n',
		);
		for (const [talents, how, continueOnFail] of [
			[200, 'HTTP 500', true],
			[3000, 'HTTP 500', true],
			[3000, 'refused', true],
			[200, 'HTTP 500', false],
		] as const)
			results.outage.push(await outageRow(talents, how, continueOnFail));
		console.log(
			table(
				['case', 'talents', 'wall', 'target', 'requests sent', 'items failed', 'items silent'],
				results.outage.map((row) => [
					row.case,
					String(row.talents),
					s(row.wallMs),
					`<= ${row.target}`,
					row.requests === undefined ? '- (nothing listens)' : String(row.requests),
					String(row.failedItems),
					String(row.silent),
				]),
			),
		);
		console.log(
			'\nFeishu down for 20 s, then healthy; executions of 20 per-talent adds back to back for 35 s:\n',
		);
		results.recovery.push(await recoveryRow());
		console.log(
			table(
				[
					'outage',
					'executions',
					'items failed during the outage',
					'first full success after recovery',
					'items failed after it',
				],
				results.recovery.map((row) => [
					s(row.outageMs),
					String(row.executions),
					String(row.failedDuringOutage),
					`${s(row.recoveredAfterMs)} (cool-down 5 s)`,
					String(row.failedAfterRecovery),
				]),
			),
		);
	}
	const slowdown = results.add
		.filter((row) => row.faults)
		.flatMap((row) => {
			const clean = results.add.find(
				(other) => !other.faults && other.talents === row.talents && other.where === row.where,
			);
			return clean ? [`${row.talents} adds: ${(row.wallMs / clean.wallMs).toFixed(2)}x`] : [];
		});
	if (slowdown.length) console.log(`\nSlowdown with faults: ${slowdown.join(', ')}`);
	const dir = join(REPO_ROOT, 'bench-results');
	mkdirSync(dir, { recursive: true });
	results.totalMs = Date.now() - benchStarted;
	const file = join(dir, 'latest.json');
	writeFileSync(file, `${JSON.stringify(withEarlierTables(results, file), null, 2)}\n`);
	console.log(`Figures written to bench-results/latest.json`);
	console.log(`Total time: ${duration(results.totalMs)}`);
}

main()
	.then(() => process.exit(0))
	.catch((error: Error) => {
		console.error(`bench failed: ${error.stack ?? error.message}`);
		process.exit(1);
	});
