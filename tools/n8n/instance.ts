import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { beforeRemoving, temporaryFolder } from './cleanup';
import { parseRawOutput, type ExecutionResult } from './cli-output';
import { freePort, runToCompletion, stopProcess, type CommandResult } from './process';
import { tarballInstallLines } from './readme-install';
import { N8nRestClient } from './rest';
import { withoutNpmSettings, type N8nRuntime } from './runtime';

export type { ExecutionRecord, ExecutionResult } from './cli-output';
export { freePort, stopProcess, type CommandResult } from './process';
export type { Owner } from './rest';

export interface InstanceOptions {
	userFolder?: string;
	port?: number;
	/** Folders put first on n8n's PATH (see registry.ts). */
	pathFirst?: string[];
	/** Added to n8n's environment. */
	env?: Record<string, string>;
	/** Shared by the processes of one queue-mode cluster; a new one otherwise. */
	encryptionKey?: string;
}

/**
 * One isolated n8n: its own user folder, database, encryption key, ports and community
 * package folder. Everything n8n prints is kept in `output`, so tests can search it.
 * A user folder it made itself goes at the next clean-up (see cleanup.ts), after the n8n
 * processes working in it have been stopped.
 */
export class N8nInstance extends N8nRestClient {
	readonly userFolder: string;
	readonly output: string[] = [];
	port = 0;
	private brokerPort = 0;
	private server: ChildProcess | undefined;
	/** `n8n` and `npm` commands still running, stopped at clean-up. */
	private readonly commands = new Set<ChildProcess>();

	private readonly encryptionKey: string;

	constructor(
		readonly runtime: N8nRuntime,
		private readonly options: InstanceOptions = {},
	) {
		super();
		this.encryptionKey = options.encryptionKey ?? randomBytes(24).toString('hex');
		this.userFolder = options.userFolder ?? temporaryFolder(`n8n-${runtime.version}-`);
		beforeRemoving(async () => {
			await Promise.all([...this.commands].map((command) => stopProcess(command, 5_000)));
			await this.stop();
		});
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/**
	 * The only folder workflows may read and write files in (N8N_RESTRICT_FILE_ACCESS_TO).
	 * n8n runs in the user folder, so workflows reach it as `.n8n-files/…`, as they reach
	 * ~/.n8n-files (2.x's default) in an n8n started from the home folder.
	 */
	get filesFolder(): string {
		return join(this.userFolder, '.n8n-files');
	}

	/** Copies a file into filesFolder, where workflows read it as `.n8n-files/<name>`. */
	provideFile(source: string, name = basename(source)): void {
		mkdirSync(this.filesFolder, { recursive: true });
		copyFileSync(source, join(this.filesFolder, name));
	}

	/**
	 * Installs a packed tarball by README.md's own commands for it (mkdir ~/.n8n/nodes, then
	 * npm install with the flags users are told to pass), typed in a shell whose home is this
	 * n8n's user folder and whose `npm` runs on n8n's Node. None of the test runner's npm
	 * settings reach it: this project's .npmrc must not do the README's work.
	 */
	async installPackage(tarball: string): Promise<void> {
		const script = ['set -euo pipefail', ...tarballInstallLines(tarball)].join('\n');
		const result = await this.collect('bash', ['-c', script], this.userFolder, false, {
			...withoutNpmSettings(process.env),
			HOME: this.userFolder,
			PATH: `${dirname(this.runtime.node)}:${process.env.PATH ?? ''}`,
		});
		if (result.code !== 0)
			throw new Error(
				`README.md's install commands failed for ${tarball} (exit ${result.code}):\n${script}\n${result.stderr}`,
			);
	}

	/** Runs `n8n <args>` to completion (import, export, execute). */
	async cli(args: string[], options: { keepOutput?: boolean } = {}): Promise<CommandResult> {
		await this.allocatePorts();
		return await this.collect(
			this.runtime.node,
			[this.runtime.n8nBin, ...args],
			this.userFolder,
			options.keepOutput ?? true,
			this.env(),
		);
	}

	async importCredentials(credentials: object[]): Promise<void> {
		await this.importFile('import:credentials', credentials);
	}

	/** One `n8n import:workflow` for them all: each n8n command costs a few seconds of boot. */
	async importWorkflows(workflows: object[]): Promise<void> {
		await this.importFile('import:workflow', workflows);
	}

	/** Executes a saved workflow headless and returns n8n's raw JSON result, with the CLI's peak memory. */
	async execute(workflowId: string): Promise<ExecutionResult & { peakRssBytes: number }> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		const parsed = parseRawOutput(result.stdout);
		if (!parsed) {
			throw new Error(
				`n8n execute --id=${workflowId} printed no result (exit ${result.code}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`,
			);
		}
		return { ...parsed, peakRssBytes: result.peakRssBytes };
	}

