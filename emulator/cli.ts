import { parseArgs } from 'node:util';

import { sendEvent } from './events';
import { startEmulator, type Emulator } from './server';
import type { TalentSummary } from './talents';

const USAGE = `Feishu Open Platform emulator (auth, Hire talent pools and talents)

  npm run emulator -- [options]

  --port N            port to listen on (default 8787; 0 picks a free one)
  --pools N           seeded talent pools (default 237)
  --talents N         seeded talents, with names, emails, mobiles and ID numbers (default 5000)
  --seed N            data and fault seed (default 1)
  --app-id ID         app ID accepted by the token endpoint
  --app-secret S      app secret accepted by the token endpoint
  --encrypt-key K     the app's Encrypt Key: events sent through POST /__emulator/events are
                      encrypted and signed with it (also used by --deliver)
  --verification-token T   the app's Verification Token (also used by --deliver)
  --token-ttl S       token lifetime in seconds (default 7200)
  --no-rate-limit     turn off every endpoint's documented limits (50/s and 1000/min;
                      batch change 10/s; talent details 20/s)
  --error-rate R      share of Hire requests answered HTTP 500 / 1002001 (0..1)
  --drop-rate R       share of Hire connections dropped without an answer (0..1)
  --latency MS        latency added to every Hire answer
  --lost-write-rate R share of talent creates and updates applied and then left without an
                      answer (the connection drops after the commit) (0..1)
  --duplicates D      the tenant's duplicate setting for created talents: reject (default:
                      1002105 for an email, mobile or ID number another talent has) or allow
  --verbose           print one line per request (tokens and secrets never appear)
  --list-talents N    print the first N seeded talents as CSV
                      (talent_id,name,email,mobile_code,mobile_number) and exit

  npm run emulator -- --deliver URL [options]   send one Hire event as Feishu does, then exit

  --event TYPE        event_type (default hire.application.stage_changed_v1)
  --event-json JSON   the event's fields (default: an application ID)
  --event-id ID       header.event_id (default: random; repeat it to send a duplicate)
  --challenge C       send url_verification with this challenge instead of an event
  --encrypt-key K     encrypt the body and sign it (X-Lark-Signature)
  --verification-token T   header.token (or the challenge's token)
  --unsigned          no signature headers, even with --encrypt-key
  --tamper            change the body after signing it
  --retry-scale R     retry a failed delivery after 15 s, 5 min, 1 h, 6 h, each times R

  npm run emulator -- --push EMULATOR_URL [--event TYPE] [--event-json JSON] [--event-id ID] [--parts N]
                      push one Hire event over a running emulator's long connection to the
                      long-connection trigger connected to it, then exit
`;

