import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What a run must undo however it ends: the temporary folders it made, and the tasks that
 * have to run before they go (stopping an n8n that works in one). Scripts call `cleanUp`
 * before they exit and `cleanUpOnSignals` for Ctrl-C; test files call `cleanUp` in afterAll.
 */
type Task = () => void | Promise<void>;

const folders = new Set<string>();
const tasks = new Set<Task>();
let exitHookInstalled = false;

/** A new folder in the system temp folder, removed by the next clean-up. */
export function temporaryFolder(prefix: string): string {
	return removeLater(mkdtempSync(join(tmpdir(), prefix)));
}

export function removeLater(folder: string): string {
	folders.add(folder);
	if (!exitHookInstalled) {
		// An exit handler can only do synchronous work: the folders still go on process.exit(),
		// the tasks cannot.
		process.once('exit', removeFolders);
		exitHookInstalled = true;
	}
	return folder;
}

/** A task for the next clean-up, run before the folders are removed; returns its cancellation. */
export function beforeRemoving(task: Task): () => void {
	tasks.add(task);
	return () => tasks.delete(task);
}

/** Runs the tasks, newest first, then removes the folders. A task that fails does not stop the others. */
export async function cleanUp(): Promise<void> {
	for (const task of [...tasks].reverse()) {
		tasks.delete(task);
		try {
			await task();
		} catch {
			// the folders are what must not be left behind
		}
	}
	removeFolders();
}

function removeFolders(): void {
	for (const folder of folders) {
		try {
			rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
			folders.delete(folder);
		} catch {
			// still in use (a second Ctrl-C while n8n stops): nothing more can be done on the way out
		}
	}
}

/** How often a script checks whether the process that started it is still there. */
const PARENT_CHECK_MS = 500;

/**
 * For scripts: SIGINT (Ctrl-C), SIGTERM and SIGHUP run the clean-up, then exit with the code
 * `exitCode` gives. A second signal while that runs exits at once, removing what it can.
 * `kill <pid>` of `npm run …` ends npm but is not passed on by the shell npm runs the script
 * in: the script then finds itself orphaned (its parent gone) and stops as if it had been
 * sent SIGTERM.
 */
export function cleanUpOnSignals(
	exitCode: (signal: NodeJS.Signals) => number = signalExitCode,
): void {
	let stopping = false;
	const stop = (signal: NodeJS.Signals) => {
		if (stopping) process.exit(signalExitCode(signal));
		stopping = true;
		void cleanUp().finally(() => process.exit(exitCode(signal)));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	process.on('SIGHUP', stop);
	const parent = process.ppid;
	setInterval(() => {
		if (process.ppid !== parent) stop('SIGTERM');
	}, PARENT_CHECK_MS).unref();
}

/** What a shell reports for a process a signal ended: 128 + the signal's number. */
function signalExitCode(signal: NodeJS.Signals): number {
	return 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15);
}
