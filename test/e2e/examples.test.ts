import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startEmulator, type Emulator } from '../../emulator';
import { cleanUp } from '../../tools/n8n/cleanup';
import type { ExecutionResult, N8nInstance } from '../../tools/n8n/instance';
import { tarballPackLine } from '../../tools/n8n/readme-install';
import { prepareN8n, SUPPORTED_N8N_VERSIONS } from '../../tools/n8n/runtime';
import {
	ATS_EXPORT_CSV,
	CREDENTIAL_ID,
	EXAMPLES,
	loadExample,
	packPackage,
	prepareInstance,
} from '../../tools/n8n/workspace';

const SECRET = 'e2e-S3CRET-9c1f0a7d4b2e';
const NODE_TYPE = 'n8n-nodes-feishu-hire.feishuHire';
let tarball: string;

// Built and packed by README.md's own line for it (npm install && npm run build && npm pack).
beforeAll(() => {
	tarball = packPackage(tarballPackLine());
}, 300_000);

// The tarball's folder and every n8n user folder.
afterAll(() => cleanUp());

function outputOf(result: ExecutionResult, node: string, output = 0) {
	const run = result.data.resultData.runData[node]?.[0];
	return (run?.data?.main[output] ?? []).map((item) => item.json);
}

type SyncExample = 'atsSync' | 'atsSyncFailures' | 'nightlySync' | 'removeTalents' | 'atsCsvSync';

/** The example's node that changes pool memberships. */
function addNodeOf(name: SyncExample) {
	const node = loadExample(name).nodes.find(
		(candidate) => candidate.type === NODE_TYPE && 'talentPoolId' in candidate.parameters,
	)!;
	return { name: node.name, poolId: (node.parameters.talentPoolId as { value: string }).value };
}

function exportedTalents(name: SyncExample): string[] {
	const exportNode = loadExample(name).nodes.find(
		(node) => (node as { type?: string }).type === 'n8n-nodes-base.set',
	)!;
	const { talents } = JSON.parse(exportNode.parameters.jsonOutput as string) as {
		talents: Array<{ talent_id: string }>;
	};
	return talents.map((talent) => talent.talent_id);
}

interface CsvRow {
	name: string;
	email: string;
}

/** The rows of examples/ats-export.csv, values as written (its generator quotes no cell). */
function atsExportRows(): CsvRow[] {
	const [header, ...lines] = readFileSync(ATS_EXPORT_CSV, 'utf8').trimEnd().split('\n');
	const columns = header.split(',');
	return lines.map((line) => {
		expect(line).not.toContain('"');
		const cells = line.split(',');
		const cell = (column: string) => cells[columns.indexOf(column)];
		return { name: cell('name'), email: cell('email') };
	});
}

