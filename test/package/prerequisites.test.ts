import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { QUEUE_PREREQUISITES } from '../../tools/n8n/queue';
import { missingPrerequisite } from '../prerequisites';

/** The real-n8n layers say in one line what the machine lacks, before preparing anything. */
const saved = { ...process.env };
afterEach(() => {
	process.env = { ...saved };
});

/** A PATH on which no command is found. */
const emptyPath = () => mkdtempSync(join(tmpdir(), 'no-tools-'));

it('queue mode without redis-server: the apt-get line', () => {
	process.env.PATH = emptyPath();
	expect(missingPrerequisite('queue')).toBe(QUEUE_PREREQUISITES);
	expect(QUEUE_PREREQUISITES).toContain('apt-get install -y redis-server');
});

it('the browser tests without Chromium: the apt-get line', () => {
	process.env.CHROMIUM_PATH = join(emptyPath(), 'chromium');
	expect(missingPrerequisite('ui')).toMatch(/apt-get install -y chromium fonts-wqy-zenhei/);
});

it('the end-to-end tests on a machine where n8n is not prepared and no compiler is found: the apt-get line', () => {
	process.env.FEISHU_HIRE_CACHE = emptyPath();
	process.env.PATH = emptyPath();
	expect(missingPrerequisite('e2e')).toBe(
		'preparing n8n 2.41.1 and 1.123.81 builds its sqlite3 and needs python3, make, g++: run "apt-get install -y python3 make g++"',
	);
});

it('nothing is missing on this machine (CI installs it all)', () => {
	for (const layer of ['e2e', 'ui', 'queue'] as const)
		expect(missingPrerequisite(layer)).toBeUndefined();
});
