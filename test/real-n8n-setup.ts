import type { Config } from '@jest/types';

import globalSetup from './global-setup';
import { missingPrerequisite, type RealN8nLayer } from './prerequisites';

/**
 * The layers that run a real n8n check what they need from the machine first, and stop
 * with one line saying what to install, before preparing anything.
 */
export default function realN8nSetup(
	_globalConfig: Config.GlobalConfig,
	projectConfig: Config.ProjectConfig,
): void {
	const layer = projectConfig.globals.layer as RealN8nLayer;
	const missing = missingPrerequisite(layer);
	if (missing) {
		process.stderr.write(`npm run test:${layer}: ${missing}\n`);
		process.exit(1);
	}
	globalSetup();
}
