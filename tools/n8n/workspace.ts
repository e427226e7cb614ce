import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { Emulator } from '../../emulator';
import { temporaryFolder } from './cleanup';
import { N8nInstance, type InstanceOptions, type Owner } from './instance';
import type { LocalRegistry } from './registry';
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
	silverMedalists: { file: 'rejected-to-silver-medalists.json', id: 'FeishuSilver0001' },
	offerStage: { file: 'offer-stage-note-and-tag.json', id: 'FeishuOfferNote1' },
	referral: { file: 'referral-to-application.json', id: 'FeishuReferral01' },
	longConnection: {
		file: 'rejected-to-silver-medalists-long-connection.json',
		id: 'FeishuLongConn01',
	},
} as const;

/** The CSV the atsCsvSync example reads (as `.n8n-files/ats-export.csv`); `npx ts-node scripts/make-ats-export.ts` regenerates it. */
export const ATS_EXPORT_CSV = join(REPO_ROOT, 'examples', 'ats-export.csv');

export type ExampleName = keyof typeof EXAMPLES;

export function loadExample(name: ExampleName): {
	id: string;
	name: string;
	nodes: Array<{
		name: string;
		type: string;
		webhookId?: string;
		parameters: Record<string, unknown>;
	}>;
} {
	return JSON.parse(readFileSync(join(REPO_ROOT, 'examples', EXAMPLES[name].file), 'utf8'));
}

/** The production webhook path (`<webhookId>/webhook`) of an example's Feishu Hire Trigger. */
export function triggerPath(name: ExampleName): string {
	const trigger = loadExample(name).nodes.find((node) => node.type.endsWith('.feishuHireTrigger'))!;
	return `${trigger.webhookId}/webhook`;
}

/** The trigger example's production webhook path (`<webhookId>/webhook`) and the pool its Add Talent fills. */
export function silverMedalistsExample(): { path: string; poolId: string } {
	const add = loadExample('silverMedalists').nodes.find((node) =>
		node.type.endsWith('.feishuHire'),
	)!;
	return {
		path: triggerPath('silverMedalists'),
		poolId: (add.parameters.talentPoolId as { value: string }).value,
	};
}

export const PACKAGE = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
	name: string;
	version: string;
};
/** What `npm pack` names the tarball. */
export const TARBALL_NAME = `${PACKAGE.name}-${PACKAGE.version}.tgz`;

/**
 * Builds the package and packs it as npm would publish it; returns the tarball's path, in a
 * temporary folder removed at clean-up. `command` is what is typed in the repository: the
 * build and `npm pack` unless given (the README's tarball route gives its own line).
 */
export function packPackage(command = 'npm run build && npm pack --silent'): string {
	const packed = spawnSync('bash', ['-euo', 'pipefail', '-c', command], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
	});
	if (packed.status !== 0)
		throw new Error(`${command} failed:\n${packed.stdout}\n${packed.stderr}`);
	const tarball = join(REPO_ROOT, TARBALL_NAME);
	if (!existsSync(tarball)) throw new Error(`${command} wrote no ${TARBALL_NAME}`);
	const destination = join(temporaryFolder('feishu-hire-pack-'), TARBALL_NAME);
	renameSync(tarball, destination);
	return destination;
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
			encryptKey: emulator.encryptKey,
			verificationToken: emulator.verificationToken,
			tenantAccessToken: '',
		},
	};
}

/** How the package gets into n8n: README.md's manual commands with a tarball, or n8n's own installer from a registry. */
export type PackageSource = { tarball: string } | { registry: LocalRegistry };

/**
 * An n8n with the package installed as a community package, the credential, every example
 * and the files they read. From a registry, n8n is started to install it as Settings →
 * Community Nodes → Install does, then stopped again; the owner account is `owner`.
 */
