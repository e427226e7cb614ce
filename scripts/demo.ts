import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startEmulator, type Emulator } from '../emulator';
import { runEventFlow } from './demo-events';
import { runHrFlow } from './demo-hr';
import { DEMO_CLIENT_CONFIG, runLongConnectionFlow } from './demo-long-connection';
import { moverWorkflow } from '../tools/n8n/hr-automations';
import {
	checkPortIsFree,
	parseArguments,
	portInUse,
	portInUseLine,
	UsageError,
} from './demo-options';
import {
	count,
	csvPoolId,
	failedTalents,
	printTable,
	rowsNotSynced,
	syncSummary,
	writes,
} from './demo-results';
import { beforeRemoving, cleanUp, cleanUpOnSignals } from '../tools/n8n/cleanup';
import { freePort, type N8nInstance } from '../tools/n8n/instance';
import { LocalRegistry } from '../tools/n8n/registry';
import { cacheRoot, prepareN8n } from '../tools/n8n/runtime';
import {
	EXAMPLES,
	loadExample,
	PACKAGE,
	packPackage,
	prepareInstance,
	silverMedalistsExample,
	type ExampleName,
} from '../tools/n8n/workspace';

/**
 * npm run demo [-- --editor] [--port 5678] [--n8n 1.123.81]
 *
 * Builds and packs the package, starts the Feishu emulator, prepares a real n8n with the
 * package installed as a community package, runs the example workflows headless and prints
 * what happened. With --editor, n8n's editor stays up with everything set up.
 *
 * Whatever happens, the demo ends with one line saying what went wrong and what to do, and
 * leaves no temporary folders behind (a log of the details is kept when it fails).
 */
const OWNER = {
	email: 'demo@example.com',
	password: 'Feishu-demo-1',
	firstName: 'Demo',
	lastName: 'Recruiter',
};

const started = Date.now();
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const say = (line: string) => console.log(line);

/** A failure the demo explains in one line: what it was doing, what went wrong, what to do. */
class DemoFailure extends Error {
	constructor(
		readonly doing: string,
		readonly cause: Error,
		readonly todo: string,
	) {
		super(cause.message);
	}
}

/** The n8n in use, whose output goes into the log if something fails. */
let n8n: N8nInstance | undefined;
/** Once the editor is up, Ctrl-C is how the demo ends, not a failure. */
let editorRunning = false;

