import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startEmulator, type Emulator } from '../emulator';
import { cleanUp } from '../../scripts/n8n/cleanup';
import { N8nInstance } from '../../scripts/n8n/instance';
import { LocalRegistry } from '../../scripts/n8n/registry';
import { prepareN8n, SUPPORTED_N8N_VERSIONS } from '../../scripts/n8n/runtime';
import {
	emulatorCredential,
	EXAMPLES,
	loadExample,
	packPackage,
	REPO_ROOT,
} from '../../scripts/n8n/workspace';

/**
 * The install path of n8n's editor, for real: Settings → Community Nodes → Install calls
 * `POST /rest/community-packages`, and n8n's own installer pulls the package from an npm
 * registry. Here that registry is a local Verdaccio the packed tarball was published to.
 */
const PACKAGE = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
	name: string;
	version: string;
};
const NODE_TYPE = `${PACKAGE.name}.feishuHire`;
const OWNER = {
	email: 'owner@example.com',
	password: 'Community-nodes-1',
	firstName: 'Test',
	lastName: 'Owner',
};

let registry: LocalRegistry;

beforeAll(async () => {
	registry = await LocalRegistry.start();
	await registry.publish(packPackage());
});

// Verdaccio, every n8n, the tarball and every temporary folder.
afterAll(() => cleanUp());

/**
 * What is typed in the Install dialog. n8n 1.x checks that the version exists by asking the
 * public registry directly, then, when that fails (as it must here), `npm view <name>@latest`,
 * whose answer ("0.1.0") it compares with "latest": the bare name fails, `<name>@<version>`
 * works. n8n 2.x accepts the bare name.
 */
function nameToInstall(n8nVersion: string): string {
	return n8nVersion.startsWith('1.') ? `${PACKAGE.name}@${PACKAGE.version}` : PACKAGE.name;
}

interface InstalledPackage {
	packageName: string;
	installedVersion: string;
	installedNodes: Array<{ name: string; type: string }>;
}

describe.each(SUPPORTED_N8N_VERSIONS)(
	'real n8n %s, installing from Settings → Community Nodes',
	(version) => {
		let emulator: Emulator;
		let n8n: N8nInstance;
		let cookie: string;

		const rest = async (method: string, path: string, body?: object) => {
			const response = await fetch(`${n8n.url}/rest/${path}`, {
				method,
				headers: { cookie, 'Content-Type': 'application/json' },
				body: body && JSON.stringify(body),
			});
			const text = await response.text();
			if (!response.ok)
				throw new Error(
					`${method} /rest/${path}: HTTP ${response.status} ${text}\nnpm commands n8n ran:\n${registry.npmCalls()}`,
				);
			const parsed = JSON.parse(text) as { data?: unknown };
			return parsed.data ?? parsed;
		};

		beforeAll(async () => {
			emulator = await startEmulator();
			const runtime = await prepareN8n(version, () => undefined);
			n8n = new N8nInstance(runtime, await registry.n8nOptions());
			await n8n.importCredentials([emulatorCredential(emulator)]);
			await n8n.importWorkflow(loadExample('listPools'));
			await n8n.start();
			cookie = await n8n.createOwner(OWNER);
		});

		afterAll(async () => {
			await n8n?.stop();
			await emulator?.close();
		});

		it('Install: n8n installs the package from the registry and lists it with its version and node', async () => {
			const installed = (await rest('POST', 'community-packages', {
				name: nameToInstall(version),
			})) as InstalledPackage;
			expect(installed.packageName).toBe(PACKAGE.name);
			expect(installed.installedVersion).toBe(PACKAGE.version);

			const listed = (await rest('GET', 'community-packages')) as InstalledPackage[];
			expect(listed).toHaveLength(1);
			expect(listed[0]).toMatchObject({
				packageName: PACKAGE.name,
				installedVersion: PACKAGE.version,
			});
			expect(listed[0].installedNodes.map((node) => node.type)).toEqual([NODE_TYPE]);

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
