import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

import { REPO_ROOT } from '../../tools/n8n/workspace';

/**
 * `kill <pid>` of `npm run demo`, as a script or a process manager stops it: npm ends, and the
 * shell it ran the demo in does not pass the signal on. The demo must still stop its n8n and
 * its local registry and remove its temporary folders, as Ctrl-C does.
 */
const TEMPORARY = /^(feishu-hire-|n8n-\d)/;

/** Every process below `root`, from /proc. */
function descendants(root: number): Array<{ pid: number; command: string }> {
	const children = new Map<number, number[]>();
	const commands = new Map<number, string>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
			commands.set(
				Number(entry),
				readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim(),
			);
		} catch {
			// gone meanwhile
		}
	}
	const found: Array<{ pid: number; command: string }> = [];
	const visit = (pid: number) => {
		for (const child of children.get(pid) ?? []) {
			found.push({ pid: child, command: commands.get(child) ?? '' });
			visit(child);
		}
	};
	visit(root);
	return found;
}

const alive = (pid: number) => {
	try {
		readFileSync(`/proc/${pid}/stat`);
		return true;
	} catch {
		return false;
	}
};

const until = async (done: () => boolean, timeoutMs: number) => {
	for (const deadline = Date.now() + timeoutMs; !done() && Date.now() < deadline;)
		await new Promise((resolve) => setTimeout(resolve, 250));
};

it('kill <pid> of npm run demo stops its n8n and registry and removes its temporary folders', async () => {
	const before = new Set(readdirSync(tmpdir()).filter((name) => TEMPORARY.test(name)));
	const npm = spawn('npm', ['run', 'demo'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
	let printed = '';
	npm.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
	npm.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
	// Once n8n and the registry run: the demo installs the package through them.
	await until(
		() =>
			descendants(npm.pid!).some(({ command }) => /n8n start/.test(command)) &&
			descendants(npm.pid!).some(({ command }) => /verdaccio/.test(command)),
		240_000,
	);
	const processes = descendants(npm.pid!);
	const commands = processes.map(({ command }) => command).join('\n');
	expect(commands).toMatch(/n8n start/);
	expect(commands).toMatch(/verdaccio/);

	process.kill(npm.pid!, 'SIGTERM');
	await until(() => processes.every(({ pid }) => !alive(pid)), 60_000);
	expect(processes.filter(({ pid }) => alive(pid)).map(({ command }) => command)).toEqual([]);
	expect(printed).toContain('demo: stopped by SIGTERM; temporary folders removed');
	const left = readdirSync(tmpdir()).filter((name) => TEMPORARY.test(name) && !before.has(name));
	expect(left).toEqual([]);
}, 360_000);
