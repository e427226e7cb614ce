import { spawnSync } from 'node:child_process';

import { QUEUE_PREREQUISITES } from '../tools/n8n/queue';
import { isPrepared, SUPPORTED_N8N_VERSIONS } from '../tools/n8n/runtime';
import { chromiumMissing } from './ui/browser';

/** A layer of tests that runs a real n8n, and what it needs from the machine. */
export type RealN8nLayer = 'e2e' | 'ui' | 'queue';

// The environment passed on: in jest, process.env is the test's copy, not the process's own.
const has = (command: string) =>
	spawnSync(command, ['--version'], { env: process.env }).status === 0;

/**
 * What the layer lacks on this machine, in one line saying what to install, or undefined.
 * Checked before anything is prepared: preparing n8n takes minutes.
 */
export function missingPrerequisite(layer: RealN8nLayer): string | undefined {
	if (layer === 'ui') return chromiumMissing();
	if (layer === 'queue') return has('redis-server') ? undefined : QUEUE_PREREQUISITES;
	// Preparing n8n builds its sqlite3 from source (no prebuilt binary can be downloaded here).
	const unprepared = SUPPORTED_N8N_VERSIONS.filter((version) => !isPrepared(version));
	const tools = ['python3', 'make', 'g++'].filter((tool) => !has(tool));
	if (unprepared.length > 0 && tools.length > 0)
		return `preparing n8n ${unprepared.join(' and ')} builds its sqlite3 and needs ${tools.join(', ')}: run "apt-get install -y python3 make g++"`;
	return undefined;
}