async function main() {
	const options = parseArguments(process.argv.slice(2));
	if (options.editor) await checkPortIsFree(options.port);
	cleanUpOnSignals((signal) => {
		if (editorRunning) {
			say('n8n and the emulator stopped; temporary folders removed.');
			return 0;
		}
		console.error(`demo: stopped by ${signal}; temporary folders removed`);
		return signal === 'SIGINT' ? 130 : 143;
	});
	const { version, editor, port } = options;

	say('Building and packing n8n-nodes-feishu-hire ...');
	const tarball = await during(
		'building and packing the package',
		'fix what the build reports (npm run build shows it too)',
		async () => packPackage(),
	);
	const emulator = await during('starting the Feishu emulator', 'run the demo again', async () =>
		startEmulator({
			port: await freePort(),
			longConnection: { clientConfig: DEMO_CLIENT_CONFIG },
		}),
	);
	beforeRemoving(() => emulator.close());
	say(
		`Feishu emulator on ${emulator.url}: ${emulator.data.pools.length} talent pools and ${emulator.data.talents.length} talents, with Feishu's documented rate limits`,
	);
	const runtime = await during(`preparing n8n ${version}`, preparationTodo, () =>
		prepareN8n(version, (line) => say(line)),
	);
	say(
		`Installing the package into n8n ${version} through Settings → Community Nodes (from a local npm registry), importing the credential and ${Object.keys(EXAMPLES).length} examples ...`,
	);
	n8n = await during(
		`installing the package into n8n ${version}`,
		'run the demo again, and report it if it fails the same way',
		async () => {
			const registry = await LocalRegistry.start();
			await registry.publish(tarball);
			return await prepareInstance(runtime, { registry }, emulator, {
				owner: OWNER,
				...(editor ? { port } : {}),
			});
		},
	);
	const instance = n8n;
	// The HR automations part moves stages through the node with this workflow.
	await instance.importWorkflows([moverWorkflow()]);

	say('');
	say(`Running the examples in n8n ${version} (n8n execute, headless):`);
	const rows: string[][] = [];
	const listed = await runExample(instance, emulator, 'listPools');
	rows.push([
		'List every talent pool',
		`${count(listed.result, 'List talent pools')} pools`,
		`${listed.requests.listPools} list requests`,
		listed.time,
	]);
	const sync = await runExample(instance, emulator, 'atsSync');
	rows.push([
		'ATS export sync',
		`${count(sync.result, 'Add to talent pool')} talents added, 0 failed`,
		writes(sync.requests),
		sync.time,
	]);
	const mixed = await runExample(instance, emulator, 'atsSyncFailures');
	const failures = failedTalents(mixed.result);
	rows.push([
		'ATS export sync, failures collected',
		`${count(mixed.result, 'Add to talent pool')} added, ${failures.length} failed`,
		writes(mixed.requests),
		mixed.time,
	]);
	const nightly = await runExample(instance, emulator, 'nightlySync');
	rows.push([
		'Nightly ATS sync, batched',
		`${count(nightly.result, 'Add in batches of 50')} talents added`,
		writes(nightly.requests),
		nightly.time,
	]);
	const removed = await runExample(instance, emulator, 'removeTalents');
	rows.push([
		'Remove talents, batched',
		`${count(removed.result, 'Remove from talent pool')} talents removed`,
		writes(removed.requests),
		removed.time,
	]);
	const members = new Set(emulator.members(csvPoolId()));
	const csv = await runExample(instance, emulator, 'atsCsvSync');
	const setAside = rowsNotSynced(csv.result);
	rows.push([
		'ATS export CSV, by email',
		`${syncSummary(csv.result, emulator, members)}, ${setAside.length} set aside (${count(csv.result, 'One item per CSV row')} rows)`,
		`${csv.requests.findTalents} lookups + ${csv.requests.createTalent} creates + ${writes(csv.requests)}`,
		csv.time,
	]);
	const again = new Set(emulator.members(csvPoolId()));
	const rerun = await runExample(instance, emulator, 'atsCsvSync');
	rows.push([
		'  the same export again',
		syncSummary(rerun.result, emulator, again),
		`${rerun.requests.findTalents} lookups + ${rerun.requests.createTalent} creates + ${writes(rerun.requests)}`,
		rerun.time,
	]);
	printTable(rows);
	for (const failure of failures)
		say(`    failed: talent ${failure.talent_id} (${failure.name}): ${failure.error}`);
	// n8n's CSV reader leaves empty cells out of the item.
	for (const row of setAside)
		say(
			`    set aside: ${row.name?.trim() || '(no name)'} <${row.email?.trim() ?? ''}>: ${row.error}`,
		);
	const tokens = emulator.requests('token').length;
	say(
		`  Token requests: ${tokens} for ${rows.length} executions (n8n saved the token with the credential and reused it)`,
	);

	say('');
	const trigger = loadExample('silverMedalists').name;
	say(
		`Feishu Hire Trigger in n8n ${version} (n8n start): "${trigger}" activated, the emulator delivering to its production URL:`,
	);
	await during(`starting n8n ${version}`, 'run the demo again', async () => {
		try {
			await instance.start();
		} catch (error) {
			// Taken since the check at the start: say so as that check would have.
			if (editor && (await portInUse(port))) throw new UsageError(portInUseLine(port));
			throw error;
		}
	});
	const events = await during(
		'delivering Hire events to the trigger',
		'run the demo again, and report it if it fails the same way',
		async () => await runEventFlow(instance, emulator, await instance.signIn(OWNER)),
	);
	printTable([['delivery', 'n8n answered', 'ran'], ...events.rows]);
	say(`  ${events.summary}`);
	say('');
	say(
		'HR automations: "offer stage → note and tag" and "referral form → talent, application, note" activated:',
	);
	const hr = await during(
		'running the HR automation examples',
		'run the demo again, and report it if it fails the same way',
		async () => await runHrFlow(instance, emulator, await instance.signIn(OWNER)),
	);
	printTable(hr);
	say('');
	say(
		`Feishu Hire Long Connection Trigger: "${loadExample('longConnection').name}" activated, n8n dialling out to the emulator's WebSocket:`,
	);
	const longConnection = await during(
		'pushing events over the long connection',
		'run the demo again, and report it if it fails the same way',
		async () => await runLongConnectionFlow(instance, emulator, await instance.signIn(OWNER)),
	);
	printTable(longConnection);
	say(`  Total time: ${seconds(started)}`);

	if (!editor) {
		await cleanUp();
		say('');
		say("Run `npm run demo -- --editor` to open these workflows in n8n's editor.");
		return;
	}
	editorRunning = true;
	say(`n8n ${version} is running: http://localhost:${port}`);
	say(`  log in as ${OWNER.email} / ${OWNER.password}`);
	say(
		'  credential "Feishu Hire (emulator)" and the examples are imported; Ctrl-C stops n8n and the emulator.',
	);
	say(
		`  Settings → Community Nodes lists ${PACKAGE.name} ${PACKAGE.version}: n8n's own installer put it there.`,
	);
	say(`  the CSV example reads ${join(instance.filesFolder, 'ats-export.csv')}`);
	const webhook = `${instance.url}/webhook/${silverMedalistsExample().path}`;
	say(`  "${trigger}" is active at ${webhook}; to send it an event as Feishu would:`);
	say(
		`    curl -s -X POST ${emulator.url}/__emulator/events -H 'Content-Type: application/json' -d '{"url": "${webhook}"}'`,
	);
}

