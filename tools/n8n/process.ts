import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface CommandResult {
	code: number | null;
	stdout: string;
	stderr: string;
	/** The command's highest resident memory, sampled every 250 ms (its own process, not its children). */
	peakRssBytes: number;
}

/**
 * Runs a command to completion. Its stdout goes to a file in `scratch`: n8n exits as soon as
 * it has printed, and a large result written to a pipe can be cut short at exit; writes to a
 * file are complete. While it runs it is in `running`; what it printed is added to `printed`.
 */
export function runToCompletion(
	command: string,
	args: string[],
	options: {
		cwd: string;
		env: NodeJS.ProcessEnv;
		scratch: string;
		running: Set<ChildProcess>;
		printed?: string[];
	},
): Promise<CommandResult> {
	const { cwd, env, scratch, running, printed } = options;
	mkdirSync(scratch, { recursive: true });
	const stdoutFile = join(scratch, `.stdout-${randomBytes(6).toString('hex')}`);
	const stdoutFd = openSync(stdoutFile, 'w');
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', stdoutFd, 'pipe'] });
		running.add(child);
		let peakRssBytes = 0;
		const sampler = setInterval(() => {
			peakRssBytes = Math.max(peakRssBytes, residentBytes(child.pid));
		}, 250);
		let stderr = '';
		// Decoded as a stream: a multi-byte character may be split across chunks.
		child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		const collectStdout = () => {
			closeSync(stdoutFd);
			const stdout = readFileSync(stdoutFile, 'utf8');
			rmSync(stdoutFile, { force: true });
			return stdout;
		};
		child.on('error', (error) => {
			clearInterval(sampler);
			running.delete(child);
			collectStdout();
			reject(error);
		});
		child.on('close', (code) => {
			clearInterval(sampler);
			running.delete(child);
			const stdout = collectStdout();
			printed?.push(stdout, stderr);
			resolve({ code, stdout, stderr, peakRssBytes });
		});
	});
}

/** A process's resident memory from /proc, 0 when it is gone (or not on Linux). */
function residentBytes(pid: number | undefined): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
	} catch {
		return 0;
	}
}

/** Signals `child` (SIGTERM unless told) and resolves once it has exited; SIGKILL after `graceMs`. */
export function stopProcess(
	child: ChildProcess,
	graceMs: number,
	signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise<void>((resolve) => {
		const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
		child.once('close', () => {
			clearTimeout(kill);
			resolve();
		});
		child.kill(signal);
	});
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}
