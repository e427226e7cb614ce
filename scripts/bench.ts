import '../test/setup-env';

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

import { duration } from '../tools/n8n/runtime';
import { REPO_ROOT } from '../tools/n8n/workspace';
import { cleanUpOnSignals } from '../tools/n8n/cleanup';
import { addRow, printAdd } from './bench/adds';
import { runApplications } from './bench/applications';
import { runBatch } from './bench/batch';
import { FAULTS, s } from './bench/common';
import { runConcurrency } from './bench/concurrency';
import { runEmail } from './bench/email';
import { listRow, printList } from './bench/list';
import { runLongConnection } from './bench/long-connection';
import { runOutage } from './bench/outage';
import { runQueue } from './bench/queue';
import { realN8nRow } from './bench/real-n8n';
import { emptyResults, withEarlierTables } from './bench/results';
import { runSize } from './bench/size';
import { runSync } from './bench/sync';

/**
 * npm run bench [-- --quick] [-- --only clean|faults|batch|concurrency|email|sync|outage|size|queue|applications|long-connection]
 *
 * Against the emulator with Feishu's documented limits (50/s, 1000/min per endpoint), through
 * the node's real execution path (n8n-core's WorkflowExecute in-process; some rows in real n8n).
 * Prints the tables and writes the figures to bench-results/latest.json (with --only, the
 * tables not run keep the figures and dates of the run that measured them). Each table is a
 * module of scripts/bench/.
 */
const benchStarted = Date.now();
const quick = process.argv.includes('--quick');

async function main() {
	// Ctrl-C stops the n8n, Redis and Postgres processes a table started.
	cleanUpOnSignals();
	const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
	console.log(`Feishu Hire benchmark on ${machine}`);
	console.log(
		`Emulator with the documented limits (50/s, 1000/min per endpoint); faults: ${JSON.stringify(FAULTS)}\n`,
	);
	const only = process.argv.includes('--only')
		? process.argv[process.argv.indexOf('--only') + 1]
		: undefined;
	const wanted = (table: string) => !only || only === table;
	const results = emptyResults(machine);

	for (const faults of [false, true]) {
		if (!wanted(faults ? 'faults' : 'clean')) continue;
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
		for (const talents of quick ? [1000] : [1000, 3000]) {
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
	if (wanted('concurrency')) results.concurrency.push(...(await runConcurrency()));
	if (wanted('batch')) results.batch.push(...(await runBatch(quick, results.add)));
	if (wanted('email')) results.email.push(...(await runEmail()));
	if (wanted('sync')) results.sync.push(...(await runSync()));
	if (wanted('size')) results.size.push(...(await runSize(quick)));
	if (wanted('queue')) results.queue.push(...(await runQueue()));
	if (wanted('applications')) results.applications.push(...(await runApplications()));
	if (wanted('long-connection')) await runLongConnection(results);
	if (wanted('outage')) {
		const { outage, recovery } = await runOutage();
		results.outage.push(...outage);
		results.recovery.push(...recovery);
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