/** What to do when preparing n8n fails: usually the disk, the cache folder or the network. */
function preparationTodo(error: NodeJS.ErrnoException): string {
	if (error.code === 'ENOSPC' || /ENOSPC|no space left/i.test(error.message)) {
		return `free disk space: a first run needs about 3 GB in ${cacheRoot()} and about 1 GB of npm cache`;
	}
	if (['EACCES', 'EROFS', 'ENOENT', 'ENOTDIR'].includes(error.code ?? '')) {
		return `make ${cacheRoot()} writable, or set FEISHU_HIRE_CACHE to a folder that is`;
	}
	return 'check that the npm registry answers (npm ping), then run the demo again';
}

/** Runs one part of the demo; a failure becomes a DemoFailure saying what was being done. */
async function during<T>(
	doing: string,
	todo: string | ((error: Error) => string),
	work: () => Promise<T>,
): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (error instanceof UsageError || error instanceof DemoFailure) throw error;
		throw new DemoFailure(
			doing,
			error as Error,
			typeof todo === 'string' ? todo : todo(error as Error),
		);
	}
}

async function runExample(instance: N8nInstance, emulator: Emulator, name: ExampleName) {
	const endpoints = [
		'listPools',
		'findTalents',
		'createTalent',
		'addTalent',
		'batchChange',
	] as const;
	const before = Object.fromEntries(
		endpoints.map((endpoint) => [endpoint, emulator.requests(endpoint).length]),
	);
	const since = Date.now();
	const title = loadExample(name).name;
	const doing = `running the example "${title}"`;
	const todo = 'run the demo again, and report it if it fails the same way';
	const result = await during(doing, todo, () => instance.execute(EXAMPLES[name].id));
	const error = result.data.resultData.error;
	if (error) throw new DemoFailure(doing, new Error(`n8n reported: ${error.message}`), todo);
	return {
		result,
		time: seconds(since),
		requests: Object.fromEntries(
			endpoints.map((endpoint) => [
				endpoint,
				emulator.requests(endpoint).length - before[endpoint],
			]),
		) as Record<(typeof endpoints)[number], number>,
	};
}

/**
 * The one line a failure ends with. Whatever explains it further (build output, npm's
 * messages, what n8n printed) goes to a log file in the temp folder, named in that line.
 */
async function fail(error: Error): Promise<never> {
	let line: string;
	if (error instanceof UsageError) {
		line = error.message;
	} else {
		const [firstLine, ...details] = error.message.split('\n');
		const summary = firstLine.replace(/:$/, '');
		const sections = [
			details.join('\n').trim() && `${summary}\n${details.join('\n')}`,
			n8n?.output.length ? `What n8n printed:\n${n8n.output.join('')}` : '',
			error instanceof DemoFailure ? '' : (error.stack ?? ''),
		].filter(Boolean);
		const log = sections.length ? writeLog(sections.join('\n\n')) : undefined;
		line =
			error instanceof DemoFailure
				? `demo: ${error.doing} failed: ${summary}; ${error.todo}`
				: `demo: failed: ${summary}; please report this with the log`;
		if (log) line += `. Details: ${log}`;
	}
	await cleanUp();
	console.error(line);
	process.exit(1);
}

function writeLog(text: string): string {
	const file = join(
		tmpdir(),
		`feishu-hire-demo-${new Date().toISOString().replace(/[:.]/g, '-')}.log`,
	);
	writeFileSync(file, `${text}\n`);
	return file;
}

main().catch(fail);