	/** The stored credential, decrypted (kept out of `output`: it holds the secret by design). */
	async exportCredential(id: string): Promise<Record<string, unknown>> {
		const file = join(this.userFolder, `export-${id}.json`);
		const result = await this.cli(
			['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`],
			{ keepOutput: false },
		);
		if (result.code !== 0) throw new Error(`export:credentials failed: ${result.stderr}`);
		const [credential] = JSON.parse(readFileSync(file, 'utf8')) as Array<{
			data: Record<string, unknown>;
		}>;
		rmSync(file);
		return credential.data;
	}

	/**
	 * `n8n start` (or `n8n worker …`, whose health server then listens on this instance's
	 * port), resolved when /healthz/readiness answers.
	 */
	async start(command: string[] = ['start']): Promise<void> {
		await this.allocatePorts();
		const worker =
			command[0] === 'worker'
				? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(this.port) }
				: {};
		const child = spawn(this.runtime.node, [this.runtime.n8nBin, ...command], {
			cwd: this.userFolder,
			env: { ...this.env(), ...worker },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.server = child;
		const printedBefore = this.output.length;
		const printed = () => this.output.slice(printedBefore).join('').slice(-3000);
		child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.output.push(chunk));
		child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.output.push(chunk));
		const deadline = Date.now() + 120_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null)
				throw new Error(`n8n ${command[0]} exited with ${child.exitCode}:\n${printed()}`);
			try {
				const response = await fetch(`${this.url}/healthz/readiness`);
				if (response.ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n did not become ready within 120 s:\n${printed()}`);
	}

	async stop(): Promise<void> {
		if (this.server) await stopProcess(this.server, 20_000);
	}

	/** Kills the started process at once (SIGKILL), as a crash or an OOM killer would. */
	async kill(): Promise<void> {
		if (this.server) await stopProcess(this.server, 0, 'SIGKILL');
	}

	env(): NodeJS.ProcessEnv {
		// Not the test runner's variables: n8n's CLI does nothing when NODE_ENV is "test".
		const {
			NODE_ENV: _nodeEnv,
			JEST_WORKER_ID: _worker,
			N8N_USER_FOLDER: _folder,
			...inherited
		} = process.env;
		return {
			...inherited,
			PATH: [
				...(this.options.pathFirst ?? []),
				dirname(this.runtime.node),
				process.env.PATH ?? '',
			].join(':'),
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_SECURE_COOKIE: 'false',
			N8N_RESTRICT_FILE_ACCESS_TO: this.filesFolder,
			...(this.runtime.major >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
			...this.options.env,
		};
	}

	private async importFile(command: string, content: object | object[]): Promise<void> {
		const file = join(
			this.userFolder,
			`${command.replace(':', '-')}-${randomBytes(4).toString('hex')}.json`,
		);
		writeFileSync(file, JSON.stringify(content));
		const result = await this.cli([command, `--input=${file}`], { keepOutput: false });
		rmSync(file);
		if (result.code !== 0)
			throw new Error(`n8n ${command} failed:\n${result.stdout}\n${result.stderr}`);
	}

	private async allocatePorts(): Promise<void> {
		if (this.port) return;
		this.port = this.options.port ?? (await freePort());
		this.brokerPort = await freePort();
	}

	/** Runs a command in this n8n's folder to completion; its n8n and npm children are stopped at clean-up. */
	private collect(
		command: string,
		args: string[],
		cwd: string,
		keep: boolean,
		env: NodeJS.ProcessEnv = process.env,
	): Promise<CommandResult> {
		return runToCompletion(command, args, {
			cwd,
			env,
			scratch: this.userFolder,
			running: this.commands,
			printed: keep ? this.output : undefined,
		});
	}
}
