import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	closeSync,
	copyFileSync,
	mkdirSync,
	openSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { basename, dirname, join } from 'node:path';

import { beforeRemoving, temporaryFolder } from './cleanup';
import { tarballInstallLines } from './readme-install';
import { withoutNpmSettings, type N8nRuntime } from './runtime';

export interface CommandResult {
	code: number | null;
	stdout: string;
	stderr: string;
	/** The command's highest resident memory, sampled every 250 ms (its own process, not its children). */
	peakRssBytes: number;
}

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

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
export class N8nInstance {
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
		const result = await this.spawnCollect('bash', ['-c', script], this.userFolder, false, {
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
		return await this.spawnCollect(
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

	/**
	 * A started n8n's first account, created through its API as the setup screen would.
	 * Returns the session cookie (`n8n-auth=…`) for further REST calls as the owner.
	 */
	async createOwner(owner: Owner): Promise<string> {
		const setUp = () =>
			fetch(`${this.url}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(owner),
			});
		// n8n 1.x answers /healthz/readiness a moment before it has mounted its REST routes.
		let setup = await setUp();
		const deadline = Date.now() + 30_000;
		while (setup.status === 404 && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 250));
			setup = await setUp();
		}
		if (!setup.ok)
			throw new Error(
				`Creating the owner account failed: HTTP ${setup.status} ${await setup.text()}`,
			);
		return sessionCookie(setup, 'Creating the owner account');
	}

	/** Signs in as an existing account, as the login screen does; returns the session cookie. */
	async signIn(owner: Owner): Promise<string> {
		const response = await fetch(`${this.url}/rest/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
		});
		if (!response.ok)
			throw new Error(`Signing in failed: HTTP ${response.status} ${await response.text()}`);
		return sessionCookie(response, 'Signing in');
	}

	/** A REST call as the signed-in user (`cookie` from createOwner); n8n's `data`, or an error with its answer. */
	async rest<T>(cookie: string, method: string, path: string, body?: object): Promise<T> {
		const response = await fetch(`${this.url}/rest/${path}`, {
			method,
			headers: { cookie, 'Content-Type': 'application/json' },
			body: body && JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} /rest/${path}: HTTP ${response.status} ${text}`);
		const parsed = JSON.parse(text) as { data?: T };
		return parsed.data ?? (parsed as T);
	}

	/** Activates (publishes) an imported workflow, as its toggle in the editor does: its production webhooks go live. */
	async activate(cookie: string, workflowId: string): Promise<void> {
		const { versionId } = await this.rest<{ versionId: string }>(
			cookie,
			'GET',
			`workflows/${workflowId}`,
		);
		await this.rest(cookie, 'POST', `workflows/${workflowId}/activate`, { versionId });
	}

	/**
	 * POSTs `body` (sent as given) to a production webhook, waiting while n8n has not
	 * registered it yet: it answers 404 for a moment after activation.
	 */
	async postWebhook(
		path: string,
		body: string,
		headers: Record<string, string> = { 'Content-Type': 'application/json' },
	): Promise<Response> {
		const deadline = Date.now() + 30_000;
		for (;;) {
			const response = await fetch(`${this.url}/webhook/${path}`, {
				method: 'POST',
				headers,
				body,
			});
			if (response.status !== 404 || Date.now() > deadline) return response;
			await response.arrayBuffer();
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** n8n's execution records (the last 100), newest first. */
	async executions(cookie: string): Promise<ExecutionRecord[]> {
		const answer = await this.rest<{ results: ExecutionRecord[] } | ExecutionRecord[]>(
			cookie,
			'GET',
			'executions?limit=100',
		);
		return Array.isArray(answer) ? answer : answer.results;
	}

	/** Waits until `count` executions of `workflowId` have ended; returns them. */
	async waitForExecutions(
		cookie: string,
		workflowId: string,
		count: number,
		timeoutMs = 600_000,
	): Promise<ExecutionRecord[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const ended = (await this.executions(cookie)).filter(
				(execution) =>
					execution.workflowId === workflowId &&
					!['new', 'running', 'waiting'].includes(execution.status),
			);
			if (ended.length >= count) return ended;
			if (Date.now() > deadline)
				throw new Error(
					`only ${ended.length} of ${count} executions of ${workflowId} ended within ${timeoutMs / 1000} s`,
				);
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
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

	private spawnCollect(
		command: string,
		args: string[],
		cwd: string,
		keep: boolean,
		env: NodeJS.ProcessEnv = process.env,
	): Promise<CommandResult> {
		// stdout goes to a file: n8n exits as soon as it has printed, and a large result written
		// to a pipe can be cut short at exit; writes to a file are complete.
		mkdirSync(this.userFolder, { recursive: true });
		const stdoutFile = join(this.userFolder, `.stdout-${randomBytes(6).toString('hex')}`);
		const stdoutFd = openSync(stdoutFile, 'w');
		return new Promise((resolve, reject) => {
			const child = spawn(command, args, { cwd, env, stdio: ['ignore', stdoutFd, 'pipe'] });
			this.commands.add(child);
			let peakRssBytes = 0;
			const sampler = setInterval(() => {
				peakRssBytes = Math.max(peakRssBytes, residentBytes(child.pid));
			}, 250);
			let stderr = '';
			// Decoded as a stream: a multi-byte character may be split across chunks.
			child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
			const collectStdout = () => {
				closeSync(stdoutFd);
				const stdout = readFileSync(stdoutFile, 'utf8');
				rmSync(stdoutFile, { force: true });
				return stdout;
			};
			child.on('error', (error) => {
				clearInterval(sampler);
				this.commands.delete(child);
				collectStdout();
				reject(error);
			});
			child.on('close', (code) => {
				clearInterval(sampler);
				this.commands.delete(child);
				const stdout = collectStdout();
				if (keep) this.output.push(stdout, stderr);
				resolve({ code, stdout, stderr, peakRssBytes });
			});
		});
	}
}

function sessionCookie(response: Response, doing: string): string {
	const cookie = response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0])
		.find((pair) => pair.startsWith('n8n-auth='));
	if (!cookie) throw new Error(`${doing} set no n8n-auth cookie`);
	return cookie;
}

export interface ExecutionRecord {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	startedAt?: string;
	stoppedAt?: string;
}

export interface ExecutionResult {
	data: {
		resultData: {
			runData: Record<
				string,
				Array<{
					data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> };
					error?: { message: string };
				}>
			>;
			error?: { message: string };
			lastNodeExecuted?: string;
		};
	};
	status?: string;
	finished?: boolean;
	startedAt?: string;
	stoppedAt?: string;
}

/** A process's resident memory from /proc, 0 when it is gone (or not on Linux). */
function residentBytes(pid: number | undefined): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
	} catch {
		return 0;
	}
}

/** `n8n execute --rawOutput` prints the run as JSON among its log lines. */
export function parseRawOutput(stdout: string): ExecutionResult | undefined {
	const start = stdout.indexOf('\n{');
	const from = start >= 0 ? start + 1 : stdout.startsWith('{') ? 0 : -1;
	if (from < 0) return undefined;
	const end = stdout.lastIndexOf('\n}');
	if (end < from) return undefined;
	try {
		return JSON.parse(stdout.slice(from, end + 2)) as ExecutionResult;
	} catch {
		return undefined;
	}
}

/** SIGTERM (or `signal`), and SIGKILL if the process is still there after `graceMs`. */
/** Signals `child` (SIGTERM unless told) and resolves once it has exited; SIGKILL after `graceMs`. */
export function stopProcess(
	child: ChildProcess,
	graceMs: number,
	signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise<void>((resolve) => {
		const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
		child.once('close', () => {
			clearTimeout(kill);
			resolve();
		});
		child.kill(signal);
	});
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}