describe.each(SUPPORTED_N8N_VERSIONS)('real n8n %s', (version) => {
	let emulator: Emulator;
	let n8n: N8nInstance;

	beforeAll(async () => {
		emulator = await startEmulator({ appSecret: SECRET });
		const runtime = await prepareN8n(version, () => undefined);
		// Installed by README.md's manual commands, typed in a shell whose npm runs on n8n's Node.
		n8n = await prepareInstance(runtime, { tarball }, emulator);
	});

	afterAll(async () => {
		await emulator?.close();
	});

	it(`README's manual install on n8n's Node (${version.startsWith('1.') ? 22 : 24}): the package in ~/.n8n/nodes, no n8n-workflow beside it`, () => {
		const nodeVersion = spawnSync(n8n.runtime.node, ['--version'], { encoding: 'utf8' }).stdout;
		expect(nodeVersion).toMatch(version.startsWith('1.') ? /^v22\./ : /^v24\./);
		const nodeModules = join(n8n.userFolder, '.n8n', 'nodes', 'node_modules');
		const installed = JSON.parse(
			readFileSync(join(nodeModules, 'n8n-nodes-feishu-hire', 'package.json'), 'utf8'),
		) as { version: string };
		expect(installed.version).toMatch(/^\d+\.\d+\.\d+$/);
		// --legacy-peer-deps keeps npm from installing the peer n8n-workflow and its native modules.
		expect(existsSync(join(nodeModules, 'n8n-workflow'))).toBe(false);
		expect(existsSync(join(nodeModules, 'isolated-vm'))).toBe(false);
	});

	it('loads the package as a community node and lists all 237 pools: 3 list requests, 1 token request', async () => {
		const result = await n8n.execute(EXAMPLES.listPools.id);
		expect(result.data.resultData.error).toBeUndefined();
		const pools = outputOf(result, 'List talent pools');
		expect(pools).toEqual(emulator.data.pools);
		expect(
			emulator
				.requests('listPools')
				.map((entry) => new URLSearchParams(entry.query).get('page_size')),
		).toEqual(['100', '100', '100']);
		expect(emulator.requests('token')).toHaveLength(1);
	});

	it('saves the token with the credential: three executions in a row cost one token request', async () => {
		const stored = await n8n.exportCredential(CREDENTIAL_ID);
		expect(stored.tenantAccessToken).toMatch(/^t-/);
		await n8n.execute(EXAMPLES.listPools.id);
		await n8n.execute(EXAMPLES.listPools.id);
		expect(emulator.requests('token')).toHaveLength(1);
		expect(emulator.requests('listPools')).toHaveLength(9);
	});

	it('ATS export sync: every exported talent ends up in the pool, one output item each', async () => {
		const talents = exportedTalents('atsSync');
		const { name, poolId } = addNodeOf('atsSync');
		const result = await n8n.execute(EXAMPLES.atsSync.id);
		expect(result.data.resultData.error).toBeUndefined();
		expect(outputOf(result, name)).toEqual(
			talents.map((talent) => ({ talent_pool_id: poolId, talent_id: talent })),
		);
		expect(emulator.members(poolId).sort()).toEqual([...talents].sort());
	});

	it('Continue On Fail: unknown talents go to the error branch with Feishu code 1002102, the others are added', async () => {
		const { name, poolId } = addNodeOf('atsSyncFailures');
		const before = new Set(emulator.members(poolId));
		const result = await n8n.execute(EXAMPLES.atsSyncFailures.id);
		expect(result.data.resultData.error).toBeUndefined();
		const talents = exportedTalents('atsSyncFailures');
		const unknown = talents.filter((talent) => !emulator.data.talentIds.includes(talent));
		expect(unknown).toHaveLength(2);
		expect(outputOf(result, name, 0)).toHaveLength(talents.length - 2);
		const [collected] = outputOf(result, 'Collect failed talents');
		const failed = collected.failed_talents as Array<{ talent_id: string; error: string }>;
		expect(failed.map((item) => item.talent_id)).toEqual(unknown);
		for (const item of failed) expect(item.error).toBe('Feishu error 1002102: talent not found');
		const added = emulator.members(poolId).filter((talent) => !before.has(talent));
		expect(added.sort()).toEqual(talents.filter((talent) => !unknown.includes(talent)).sort());
	});

	it('nightly ATS sync: 3000 talents added in 60 batched requests', async () => {
		const talents = exportedTalents('nightlySync');
		const { name, poolId } = addNodeOf('nightlySync');
		const before = emulator.requests('batchChange').length;
		const result = await n8n.execute(EXAMPLES.nightlySync.id);
		expect(result.data.resultData.error).toBeUndefined();
		const output = outputOf(result, name);
		expect(output).toHaveLength(3000);
		expect(output.map((item) => item.talent_id)).toEqual(talents);
		expect(new Set(emulator.members(poolId))).toEqual(new Set(talents));
		expect(emulator.requests('batchChange').length - before).toBe(60);
	});

	it('Remove Talent takes talents out of the pool, 50 per request', async () => {
		const talents = exportedTalents('removeTalents');
		const { name, poolId } = addNodeOf('removeTalents');
		const before = emulator.requests('batchChange').length;
		const result = await n8n.execute(EXAMPLES.removeTalents.id);
		expect(result.data.resultData.error).toBeUndefined();
		expect(outputOf(result, name)).toEqual(
			talents.map((talent) => ({ talent_pool_id: poolId, talent_id: talent, removed: true })),
		);
		const members = new Set(emulator.members(poolId));
		expect(talents.some((talent) => members.has(talent))).toBe(false);
		expect(members.size).toBe(2900);
		expect(emulator.requests('batchChange').length - before).toBe(2);
	});

	it('ATS export CSV: every usable row ends up in Hire once (new ones created) and in the pool, unusable rows set aside with the reason; a second run creates and adds nothing', async () => {
		const rows = atsExportRows().map((row, item) => ({ ...row, item }));
		const seeded = new Set(emulator.data.talents.map((talent) => talent.basic_info.email));
		const usable = rows.filter((row) => row.name.trim() && /^\S+@\S+\.\S+$/.test(row.email.trim()));
		const unusable = rows.filter((row) => !usable.includes(row));
		const emails = [...new Set(usable.map((row) => row.email.trim()))];
		const newEmails = emails.filter((email) => !seeded.has(email));
		// What the export must hold for this test to mean something.
		expect(rows.length).toBeGreaterThanOrEqual(500);
		expect(emails.length).toBeLessThan(usable.length);
		expect(rows.filter((row) => row.email !== row.email.trim()).length).toBeGreaterThan(0);
		expect(newEmails.length).toBeGreaterThan(0);
		expect(unusable.length).toBe(3);

		const { poolId } = addNodeOf('atsCsvSync');
		const upsert = 'Create or update talent by email';
		const membersBefore = new Set(emulator.members(poolId));
		const talentsBefore = emulator.talents().length;
		const lookupsBefore = emulator.requests('findTalents').length;
		const result = await n8n.execute(EXAMPLES.atsCsvSync.id);
		expect(result.data.resultData.error).toBeUndefined();

		expect(outputOf(result, 'One item per CSV row')).toHaveLength(rows.length);
		const synced = outputOf(result, upsert, 0);
		expect(synced.map((item) => item.email)).toEqual(usable.map((row) => row.email.trim()));
		const created = synced.filter((item) => item.created);
		expect(created.map((item) => item.email).sort()).toEqual([...newEmails].sort());
		expect(emulator.talents().length - talentsBefore).toBe(newEmails.length);
		expect(emulator.requests('createTalent')).toHaveLength(newEmails.length);
		const talentIds = new Set(synced.map((item) => item.talent_id as string));
		expect(talentIds.size).toBe(emails.length);
		const added = emulator.members(poolId).filter((talent) => !membersBefore.has(talent));
		expect(added.sort()).toEqual([...talentIds].filter((id) => !membersBefore.has(id)).sort());
		expect(emulator.requests('findTalents').length - lookupsBefore).toBe(
			Math.ceil(emails.length / 50),
		);

		const [collected] = outputOf(result, 'Rows not synced');
		expect(collected.rows_not_synced).toEqual(
			// n8n's CSV reader leaves an empty cell out of the item.
			unusable.map((row) => ({
				...(row.name ? { name: row.name } : {}),
				...(row.email ? { email: row.email } : {}),
				error: expect.stringMatching(
					new RegExp(`^(Email|Name) .*\\(item ${row.item}\\)$`),
				) as unknown as string,
			})),
		);

		// The same export again: everybody is found, nobody created, nothing new in the pool.
		const members = emulator.members(poolId).length;
		const again = await n8n.execute(EXAMPLES.atsCsvSync.id);
		expect(again.data.resultData.error).toBeUndefined();
		expect(outputOf(again, upsert, 0).filter((item) => item.created)).toEqual([]);
		expect(emulator.requests('createTalent')).toHaveLength(newEmails.length);
		expect(emulator.talents().length - talentsBefore).toBe(newEmails.length);
		expect(emulator.members(poolId)).toHaveLength(members);
		const output = JSON.stringify([result, again]);
		for (const secret of [SECRET, ...emulator.issuedTokens()]) expect(output).not.toContain(secret);
	});

	it('a token Feishu stops accepting is renewed once and saved; the next execution uses it without asking', async () => {
		const old = (await n8n.exportCredential(CREDENTIAL_ID)).tenantAccessToken;
		const tokensBefore = emulator.requests('token').length;
		emulator.expireTokens();
		await n8n.execute(EXAMPLES.listPools.id);
		expect(emulator.requests('token')).toHaveLength(tokensBefore + 1);
		const renewed = (await n8n.exportCredential(CREDENTIAL_ID)).tenantAccessToken;
		expect(renewed).toMatch(/^t-/);
		expect(renewed).not.toBe(old);
		const result = await n8n.execute(EXAMPLES.listPools.id);
		expect(outputOf(result, 'List talent pools')).toHaveLength(237);
		expect(emulator.requests('token')).toHaveLength(tokensBefore + 1);
	});

	it('the app secret and the tokens appear nowhere in what n8n printed', () => {
		const printed = n8n.output.join('\n');
		expect(printed).toContain('List talent pools');
		expect(emulator.issuedTokens().length).toBeGreaterThanOrEqual(2);
		for (const secret of [SECRET, ...emulator.issuedTokens()])
			expect(printed).not.toContain(secret);
	});
});
