import { cleanUpOnSignals } from './cleanup';
import {
	DEFAULT_N8N_VERSION,
	LEGACY_N8N_VERSION,
	prepareN8n,
	SUPPORTED_N8N_VERSIONS,
} from './runtime';

/** npm run n8n:prepare [-- --n8n 1.123.81 | --all] */
async function main() {
	cleanUpOnSignals();
	const args = process.argv.slice(2);
	const at = args.indexOf('--n8n');
	const versions = args.includes('--all')
		? SUPPORTED_N8N_VERSIONS
		: [at >= 0 ? args[at + 1] : DEFAULT_N8N_VERSION];
	for (const version of versions) {
		const started = Date.now();
		const runtime = await prepareN8n(version);
		console.log(
			`n8n ${runtime.version}: ${runtime.n8nBin} (Node: ${runtime.node}), ${Math.round((Date.now() - started) / 1000)} s`,
		);
	}
	if (!args.includes('--all') && at < 0)
		console.log(`(also available: --n8n ${LEGACY_N8N_VERSION}, or --all)`);
}

main().catch((error: Error) => {
	console.error(`n8n:prepare failed: ${error.message}`);
	process.exit(1);
});
