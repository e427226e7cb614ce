import { createServer } from 'node:net';

import {
	DEFAULT_N8N_VERSION,
	LEGACY_N8N_VERSION,
	SUPPORTED_N8N_VERSIONS,
} from '../tools/n8n/runtime';

/** How the demo is called: its options, and the port its editor needs. */
export const DEFAULT_EDITOR_PORT = 5678;
const OPTIONS = `--editor, --port N (the editor's port, default ${DEFAULT_EDITOR_PORT}), --n8n ${SUPPORTED_N8N_VERSIONS.join('|')} (default ${DEFAULT_N8N_VERSION}), --help`;
const say = (line: string) => console.log(line);

export interface DemoOptions {
	version: string;
	editor: boolean;
	port: number;
}

/** A problem with how the demo was called, or with the port: its line says it all. */
export class UsageError extends Error {}

export function parseArguments(args: string[]): DemoOptions {
	const options: DemoOptions = {
		version: DEFAULT_N8N_VERSION,
		editor: false,
		port: DEFAULT_EDITOR_PORT,
	};
	let portGiven = false;
	for (let at = 0; at < args.length; at++) {
		// --port 5679 or --port=5679
		const equals = args[at].startsWith('--') ? args[at].indexOf('=') : -1;
		const flag = equals > 0 ? args[at].slice(0, equals) : args[at];
		const inline = equals > 0 ? args[at].slice(equals + 1) : undefined;
		const value = () => {
			const given = inline ?? args[++at];
			if (given === undefined || given.startsWith('--'))
				throw new UsageError(`demo: ${flag} needs a value; valid options: ${OPTIONS}`);
			return given;
		};
		if (flag === '--editor' && inline === undefined) {
			options.editor = true;
		} else if (flag === '--n8n') {
			options.version = value();
			if (!SUPPORTED_N8N_VERSIONS.includes(options.version)) {
				throw new UsageError(
					`demo: n8n ${options.version} is not one the demo prepares; pass --n8n ${DEFAULT_N8N_VERSION} (the default) or --n8n ${LEGACY_N8N_VERSION}`,
				);
			}
		} else if (flag === '--port') {
			const given = value();
			options.port = Number(given);
			if (!/^\d+$/.test(given) || options.port < 1 || options.port > 65535)
				throw new UsageError(`demo: --port takes a port number from 1 to 65535, not "${given}"`);
			portGiven = true;
		} else if (flag === '--help' || flag === '-h') {
			say('npm run demo [-- [--editor] [--port N] [--n8n VERSION]]');
			say('  Runs the example workflows in a real n8n against the Feishu emulator.');
			say("  --editor      then keeps n8n's editor running, until Ctrl-C");
			say(`  --port N      the editor's port (default ${DEFAULT_EDITOR_PORT})`);
			say(`  --n8n VERSION ${DEFAULT_N8N_VERSION} (default) or ${LEGACY_N8N_VERSION}`);
			process.exit(0);
		} else {
			throw new UsageError(`demo: unknown option "${args[at]}"; valid options: ${OPTIONS}`);
		}
	}
	if (portGiven && !options.editor)
		throw new UsageError(
			"demo: --port is the editor's port; add --editor (the headless run needs no fixed port)",
		);
	return options;
}

export async function checkPortIsFree(port: number): Promise<void> {
	const problem = await portInUse(port);
	if (problem === 'EACCES')
		throw new UsageError(`demo: port ${port} needs root; pass --port N with N above 1023`);
	if (problem) throw new UsageError(portInUseLine(port));
}

export function portInUseLine(port: number): string {
	return `demo: port ${port} is in use; stop what uses it or pass --port N`;
}

/** Why n8n could not listen on the port (it listens on 127.0.0.1), or undefined if it could. */
export function portInUse(port: number): Promise<string | undefined> {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(undefined)));
	});
}