export async function prepareInstance(
	runtime: N8nRuntime,
	source: PackageSource,
	emulator: Emulator,
	{ owner = DEFAULT_OWNER, ...options }: InstanceOptions & { owner?: Owner } = {},
): Promise<N8nInstance> {
	const fromRegistry = 'registry' in source ? await source.registry.n8nOptions() : undefined;
	const instance = new N8nInstance(runtime, {
		...options,
		pathFirst: [...(fromRegistry?.pathFirst ?? []), ...(options.pathFirst ?? [])],
		env: { ...fromRegistry?.env, ...options.env },
	});
	instance.provideFile(ATS_EXPORT_CSV);
	if ('tarball' in source) await instance.installPackage(source.tarball);
	await instance.importCredentials([emulatorCredential(emulator)]);
	await instance.importWorkflows((Object.keys(EXAMPLES) as ExampleName[]).map(loadExample));
	if ('registry' in source) {
		await instance.start();
		try {
			await installFromCommunityNodes(instance, await instance.createOwner(owner), source.registry);
		} finally {
			await instance.stop();
		}
	}
	return instance;
}

export const DEFAULT_OWNER: Owner = {
	email: 'owner@example.com',
	password: 'Community-nodes-1',
	firstName: 'Test',
	lastName: 'Owner',
};

/** A package as n8n's Community Nodes settings list it. */
export interface InstalledPackage {
	packageName: string;
	installedVersion: string;
	installedNodes: Array<{ name: string; type: string }>;
}

/**
 * What is typed in the Install dialog. n8n 1.x checks that the version exists by asking the
 * public registry directly, then, when that fails (as it must here), `npm view <name>@latest`,
 * whose answer ("0.1.0") it compares with "latest": the bare name fails, `<name>@<version>`
 * works. n8n 2.x accepts the bare name.
 */
export function nameToInstall(n8nVersion: string): string {
	return n8nVersion.startsWith('1.') ? `${PACKAGE.name}@${PACKAGE.version}` : PACKAGE.name;
}

/** Settings → Community Nodes → Install, as the editor calls it, on a started n8n set up by `registry.n8nOptions()`. */
export async function installFromCommunityNodes(
	n8n: N8nInstance,
	cookie: string,
	registry: LocalRegistry,
): Promise<InstalledPackage> {
	try {
		return await n8n.rest<InstalledPackage>(cookie, 'POST', 'community-packages', {
			name: nameToInstall(n8n.runtime.version),
		});
	} catch (error) {
		throw new Error(`${(error as Error).message}\nnpm commands n8n ran:\n${registry.npmCalls()}`);
	}
}

export interface SyncWorkflowOptions {
	id: string;
	/** Started by hand (`n8n execute`) or by a production webhook at `/webhook/<id>`. */
	trigger: 'manual' | 'webhook';
	poolId: string;
	talents: string[];
	/** Remove From Other Pools: one request per talent. Otherwise batches of 50 unless `batching` is false. */
	move?: boolean;
	batching?: boolean;
}

/** A trigger, a Set node holding the export, Split Out, then Add Talent: the nightly sync's shape, generated. */
export function syncWorkflow({
	id,
	trigger,
	poolId,
	talents,
	move = false,
	batching = !move,
}: SyncWorkflowOptions) {
	const start =
		trigger === 'webhook'
			? {
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhookId: `${id}-hook`,
					parameters: { httpMethod: 'POST', path: id, responseMode: 'onReceived', options: {} },
				}
			: { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
	return {
		id,
		name: id,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: `${id}-1`, name: 'Start', position: [0, 0], ...start },
			{
				id: `${id}-2`,
				name: 'Export',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: {
					mode: 'raw',
					jsonOutput: JSON.stringify({ talents: talents.map((talent_id) => ({ talent_id })) }),
					options: {},
				},
			},
			{
				id: `${id}-3`,
				name: 'Split',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [400, 0],
				parameters: { fieldToSplitOut: 'talents', options: {} },
			},
			{
				id: `${id}-4`,
				name: 'Add',
				type: `${PACKAGE.name}.feishuHire`,
				typeVersion: 1,
				position: [600, 0],
				credentials: { feishuHireApi: { id: CREDENTIAL_ID, name: 'Feishu Hire (emulator)' } },
				parameters: {
					resource: 'talentPool',
					operation: 'addTalent',
					talentPoolId: { __rl: true, mode: 'id', value: poolId },
					talentId: '={{ $json.talent_id }}',
					removeFromOtherPools: move,
					options: { batching },
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Export', type: 'main', index: 0 }]] },
			Export: { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
			Split: { main: [[{ node: 'Add', type: 'main', index: 0 }]] },
		},
	};
}
