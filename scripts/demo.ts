import { join } from 'node:path';

import { startEmulator, type Emulator } from '../test/emulator';
import { freePort, type ExecutionResult } from './n8n/instance';
import { DEFAULT_N8N_VERSION, prepareN8n } from './n8n/runtime';
import { EXAMPLES, loadExample, packPackage, prepareInstance, type ExampleName } from './n8n/workspace';

/**
 * npm run demo [-- --n8n 1.123.81] [-- --editor]
 *
 * Builds and packs the package, starts the Feishu emulator, prepares a real n8n with the
 * package installed as a community package, runs the example workflows headless and prints
 * what happened. With --editor, n8n's editor stays up with everything set up.
 */
const EDITOR_PORT = 5678;
const OWNER = { email: 'demo@example.com', password: 'Feishu-demo-1', firstName: 'Demo', lastName: 'Recruiter' };

const started = Date.now();
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const say = (line: string) => console.log(line);

async function main() {
	const args = process.argv.slice(2);
	const versionAt = args.indexOf('--n8n');
	const version = versionAt >= 0 ? args[versionAt + 1] : DEFAULT_N8N_VERSION;
	const editor = args.includes('--editor');

	say('Building and packing n8n-nodes-feishu-hire ...');
	const tarball = packPackage();
	const emulator = await startEmulator({ port: await freePort() });
	say(`Feishu emulator on ${emulator.url}: ${emulator.data.pools.length} talent pools, documented rate limits on`);
	const runtime = await prepareN8n(version, (line) => say(line));
	say(`Installing the package into n8n ${version} as a community package, importing the credential and ${Object.keys(EXAMPLES).length} examples ...`);
	const n8n = await prepareInstance(runtime, tarball, emulator, editor ? { port: EDITOR_PORT } : {});

	say('');
	say(`Running the examples in n8n ${version} (n8n execute, headless):`);
	const rows: string[][] = [];
	const listed = await runExample(n8n, emulator, 'listPools');
	rows.push(['List every talent pool', `${count(listed.result, 'List talent pools')} pools`, `${listed.requests.listPools} list requests`, listed.time]);
	const sync = await runExample(n8n, emulator, 'atsSync');
	rows.push(['ATS export sync', `${count(sync.result, 'Add to talent pool')} talents added, 0 failed`, writes(sync.requests), sync.time]);
	const mixed = await runExample(n8n, emulator, 'atsSyncFailures');
	const failures = failedTalents(mixed.result);
	rows.push([
		'ATS export sync, failures collected',
		`${count(mixed.result, 'Add to talent pool')} added, ${failures.length} failed`,
		writes(mixed.requests),
		mixed.time,
	]);
	const nightly = await runExample(n8n, emulator, 'nightlySync');
	rows.push(['Nightly ATS sync, batched', `${count(nightly.result, 'Add in batches of 50')} talents added`, writes(nightly.requests), nightly.time]);
	const removed = await runExample(n8n, emulator, 'removeTalents');
	rows.push(['Remove talents, batched', `${count(removed.result, 'Remove from talent pool')} talents removed`, writes(removed.requests), removed.time]);
	const csv = await runExample(n8n, emulator, 'atsCsvSync');
	const unknown = unknownCandidates(csv.result);
	rows.push([
		'ATS export CSV, by email',
		`${talentsIn(csv.result, 'Add to talent pool by email')} added, ${unknown.length} unknown collected (${count(csv.result, 'One item per CSV row')} rows)`,
		`${csv.requests.findTalents} lookups + ${writes(csv.requests)}`,
		csv.time,
	]);
	printTable(rows);
	for (const failure of failures) say(`    failed: talent ${failure.talent_id} (${failure.name}): ${failure.error}`);
	for (const candidate of unknown) say(`    unknown: ${candidate.name.trim()} <${candidate.email.trim()}>`);
	const tokens = emulator.requests('token').length;
	say(`  Token requests: ${tokens} for ${rows.length} executions (n8n saved the token with the credential and reused it)`);
	say(`  Total time: ${seconds(started)}`);

	if (!editor) {
		await emulator.close();
		say('');
		say('Run `npm run demo -- --editor` to open these workflows in n8n\'s editor.');
		return;
	}
	say('');
	say(`Starting n8n's editor on port ${EDITOR_PORT} ...`);
	await n8n.start();
	await n8n.createOwner(OWNER);
	say(`n8n ${version} is running: http://localhost:${EDITOR_PORT}`);
	say(`  log in as ${OWNER.email} / ${OWNER.password}`);
	say('  credential "Feishu Hire (emulator)" and the examples are imported; Ctrl-C stops n8n and the emulator.');
	say(`  the CSV example reads ${join(n8n.filesFolder, 'ats-export.csv')}`);
	const stop = () => {
		void n8n.stop().then(() => emulator.close()).then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

async function runExample(n8n: Awaited<ReturnType<typeof prepareInstance>>, emulator: Emulator, name: ExampleName) {
	const endpoints = ['listPools', 'findTalents', 'addTalent', 'batchChange'] as const;
	const before = Object.fromEntries(endpoints.map((endpoint) => [endpoint, emulator.requests(endpoint).length]));
	const since = Date.now();
	const result = await n8n.execute(EXAMPLES[name].id);
	const error = result.data.resultData.error;
	if (error) throw new Error(`Example "${loadExample(name).name}" failed: ${error.message}`);
	return {
		result,
		time: seconds(since),
		requests: Object.fromEntries(endpoints.map((endpoint) => [endpoint, emulator.requests(endpoint).length - before[endpoint]])) as Record<
			(typeof endpoints)[number],
			number
		>,
	};
}

/** "2 batch + 1 per-talent requests": what a sync cost. */
function writes(requests: { addTalent: number; batchChange: number }): string {
	const parts = [`${requests.batchChange} batch`, ...(requests.addTalent ? [`${requests.addTalent} per-talent`] : [])];
	return `${parts.join(' + ')} request${requests.batchChange + requests.addTalent === 1 ? '' : 's'}`;
}

function count(result: ExecutionResult, node: string): number {
	return result.data.resultData.runData[node]?.[0]?.data?.main[0]?.length ?? 0;
}

/** Distinct talents in a node's first output. */
function talentsIn(result: ExecutionResult, node: string): number {
	const items = result.data.resultData.runData[node]?.[0]?.data?.main[0] ?? [];
	return new Set(items.map((item) => item.json.talent_id)).size;
}

function unknownCandidates(result: ExecutionResult): Array<{ name: string; email: string; error: string }> {
	const collected = result.data.resultData.runData['Collect unknown candidates']?.[0]?.data?.main[0]?.[0]?.json;
	return (collected?.unknown_candidates as Array<{ name: string; email: string; error: string }>) ?? [];
}

function failedTalents(result: ExecutionResult): Array<{ talent_id: string; name: string; error: string }> {
	const collected = result.data.resultData.runData['Collect failed talents']?.[0]?.data?.main[0]?.[0]?.json;
	return (collected?.failed_talents as Array<{ talent_id: string; name: string; error: string }>) ?? [];
}

function printTable(rows: string[][]) {
	const widths = rows[0].map((_cell, column) => Math.max(...rows.map((row) => row[column].length)));
	for (const row of rows) say(`  ${row.map((cell, column) => cell.padEnd(widths[column])).join('   ')}`);
}

main().catch((error: Error) => {
	console.error(`\ndemo failed: ${error.message}`);
	process.exit(1);
});