const CSV_HEADER: Array<keyof TalentSummary> = [
	'talent_id',
	'name',
	'email',
	'mobile_code',
	'mobile_number',
];

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
			'lost-write-rate': { type: 'string' },
			duplicates: { type: 'string', default: 'reject' },
			verbose: { type: 'boolean', default: false },
			'list-talents': { type: 'string' },
			deliver: { type: 'string' },
			event: { type: 'string', default: 'hire.application.stage_changed_v1' },
			'event-json': { type: 'string' },
			'event-id': { type: 'string' },
			challenge: { type: 'string' },
			'encrypt-key': { type: 'string' },
			'verification-token': { type: 'string' },
			unsigned: { type: 'boolean', default: false },
			tamper: { type: 'boolean', default: false },
			'retry-scale': { type: 'string' },
			push: { type: 'string' },
			parts: { type: 'string' },
			help: { type: 'boolean', default: false },
		},
	});
	if (values.help) {
		process.stdout.write(USAGE);
		return;
	}
	if (values.push !== undefined) {
		const response = await fetch(
			`${values.push.replace(/\/+$/, '')}/__emulator/long-connection/events`,
			{
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({
					eventType: values.event,
					event: values['event-json'] === undefined ? undefined : JSON.parse(values['event-json']),
					eventId: values['event-id'],
					parts: values.parts === undefined ? undefined : Number(values.parts),
				}),
			},
		);
		const answer = (await response.json()) as { event_id?: string; connections?: number };
		process.stdout.write(
			`pushed ${answer.event_id ?? '?'} to one of ${answer.connections ?? 0} open long connections${answer.connections ? '' : ' (it waits for a client to connect)'}\n`,
		);
		return;
	}
	if (values.deliver !== undefined) {
		const { attempts } = await sendEvent(
			{
				appId: values['app-id'] ?? 'cli_emulator00001',
				tenantKey: 'emulator-tenant',
				encryptKey: values['encrypt-key'] ?? '',
				verificationToken: values['verification-token'] ?? '',
			},
			{
				url: values.deliver,
				eventType: values.event,
				event:
					values['event-json'] !== undefined
						? (JSON.parse(values['event-json']) as Record<string, unknown>)
						: undefined,
				eventId: values['event-id'],
				challenge: values.challenge,
				unsigned: values.unsigned,
				tamper: values.tamper,
				retryScale: values['retry-scale'] === undefined ? undefined : Number(values['retry-scale']),
			},
			{ application_id: '6949805467799537964' },
		);
		for (const [index, attempt] of attempts.entries())
			process.stdout.write(
				`attempt ${index + 1}: ${attempt.status || 'no answer'} in ${attempt.ms} ms ${attempt.body.slice(0, 200)}\n`,
			);
		process.exitCode = attempts[attempts.length - 1].status === 200 ? 0 : 1;
		return;
	}
	const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
	const listTalents = number(values['list-talents']);
	if (listTalents !== undefined && !(Number.isInteger(listTalents) && listTalents >= 0)) {
		throw new Error('--list-talents takes a number of talents');
	}
	if (values.duplicates !== 'reject' && values.duplicates !== 'allow')
		throw new Error('--duplicates takes reject or allow');
	const emulator = await startEmulator({
		duplicates: values.duplicates,
		// Listing needs no fixed port: a free one cannot clash with a running emulator.
		port: listTalents === undefined ? number(values.port) : 0,
		pools: number(values.pools),
		talents: number(values.talents),
		seed: number(values.seed),
		appId: values['app-id'],
		appSecret: values['app-secret'],
		encryptKey: values['encrypt-key'],
		verificationToken: values['verification-token'],
		tokenLifetimeSeconds: number(values['token-ttl']),
		rateLimits: values['no-rate-limit'] ? false : undefined,
		faults: {
			errorRate: number(values['error-rate']),
			dropRate: number(values['drop-rate']),
			latencyMs: number(values.latency),
			lostWriteAnswerRate: number(values['lost-write-rate']),
			seed: number(values.seed),
		},
	});
	if (listTalents !== undefined) {
		process.stdout.write(talentsCsv(emulator, listTalents));
		await emulator.close();
		return;
	}
	process.stdout.write(
		[
			`Feishu emulator listening on ${emulator.url}`,
			`  credential: domain "Custom base URL", base URL ${emulator.url}`,
			`  App ID:     ${emulator.appId}`,
			`  App Secret: ${emulator.appSecret}`,
			`  Encrypt Key: ${emulator.encryptKey}   Verification Token: ${emulator.verificationToken}`,
			`  data:       ${emulator.data.pools.length} talent pools, ${emulator.data.talentIds.length} talents`,
			'  first talents:',
			...emulator
				.talents(0, 3)
				.map(
					(talent) =>
						`    ${talent.talent_id}  ${talent.name}  ${talent.email}  +${talent.mobile_code} ${talent.mobile_number}`,
				),
			`  inspect:    ${emulator.url}/__emulator/stats`,
			`  events:     POST ${emulator.url}/__emulator/events {"url": "<your trigger's URL>"}`,
			`  long connection: npm run emulator -- --push ${emulator.url}   (or POST ${emulator.url}/__emulator/long-connection/events {})`,
			'Press Ctrl-C to stop.',
			'',
		].join('\n'),
	);
	if (values.verbose) {
		let printed = 0;
		setInterval(() => {
			for (const entry of emulator.log.slice(printed)) {
				const query = entry.query ? `?${entry.query}` : '';
				process.stdout.write(
					`${new Date(entry.time).toISOString()} ${entry.method} ${entry.path}${query} -> ${entry.status || 'dropped'} code=${entry.code ?? '-'}\n`,
				);
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

function talentsCsv(emulator: Emulator, count: number): string {
	const rows = emulator
		.talents(0, count)
		.map((talent) => CSV_HEADER.map((column) => csvField(talent[column])).join(','));
	return [CSV_HEADER.join(','), ...rows, ''].join('\n');
}

function csvField(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

main().catch((error: unknown) => {
	process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
