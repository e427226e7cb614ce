import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

import { beforeRemoving, temporaryFolder } from './cleanup';
import { freePort, stopProcess, type InstanceOptions } from './instance';
import { cacheRoot, withoutNpmSettings } from './runtime';

/**
 * Verdaccio, pinned, installed once into the cache beside the n8n runtimes (prepareVerdaccio).
 * Not a devDependency: its verdaccio-audit asks for `node-fetch@cjs`, a dist-tag the npm
 * registry here does not have (ETARGET), and the `overrides` that fixes it is not allowed in a
 * community node's package.json (lint rule @n8n/community-nodes/no-overrides-field).
 * 6.8.0 is the last release that supports Node 20 (6.9.0 and later want Node 22).
 */
const VERDACCIO_VERSION = '6.8.0';

/**
 * A throw-away npm registry (Verdaccio) on a free loopback port: no uplinks, so it serves only
 * what was published to it, and anyone may publish. Its folder (config, storage, npm cache) and
 * the process go at the next clean-up (see cleanup.ts).
 */
export class LocalRegistry {
	readonly output: string[] = [];

	private constructor(
		readonly url: string,
		private readonly folder: string,
		private readonly server: ChildProcess,
	) {}

	static async start(): Promise<LocalRegistry> {
		const verdaccio = await prepareVerdaccio();
		const folder = temporaryFolder('feishu-hire-registry-');
		const port = await freePort();
		const configFile = join(folder, 'config.yaml');
		writeFileSync(configFile, verdaccioConfig(folder));
		const server = spawn(
			process.execPath,
			[verdaccio, '--config', configFile, '--listen', `127.0.0.1:${port}`],
			{
				cwd: folder,
				env: withoutNpmSettings(process.env),
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		const registry = new LocalRegistry(`http://127.0.0.1:${port}`, folder, server);
		beforeRemoving(() => registry.stop());
		server.stdout?.setEncoding('utf8').on('data', (chunk: string) => registry.output.push(chunk));
		server.stderr?.setEncoding('utf8').on('data', (chunk: string) => registry.output.push(chunk));
		await registry.waitUntilReady();
		return registry;
	}

	/** Publishes a packed tarball, as `npm publish` would to the public registry. */
	async publish(tarball: string): Promise<void> {
		const npmrc = join(this.folder, 'publish.npmrc');
		// Verdaccio lets anyone publish here, but npm sends nothing without a token.
		writeFileSync(npmrc, `${this.url.replace(/^http:/, '')}/:_authToken=local-registry\n`);
		const result = await run(
			'npm',
			[
				'publish',
				tarball,
				`--registry=${this.url}/`,
				`--userconfig=${npmrc}`,
				`--cache=${join(this.folder, 'npm-cache')}`,
				'--ignore-scripts',
				'--loglevel=error',
			],
			this.folder,
		);
		if (result.code !== 0)
			throw new Error(`npm publish ${tarball} to ${this.url} failed:\n${result.output}`);
	}

	/**
	 * What an n8n needs so that its own community-package installer (Settings → Community
	 * Nodes → Install) installs from this registry, n8n unmodified. n8n accepts another
	 * registry only with an enterprise licence, so:
	 * - an `npm` first on its PATH replaces the public registry in n8n's npm commands with this one;
	 * - HTTPS_PROXY points at a closed loopback port: n8n's own requests to the public registry
	 *   and to api.n8n.io fail at once, and n8n falls back to `npm view`, which comes here too.
	 */
	async n8nOptions(): Promise<Required<Pick<InstanceOptions, 'pathFirst' | 'env'>>> {
		const binFolder = join(this.folder, 'bin');
		mkdirSync(binFolder, { recursive: true });
		const wrapper = join(binFolder, 'npm');
		writeFileSync(wrapper, npmWrapper(realNpm(), this.url, this.folder));
		chmodSync(wrapper, 0o755);
		return {
			pathFirst: [binFolder],
			env: {
				HTTPS_PROXY: `http://127.0.0.1:${await freePort()}`,
				NO_PROXY: '127.0.0.1,localhost',
			},
		};
	}

	/** The npm commands n8n ran through the wrapper: arguments, exit status and duration. */
	npmCalls(): string {
		const log = join(this.folder, 'npm-calls.log');
		return existsSync(log) ? readFileSync(log, 'utf8') : '';
	}

	async stop(): Promise<void> {
		await stopProcess(this.server, 5_000);
	}

	private async waitUntilReady(): Promise<void> {
		const deadline = Date.now() + 30_000;
		while (Date.now() < deadline) {
			if (this.server.exitCode !== null)
				throw new Error(
					`Verdaccio exited with ${this.server.exitCode}:\n${this.output.join('').slice(-3000)}`,
				);
			try {
				if ((await fetch(`${this.url}/-/ping`)).ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		throw new Error(`Verdaccio did not answer within 30 s:\n${this.output.join('').slice(-3000)}`);
	}
}

async function prepareVerdaccio(): Promise<string> {
	const folder = join(cacheRoot(), `verdaccio-${VERDACCIO_VERSION}`);
	const bin = join(folder, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
	if (existsSync(join(folder, '.ready'))) return bin;
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	writeFileSync(
		join(folder, 'package.json'),
		JSON.stringify({
			name: `verdaccio-runtime-${VERDACCIO_VERSION}`,
			private: true,
			dependencies: { verdaccio: VERDACCIO_VERSION },
			overrides: { 'verdaccio-audit': { 'node-fetch': '2.7.0' } },
		}),
	);
	const result = await run(
		'npm',
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
		folder,
	);
	if (result.code !== 0 || !existsSync(bin))
		throw new Error(
			`Installing Verdaccio ${VERDACCIO_VERSION} in ${folder} failed:\n${result.output}`,
		);
	writeFileSync(join(folder, '.ready'), `${new Date().toISOString()}\n`);
	return bin;
}

function verdaccioConfig(folder: string): string {
	return [
		`storage: ${JSON.stringify(join(folder, 'storage'))}`,
		'auth:',
		'  htpasswd:',
		`    file: ${JSON.stringify(join(folder, 'htpasswd'))}`,
		'    max_users: -1',
		'uplinks: {}',
		'packages:',
		"  '**':",
		'    access: $all',
		'    publish: $all',
		'    unpublish: $all',
		'web:',
		'  enable: false',
		'log: { type: stdout, format: pretty, level: warn }',
		'',
	].join('\n');
}

/**
 * The `npm` n8n finds first: every command it runs goes to the local registry (n8n passes
 * `--registry=https://registry.npmjs.org` to most); the proxy that keeps n8n off the internet,
 * and the test runner's npm settings, are not passed on. Each call is logged (see npmCalls).
 */
function npmWrapper(npm: string, registry: string, folder: string): string {
	const settings = {
		npm,
		registryArg: `--registry=${registry}`,
		cacheArg: `--cache=${join(folder, 'npm-cache')}`,
		log: join(folder, 'npm-calls.log'),
	};
	return `#!/usr/bin/env node
const { spawnSync } = require('node:child_process');
const { appendFileSync } = require('node:fs');
const { npm, registryArg, cacheArg, log } = ${JSON.stringify(settings)};
const args = process.argv.slice(2).map((arg) => (arg.startsWith('--registry=') ? registryArg : arg));
// n8n 1.x runs \`npm outdated\` with no registry: it would ask the public one, slowly.
if (!args.includes(registryArg)) args.push(registryArg);
const env = Object.fromEntries(
	Object.entries(process.env).filter(([name]) => !/^(npm_config_|https?_proxy$|no_proxy$)/i.test(name)),
);
const started = Date.now();
const result = spawnSync(npm, [...args, cacheArg], { stdio: 'inherit', env });
const call = { args, status: result.status, ms: Date.now() - started, cwd: process.cwd() };
appendFileSync(log, JSON.stringify(call) + '\\n');
process.exit(result.status ?? 1);
`;
}

/** The npm on this process's PATH, so the wrapper does not find itself. */
function realNpm(): string {
	for (const folder of (process.env.PATH ?? '').split(delimiter)) {
		const candidate = join(folder, 'npm');
		if (folder && existsSync(candidate) && !folder.includes('node_modules')) return candidate;
	}
	throw new Error('npm is not on PATH');
}

function run(
	command: string,
	args: string[],
	cwd: string,
): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd,
			env: withoutNpmSettings(process.env),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, output }));
	});
}
