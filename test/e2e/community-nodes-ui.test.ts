import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { startEmulator, type Emulator } from '../../emulator';
import { cleanUp } from '../../tools/n8n/cleanup';
import { N8nInstance } from '../../tools/n8n/instance';
import { LocalRegistry } from '../../tools/n8n/registry';
import { prepareN8n, SUPPORTED_N8N_VERSIONS } from '../../tools/n8n/runtime';
import {
	DEFAULT_OWNER,
	emulatorCredential,
	EXAMPLES,
	installFromCommunityNodes,
	loadExample,
	packPackage,
	PACKAGE,
	type InstalledPackage,
} from '../../tools/n8n/workspace';

/**
 * The install path of n8n's editor, for real: Settings → Community Nodes → Install calls
 * `POST /rest/community-packages`, and n8n's own installer pulls the package from an npm
 * registry. Here that registry is a local Verdaccio the packed tarball was published to.
 */
const NODE_TYPE = `${PACKAGE.name}.feishuHire`;

let registry: LocalRegistry;

beforeAll(async () => {
	registry = await LocalRegistry.start();
	await registry.publish(packPackage());
});

// Verdaccio, every n8n, the tarball and every temporary folder.
afterAll(() => cleanUp());

describe.each(SUPPORTED_N8N_VERSIONS)(
	'real n8n %s, installing from Settings → Community Nodes',
	(version) => {
		let emulator: Emulator;
		let n8n: N8nInstance;
		let cookie: string;

		beforeAll(async () => {
			emulator = await startEmulator();
			const runtime = await prepareN8n(version, () => undefined);
			n8n = new N8nInstance(runtime, await registry.n8nOptions());
			await n8n.importCredentials([emulatorCredential(emulator)]);
			await n8n.importWorkflows([loadExample('listPools')]);
			await n8n.start();
			cookie = await n8n.createOwner(DEFAULT_OWNER);
		});

		afterAll(async () => {
			await n8n?.stop();
			await emulator?.close();
		});

		it('Install: n8n installs the package from the registry and lists it with its version and node', async () => {
			const installed = await installFromCommunityNodes(n8n, cookie, registry);
			expect(installed.packageName).toBe(PACKAGE.name);
			expect(installed.installedVersion).toBe(PACKAGE.version);

			const listed = await n8n.rest<InstalledPackage[]>(cookie, 'GET', 'community-packages');
			expect(listed).toHaveLength(1);
			expect(listed[0]).toMatchObject({
				packageName: PACKAGE.name,
				installedVersion: PACKAGE.version,
			});
			// Every node package.json names, and nothing else.
			expect(listed[0].installedNodes.map((node) => node.type).sort()).toEqual([
				NODE_TYPE,
				`${NODE_TYPE}LongConnectionTrigger`,
				`${NODE_TYPE}TalentPollTrigger`,
				`${NODE_TYPE}Trigger`,
			]);

			// n8n drops peer dependencies before installing: n8n-workflow stays n8n's own.
			const nodeModules = join(n8n.userFolder, '.n8n', 'nodes', 'node_modules');
			expect(existsSync(join(nodeModules, PACKAGE.name, 'package.json'))).toBe(true);
			expect(existsSync(join(nodeModules, 'n8n-workflow'))).toBe(false);
			expect(existsSync(join(nodeModules, PACKAGE.name, 'node_modules', 'n8n-workflow'))).toBe(
				false,
			);
		});

		it('the editor knows the node type at once', async () => {
			const response = await fetch(`${n8n.url}/types/nodes.json`, { headers: { cookie } });
			expect(response.ok).toBe(true);
			const types = (await response.json()) as Array<{ name: string }>;
			expect(types.map((type) => type.name)).toContain(NODE_TYPE);
		});

		it('after a restart the installed node runs a workflow against the emulator', async () => {
			await n8n.stop();
			const result = await n8n.execute(EXAMPLES.listPools.id);
			expect(result.data.resultData.error).toBeUndefined();
			const run = result.data.resultData.runData['List talent pools']?.[0];
			expect(run?.data?.main[0]?.map((item) => item.json)).toEqual(emulator.data.pools);
		});
	},
);
