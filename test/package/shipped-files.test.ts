// What ships stays free of test and dev tooling: the sources tsconfig.build.json compiles
// import nothing from test/ or scripts/ (tsc would otherwise emit those into dist/), and the
// built dist/ (built first when missing) holds only compiled node and credential code and its assets.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

import { testOnlyReason } from '../../scripts/package-contents';

const root = resolve(__dirname, '..', '..');
const dist = join(root, 'dist');
const SHIPPED_SOURCE_FOLDERS = ['nodes', 'credentials'];
const DIST_FOLDERS = ['nodes', 'credentials', 'icons'];

interface PackageJson {
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	n8n: { nodes: string[]; credentials: string[] };
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
/** What an installed package can import at run time: its dependencies, its peers (n8n-workflow) and Node's own modules. */
const runtimePackages = new Set([
	...Object.keys(pkg.dependencies ?? {}),
	...Object.keys(pkg.peerDependencies ?? {}),
]);

function isInside(folders: string[], base: string, path: string): boolean {
	return folders.some((folder) => path.startsWith(join(base, folder) + sep));
}

function packageName(specifier: string): string {
	const parts = specifier.split('/');
	return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function bareImportProblem(file: string, specifier: string): string | undefined {
	if (isBuiltin(specifier) || runtimePackages.has(packageName(specifier))) return undefined;
	return `${file} imports '${specifier}', which an installed package does not have (not a dependency or peer dependency)`;
}

function buildConfig(): ts.ParsedCommandLine {
	const configPath = join(root, 'tsconfig.build.json');
	const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
	if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
	return ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configPath);
}

/** Imports, requires, dynamic imports and triple-slash references of a shipped source that reach outside nodes/ and credentials/. */
function sourceImportProblems(file: string, text: string, options: ts.CompilerOptions): string[] {
	const name = relative(root, file);
	const { importedFiles, referencedFiles } = ts.preProcessFile(text, true, true);
	const problems: string[] = [];
	const outside = (specifier: string, target: string) => {
		if (!isInside(SHIPPED_SOURCE_FOLDERS, root, resolve(target))) {
			problems.push(
				`${name} imports '${specifier}' (${relative(root, target)}), outside ${SHIPPED_SOURCE_FOLDERS.join('/ and ')}/`,
			);
		}
	};
	for (const { fileName: specifier } of importedFiles) {
		if (!specifier.startsWith('.') && !specifier.startsWith('/')) {
			const problem = bareImportProblem(name, specifier);
			if (problem) problems.push(problem);
			continue;
		}
		const resolved = ts.resolveModuleName(specifier, file, options, ts.sys).resolvedModule;
		outside(specifier, resolved?.resolvedFileName ?? resolve(dirname(file), specifier));
	}
	// `/// <reference path="…" />` names a file relative to this one, with or without "./"
	for (const { fileName } of referencedFiles) outside(fileName, resolve(dirname(file), fileName));
	return problems;
}

function filesUnder(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		return entry.isDirectory() ? filesUnder(path) : [path];
	});
}

describe('shipped sources (tsconfig.build.json)', () => {
	const config = buildConfig();

	test('compile only node and credential code', () => {
		expect(config.fileNames.length).toBeGreaterThan(0);
		const outside = config.fileNames
			.map((file) => relative(root, file))
			.filter((file) => !isInside(SHIPPED_SOURCE_FOLDERS, '', file) || testOnlyReason(file));
		expect(outside).toEqual([]);
	});

	test('import nothing from test/, scripts/ or other folders, and no package an install lacks', () => {
		const problems = config.fileNames.flatMap((file) =>
			sourceImportProblems(file, readFileSync(file, 'utf8'), config.options),
		);
		expect(problems).toEqual([]);
	});

	test('the import check catches a node file importing test or dev code', () => {
		const file = join(root, 'nodes', 'shared', 'transport', 'example.ts');
		const text = [
			'/// <reference path="../../../test/globals.d.ts" />',
			"import { startEmulator } from '../../../emulator';",
			"import type { Fixture } from '../../../test/helpers/fixture';",
			"const bench = require('../../../scripts/bench');",
			"import axios from 'axios';",
			"import { sleep } from 'n8n-workflow';",
			"import { createHash } from 'node:crypto';",
			"import { ENDPOINTS } from './endpoints';",
		].join('\n');
		const problems = sourceImportProblems(file, text, config.options);
		expect(problems).toHaveLength(5);
		expect(problems.join('\n')).toMatch(
			/emulator.*test\/helpers\/fixture.*scripts\/bench.*'axios'.*test\/globals\.d\.ts/s,
		);
	});
});

describe('package.json', () => {
	test('declares no entry point besides the files n8n loads', () => {
		// Without main or exports the package has no public JavaScript API: nothing but the files n8n loads.
		const entryPoints = ['main', 'module', 'exports', 'bin', 'types', 'typings', 'browser'].filter(
			(field) => field in pkg,
		);
		expect(entryPoints).toEqual([]);
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(file).toMatch(/^dist\/(nodes|credentials)\/.+\.js$/);
		}
	});
});

describe('built dist/', () => {
	let files: string[] = [];

	beforeAll(() => {
		if (!existsSync(dist)) {
			const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
			if (build.status !== 0)
				throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
		}
		files = filesUnder(dist);
	}, 120_000);

	test('ships no switch that changes the rate limits: the limiter module exports the limiter alone', async () => {
		// Tests scale the limits by changing the endpoint table from their side (test/helpers/limits.ts).
		const limiter = (await import(
			join(dist, 'nodes', 'shared', 'transport', 'rate-limiter.js')
		)) as object;
		expect(
			Object.keys(limiter)
				.filter((name) => name !== 'default')
				.sort(),
		).toEqual(['SlidingWindowLimiter', 'limiterFor']);
	});

	test('holds only compiled nodes and credentials and their icons, nothing test-only', () => {
		const problems = files.flatMap((file) => {
			const name = relative(root, file);
			const reason = testOnlyReason(relative(dist, file));
			if (reason) return [`${name}: ${reason}`];
			if (!isInside(DIST_FOLDERS, dist, file)) {
				return [`${name} is outside dist/${DIST_FOLDERS.join('/, dist/')}/`];
			}
			return [];
		});
		expect(problems).toEqual([]);
	});

	test('compiled code requires nothing outside dist/nodes and dist/credentials', () => {
		const problems = files
			.filter((file) => file.endsWith('.js'))
			.flatMap((file) => {
				const name = relative(root, file);
				const text = readFileSync(file, 'utf8');
				return [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].flatMap(
					([, specifier]) => {
						if (!specifier.startsWith('.')) {
							const problem = bareImportProblem(name, specifier);
							return problem ? [problem] : [];
						}
						const target = resolve(dirname(file), specifier);
						return isInside(SHIPPED_SOURCE_FOLDERS, dist, target)
							? []
							: [`${name} requires '${specifier}' (${relative(root, target)})`];
					},
				);
			});
		expect(problems).toEqual([]);
	});

	test('source maps point only at node and credential sources', () => {
		const problems = files
			.filter((file) => file.endsWith('.map'))
			.flatMap((file) => {
				const map = JSON.parse(readFileSync(file, 'utf8')) as {
					sourceRoot?: string;
					sources: string[];
				};
				return map.sources
					.map((source) => resolve(dirname(file), map.sourceRoot ?? '', source))
					.filter((source) => !isInside(SHIPPED_SOURCE_FOLDERS, root, source))
					.map((source) => `${relative(root, file)} maps ${relative(root, source)}`);
			});
		expect(problems).toEqual([]);
	});
});
