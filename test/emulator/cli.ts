import { parseArgs } from 'node:util';

import { startEmulator } from './server';

const USAGE = `Feishu Open Platform emulator (auth + Hire talent pools)

  npm run emulator -- [options]

  --port N            port to listen on (default 8787; 0 picks a free one)
  --pools N           seeded talent pools (default 237)
  --talents N         seeded talents (default 5000)
  --seed N            data and fault seed (default 1)
  --app-id ID         app ID accepted by the token endpoint
  --app-secret S      app secret accepted by the token endpoint
  --token-ttl S       token lifetime in seconds (default 7200)
  --no-rate-limit     turn off the documented 50/s and 1000/min limits
  --error-rate R      share of Hire requests answered HTTP 500 / 1002001 (0..1)
  --drop-rate R       share of Hire connections dropped without an answer (0..1)
  --latency MS        latency added to every Hire answer
  --verbose           print one line per request (tokens and secrets never appear)
`;

async function main() {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '8787' },
			pools: { type: 'string' },
			talents: { type: 'string' },
			seed: { type: 'string' },
			'app-id': { type: 'string' },
			'app-secret': { type: 'string' },
			'token-ttl': { type: 'string' },
			'no-rate-limit': { type: 'boolean', default: false },
			'error-rate': { type: 'string' },
			'drop-rate': { type: 'string' },
			latency: { type: 'string' },
			verbose: { type: 'boolean', default: false },
			help: { type: 'boolean', default: false },
		},
	});
	if (values.help) {
		process.stdout.write(USAGE);
		return;
	}
	const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
	const emulator = await startEmulator({
		port: number(values.port),
		pools: number(values.pools),
		talents: number(values.talents),
		seed: number(values.seed),
		appId: values['app-id'],
		appSecret: values['app-secret'],
		tokenLifetimeSeconds: number(values['token-ttl']),
		rateLimits: values['no-rate-limit'] ? false : undefined,
		faults: {
			errorRate: number(values['error-rate']),
			dropRate: number(values['drop-rate']),
			latencyMs: number(values.latency),
			seed: number(values.seed),
		},
	});
	process.stdout.write(
		[
			`Feishu emulator listening on ${emulator.url}`,
			`  credential: domain "Custom base URL", base URL ${emulator.url}`,
			`  App ID:     ${emulator.appId}`,
			`  App Secret: ${emulator.appSecret}`,
			`  data:       ${emulator.data.pools.length} talent pools, ${emulator.data.talentIds.length} talents`,
			`  first talent IDs: ${emulator.data.talentIds.slice(0, 3).join(', ')}`,
			`  inspect:    ${emulator.url}/__emulator/stats`,
			'Press Ctrl-C to stop.',
			'',
		].join('\n'),
	);
	if (values.verbose) {
		let printed = 0;
		setInterval(() => {
			for (const entry of emulator.log.slice(printed)) {
				const query = entry.query ? `?${entry.query}` : '';
				process.stdout.write(`${new Date(entry.time).toISOString()} ${entry.method} ${entry.path}${query} -> ${entry.status || 'dropped'} code=${entry.code ?? '-'}\n`);
			}
			printed = emulator.log.length;
		}, 200).unref();
	}
	const stop = () => {
		void emulator.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
