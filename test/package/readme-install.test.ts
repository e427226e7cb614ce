// README.md's install routes are run by the end-to-end tests as written (the tarball route);
// these checks make sure the other routes are the same commands, so that one run covers them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	readmeInstallRoutes,
	tarballInstallLines,
	tarballPackLine,
} from '../../tools/n8n/readme-install';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string };
const routes = readmeInstallRoutes();

describe("README.md's install routes", () => {
	test('npm: creates ~/.n8n/nodes and installs the package without its peer n8n-workflow', () => {
		expect(routes.npm).toEqual([
			'mkdir -p ~/.n8n/nodes && cd ~/.n8n/nodes',
			`npm install ${pkg.name} --ignore-scripts --legacy-peer-deps`,
		]);
	});

	test('tarball: the same commands with the tarball in place of the package name', () => {
		const tarball = '/tmp/a folder/n8n-nodes-feishu-hire-0.1.0.tgz';
		expect(tarballInstallLines(tarball, routes)).toEqual(
			routes.npm.map((line) => line.replace(` ${pkg.name} `, ` '${tarball}' `)),
		);
	});

	test('tarball: builds dist/ before packing (.npmrc turns npm pack’s scripts off)', () => {
		const line = tarballPackLine(routes);
		expect(line.indexOf('npm run build')).toBeGreaterThanOrEqual(0);
		expect(line.indexOf('npm run build')).toBeLessThan(line.indexOf('npm pack'));
	});

	test("Docker: the same commands in the container, in the official image's /home/node", () => {
		const [exec, restart] = routes.docker;
		const inner = /^docker exec -it <container> sh -c '(.+)'$/.exec(exec)?.[1];
		expect(inner).toBe(routes.npm.join(' && ').replace(/~\//g, '/home/node/'));
		expect(restart).toBe('docker restart <container>');
	});

	test('a README without the routes is reported, not read as empty', () => {
		expect(() => readmeInstallRoutes('# n8n-nodes-feishu-hire\n')).toThrow(/Installation/);
	});
});
