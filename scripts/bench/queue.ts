import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

import { startEmulator } from '../../emulator';
import { DOCUMENTED_ENDPOINT_LIMITS, paceFloorMs } from '../../emulator/rate-limit';
import { DEFAULT_N8N_VERSION, prepareN8n } from '../../tools/n8n/runtime';
import { packPackage, syncWorkflow } from '../../tools/n8n/workspace';
import { cleanUp } from '../../tools/n8n/cleanup';
import { QUEUE_PREREQUISITES, QueueCluster } from '../../tools/n8n/queue';
import { s, table } from './common';
import { untilSecondOfMinute } from './adds';

export interface QueueRow {
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
export async function queueRows(): Promise<QueueRow[]> {
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

export async function runQueue(): Promise<QueueRow[]> {
	const rows: QueueRow[] = [];
	if (spawnSync('redis-server', ['--version']).status !== 0) {
		console.log(`\nQueue mode: skipped, ${QUEUE_PREREQUISITES}`);
	} else {
		console.log(
			'\nQueue mode, n8n 2.41.1 main + 2 workers + a webhook process, Redis, Postgres 17 (documented limits):\n',
		);
		rows.push(...(await queueRows()));
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
				rows.map((row) => [
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
	return rows;
}
