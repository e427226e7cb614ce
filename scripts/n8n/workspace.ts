import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { Emulator } from '../../test/emulator';
import { temporaryFolder } from './cleanup';
import { N8nInstance, type InstanceOptions } from './instance';
import type { N8nRuntime } from './runtime';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const CREDENTIAL_ID = 'feishuHireEmulat';

/** The example workflows in examples/, by file name, with the IDs they are imported under. */
export const EXAMPLES = {
	listPools: { file: 'list-talent-pools.json', id: 'FeishuListPools1' },
	atsSync: { file: 'ats-export-sync.json', id: 'FeishuAtsSync001' },
	atsSyncFailures: { file: 'ats-export-sync-collect-failures.json', id: 'FeishuAtsFailed1' },
	nightlySync: { file: 'nightly-ats-sync.json', id: 'FeishuNightly001' },
	removeTalents: { file: 'remove-talents.json', id: 'FeishuRemove0001' },
	atsCsvSync: { file: 'ats-export-csv-sync.json', id: 'FeishuAtsCsv0001' },
} as const;

/** The CSV the atsCsvSync example reads (as `.n8n-files/ats-export.csv`); `npx ts-node scripts/make-ats-export.ts` regenerates it. */
export const ATS_EXPORT_CSV = join(REPO_ROOT, 'examples', 'ats-export.csv');

export type ExampleName = keyof typeof EXAMPLES;

export function loadExample(name: ExampleName): {
	id: string;
	name: string;
	nodes: Array<{ name: string; parameters: Record<string, unknown> }>;
} {
	return JSON.parse(readFileSync(join(REPO_ROOT, 'examples', EXAMPLES[name].file), 'utf8'));
}

/** Builds the package and packs it as npm would publish it; returns the tarball's path (removed at clean-up). */
export function packPackage(): string {
	const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
	if (build.status !== 0)
		throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
	const destination = temporaryFolder('feishu-hire-pack-');
	const pack = spawnSync('npm', ['pack', '--pack-destination', destination, '--silent'], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
	});
	if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
	const tarball = readdirSync(destination).find((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no tarball');
	return join(destination, tarball);
}

/** The credential the examples use, pointing at the emulator. */
export function emulatorCredential(emulator: Emulator) {
	return {
		id: CREDENTIAL_ID,
		name: 'Feishu Hire (emulator)',
		type: 'feishuHireApi',
		data: {
			domain: 'custom',
			baseUrl: emulator.url,
			appId: emulator.appId,
			appSecret: emulator.appSecret,
			tenantAccessToken: '',
		},
	};
}

/** An n8n with the package installed as a community package, the credential, every example and the files they read. */
export async function prepareInstance(
	runtime: N8nRuntime,
	tarball: string,
	emulator: Emulator,
	options: InstanceOptions = {},
): Promise<N8nInstance> {
	const instance = new N8nInstance(runtime, options);
	instance.provideFile(ATS_EXPORT_CSV);
	await instance.installPackage(tarball);
	await instance.importCredentials([emulatorCredential(emulator)]);
	for (const name of Object.keys(EXAMPLES) as ExampleName[])
		await instance.importWorkflow(loadExample(name));
	return instance;
}
