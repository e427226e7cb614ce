// npm run scan: the lint legs of n8n's community-package scanner (@n8n/scan-community-package,
// which gates verified nodes), run on this checkout instead of a package fetched from npm.
// Leg 1 lints the sources as the scanner lints the attested source repository; leg 2 packs
// the built package as npm would publish it and lints the tarball's compiled JavaScript and
// package.json. Same rule set, same file patterns, inline `eslint-disable` comments ignored.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

function run(command, args, cwd) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (result.status !== 0)
		throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
	return result.stdout;
}

function packBuiltPackage() {
	if (!existsSync(join(root, 'dist')))
		throw new Error('dist/ is missing: run `npm run build` first');
	const work = mkdtempSync(join(tmpdir(), 'feishu-hire-scan-'));
	run('npm', ['pack', '--silent', '--pack-destination', work], root);
	const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
	const unpacked = join(work, 'package');
	mkdirSync(unpacked);
	run('tar', ['-xzf', join(work, tarball), '-C', unpacked, '--strip-components=1'], work);
	return { work, unpacked };
}

function countFiles(dir, test) {
	let count = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (entry.name === 'node_modules') continue;
		if (entry.isDirectory()) count += countFiles(join(dir, entry.name), test);
		else if (test(entry.name)) count += 1;
	}
	return count;
}

const { work, unpacked } = packBuiltPackage();
try {
	const legs = [
		{
			name: 'sources (nodes/, credentials/, package.json)',
			result: await analyzePackage(root, SOURCE_FILE_PATTERNS),
		},
		{
			name: `packed tarball (${countFiles(unpacked, (file) => file.endsWith('.js'))} compiled .js files and package.json)`,
			result: await analyzePackage(unpacked, TARBALL_FILE_PATTERNS),
		},
	];
	for (const { name, result } of legs) {
		console.log(
			`${result.passed ? 'passed' : 'FAILED'}: ${name}${result.message ? `: ${result.message}` : ''}`,
		);
		if (result.details) console.log(result.details);
	}
	process.exitCode = legs.every((leg) => leg.result.passed) ? 0 : 1;
} finally {
	rmSync(work, { recursive: true, force: true });
}
