import { performance } from 'node:perf_hooks';

import { startEmulator, type Emulator } from '../../emulator';
import { s, table } from './common';
import { activateLongConnection, serveWebhook, type Emits } from './triggers-in-process';
import { waitFor } from '../../tools/wait';

/**
 * Hire events to the two triggers, in-process through n8n-core (TriggerContext for the long
 * connection, WebhookContext behind a local HTTP server for the webhook), from an emulator
 * with its defaults but the long connection's fast client config: 1000 events paced at 50 a
 * second to each, how long from the emulator's push (or delivery) to the trigger's emit, each
 * event emitted exactly once; then how long a dropped connection keeps an event waiting.
 */
export interface EventLatencyRow {
	trigger: string;
	events: number;
	perSecond: number;
	wallMs: number;
	medianMs: number;
	p99Ms: number;
	maxMs: number;
	/** Distinct event_ids emitted, emits beyond the first of an event_id, events never emitted. */
	distinct: number;
	duplicates: number;
	lost: number;
	/** Long connection: acks the emulator received (code 200); webhook: deliveries answered 200. */
	acked: number;
	/** Long connection: pushes, re-pushes included; webhook: delivery attempts, retries included. */
	deliveries: number;
}

export interface ReconnectRow {
	config: string;
	/** The client's ReconnectNonce: after a close it waits a uniform random part of it. */
	reconnectNonceMs: number;
	drops: number;
	/** From dropAll() to the trigger's emit of the event pushed right after the drop. */
	medianMs: number;
	maxMs: number;
	/** From the drop to the client's call for a new URL (noticing the close, then the random wait). */
	waitMedianMs: number;
	waitMaxMs: number;
	/** From that call to the emit: new URL, WebSocket handshake, the waiting event pushed and emitted. */
	connectMedianMs: number;
	connectMaxMs: number;
	/** False: worked out from the measured connect times and the wait's distribution. */
	measured: boolean;
	duplicates: number;
	lost: number;
}

const EVENTS = 1000;
const PER_SECOND = 50;
const DROPS = 5;
/** The emulator's fast client config, as the long-connection tests use it (production: 90 / 120 / 30 s). */
const FAST = { PingInterval: 1, ReconnectInterval: 1, ReconnectNonce: 1, ReconnectCount: -1 };
const PRODUCTION_NONCE_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const until = async (check: () => boolean, timeoutMs: number, what: string) =>
	await waitFor(check, `the long-connection bench's ${what}`, timeoutMs, 5);

/** Nearest rank: the smallest value with at least `share` of the values at or below it. */
function percentile(values: number[], share: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? NaN;
}

/** `send(i)` for i in 0..EVENTS-1 at PER_SECOND, on a fixed schedule (no drift); the send times. */
async function paced(send: (index: number) => void): Promise<number[]> {
	const sentAt: number[] = [];
	const started = performance.now();
	for (let index = 0; index < EVENTS; index++) {
		const due = started + (index * 1000) / PER_SECOND;
		const wait = due - performance.now();
		if (wait > 0) await sleep(wait);
		sentAt.push(performance.now());
		send(index);
	}
	return sentAt;
}

function latencyRow(
	trigger: string,
	ids: string[],
	sentAt: number[],
	emits: Emits,
	wallMs: number,
	acked: number,
	deliveries: number,
): EventLatencyRow {
	const latencies = ids.flatMap((id, index) => {
		const first = emits.get(id)?.[0];
		return first === undefined ? [] : [first - sentAt[index]];
	});
	const emitted = [...emits.values()].reduce((sum, times) => sum + times.length, 0);
	return {
		trigger,
		events: ids.length,
		perSecond: PER_SECOND,
		wallMs,
		medianMs: percentile(latencies, 0.5),
		p99Ms: percentile(latencies, 0.99),
		maxMs: Math.max(...latencies),
		distinct: emits.size,
		duplicates: emitted - emits.size,
		lost: ids.filter((id) => !emits.has(id)).length,
		acked,
		deliveries,
	};
}

/** 1000 events pushed over the long connection: push to emit, each once, each acked once. */
async function longConnectionLatency(emulator: Emulator): Promise<EventLatencyRow> {
	const server = emulator.longConnection;
	const emits: Emits = new Map();
	const trigger = await activateLongConnection(emulator, emits);
	try {
		await until(() => server.openConnections().length === 1, 5_000, 'the connection');
		const ids = Array.from({ length: EVENTS }, (_id, index) => `bench-lc-${index}`);
		const started = performance.now();
		const sentAt = await paced((index) => emulator.pushEvent({ eventId: ids[index] }));
		await until(() => emits.size === EVENTS, 10_000, `${EVENTS} emits over the long connection`);
		const wallMs = performance.now() - started;
		await until(() => server.unacked().length === 0, 10_000, 'every ack');
		// Every event acked: nothing more is re-pushed; a short wait lets a late duplicate show.
		await sleep(500);
		if (trigger.logged.length) console.log(`  trigger logged: ${trigger.logged.join('; ')}`);
		const mine = new Set(ids);
		const acked = server.acks.filter((ack) => ack.code === 200 && mine.has(ack.eventId));
		const pushes = server.pushes.filter((push) => mine.has(push.eventId));
		return latencyRow('long connection', ids, sentAt, emits, wallMs, acked.length, pushes.length);
	} finally {
		await trigger.close();
	}
}

/** The same 1000 events delivered signed and encrypted to the webhook trigger: delivery to emit. */
async function webhookLatency(emulator: Emulator): Promise<EventLatencyRow> {
	const emits: Emits = new Map();
	const webhook = await serveWebhook(emulator, emits);
	try {
		const ids = Array.from({ length: EVENTS }, (_id, index) => `bench-wh-${index}`);
		const deliveries: Array<ReturnType<Emulator['sendEvent']>> = [];
		const started = performance.now();
		const sentAt = await paced((index) =>
			deliveries.push(emulator.sendEvent({ url: webhook.url, eventId: ids[index] })),
		);
		const attempts = (await Promise.all(deliveries)).flatMap((delivery) => delivery.attempts);
		await until(() => emits.size === EVENTS, 10_000, `${EVENTS} emits of the webhook`);
		const wallMs = performance.now() - started;
		if (webhook.logs.length) console.log(`  webhook trigger logged: ${webhook.logs.join('; ')}`);
		return latencyRow(
			'webhook (signed, encrypted)',
			ids,
			sentAt,
			emits,
			wallMs,
			attempts.filter((attempt) => attempt.status === 200).length,
			attempts.length,
		);
	} finally {
		await webhook.close();
	}
}

/**
 * DROPS times: the connection dropped (no close frame), an event pushed right after (it waits
 * in the emulator for a connection), the time until the trigger emits it; split at the client's
 * call for a new connection URL, timed by wrapping the emulator's endpoint.
 */
async function reconnectRows(emulator: Emulator): Promise<ReconnectRow[]> {
	const server = emulator.longConnection;
	const endpointCalls: number[] = [];
	const endpoint = server.endpoint.bind(server);
	server.endpoint = (rawBody) => {
		endpointCalls.push(performance.now());
		return endpoint(rawBody);
	};
	const emits: Emits = new Map();
	const trigger = await activateLongConnection(emulator, emits);
	const totals: number[] = [];
	const waits: number[] = [];
	const connects: number[] = [];
	const ids: string[] = [];
	try {
		for (let drop = 0; drop < DROPS; drop++) {
			await until(
				() => server.openConnections().length === 1 && server.unacked().length === 0,
				10_000,
				'an open, idle connection',
			);
			await sleep(200);
			const id = `bench-drop-${drop}`;
			ids.push(id);
			const calls = endpointCalls.length;
			const droppedAt = performance.now();
			server.dropAll();
			emulator.pushEvent({ eventId: id });
			await until(() => emits.has(id), 10_000, `the event after drop ${drop + 1}`);
			const emittedAt = emits.get(id)![0];
			const calledAt = endpointCalls[calls];
			totals.push(emittedAt - droppedAt);
			waits.push(calledAt - droppedAt);
			connects.push(emittedAt - calledAt);
		}
		await sleep(500);
	} finally {
		await trigger.close();
	}
	const emitted = [...emits.values()].reduce((sum, times) => sum + times.length, 0);
	const duplicates = emitted - emits.size;
	const lost = ids.filter((id) => !emits.has(id)).length;
	const connectMedianMs = percentile(connects, 0.5);
	const connectMaxMs = Math.max(...connects);
	return [
		{
			config: `fast (ReconnectNonce ${FAST.ReconnectNonce} s), measured`,
			reconnectNonceMs: FAST.ReconnectNonce * 1000,
			drops: DROPS,
			medianMs: percentile(totals, 0.5),
			maxMs: Math.max(...totals),
			waitMedianMs: percentile(waits, 0.5),
			waitMaxMs: Math.max(...waits),
			connectMedianMs,
			connectMaxMs,
			measured: true,
			duplicates,
			lost,
		},
		{
			// The wait is uniform over [0, 30 s): median 15 s, at most 30 s; the connect as measured.
			config: `production (ReconnectNonce ${PRODUCTION_NONCE_MS / 1000} s), worked out`,
			reconnectNonceMs: PRODUCTION_NONCE_MS,
			drops: DROPS,
			medianMs: PRODUCTION_NONCE_MS / 2 + connectMedianMs,
			maxMs: PRODUCTION_NONCE_MS + connectMaxMs,
			waitMedianMs: PRODUCTION_NONCE_MS / 2,
			waitMaxMs: PRODUCTION_NONCE_MS,
			connectMedianMs,
			connectMaxMs,
			measured: false,
			duplicates,
			lost,
		},
	];
}

/** "1.8 ms", "412.0 ms", "1.02 s". */
const latency = (ms: number) => (ms < 1000 ? `${ms.toFixed(1)} ms` : s(ms));

export function printEventLatency(rows: EventLatencyRow[]) {
	console.log(
		table(
			[
				'trigger',
				'events',
				'pace',
				'wall',
				'to emit: median',
				'p99',
				'max',
				'distinct event_ids',
				'duplicates',
				'lost',
				'acks / answered 200',
				'pushes / deliveries',
			],
			rows.map((row) => [
				row.trigger,
				String(row.events),
				`${row.perSecond}/s`,
				s(row.wallMs),
				latency(row.medianMs),
				latency(row.p99Ms),
				latency(row.maxMs),
				String(row.distinct),
				String(row.duplicates),
				String(row.lost),
				String(row.acked),
				String(row.deliveries),
			]),
		),
	);
}

export function printReconnect(rows: ReconnectRow[]) {
	console.log(
		table(
			[
				'client config',
				'drops',
				'drop to event emitted: median',
				'max',
				'wait before reconnecting: median / max',
				'reconnect and deliver: median / max',
				'duplicates',
				'lost',
			],
			rows.map((row) => [
				row.config,
				String(row.drops),
				latency(row.medianMs),
				latency(row.maxMs),
				`${latency(row.waitMedianMs)} / ${latency(row.waitMaxMs)}`,
				`${latency(row.connectMedianMs)} / ${latency(row.connectMaxMs)}`,
				String(row.duplicates),
				String(row.lost),
			]),
		),
	);
}

/**
 * Each part on a fresh emulator; afterwards, fails the run if an event was lost, emitted
 * twice, or (long connection) not acked exactly once.
 */
export async function runLongConnection(results: {
	eventLatency: EventLatencyRow[];
	reconnect: ReconnectRow[];
}): Promise<void> {
	console.log(
		`\nTriggers, ${EVENTS} Hire events paced at ${PER_SECOND}/s to each, in-process through n8n-core (emulator defaults, fast long-connection client config): from the emulator's push (long connection) or delivery (webhook) to the trigger's emit:\n`,
	);
	const withEmulator = async <T>(work: (emulator: Emulator) => Promise<T>): Promise<T> => {
		const emulator = await startEmulator({ longConnection: { clientConfig: FAST } });
		try {
			return await work(emulator);
		} finally {
			await emulator.close();
		}
	};
	const latencies = [await withEmulator(longConnectionLatency), await withEmulator(webhookLatency)];
	printEventLatency(latencies);
	console.log(
		`\nA dropped long connection (no close frame), ${DROPS} times: an event pushed right after the drop, until the trigger emits it. The client waits a uniform random part of ReconnectNonce, then asks for a new URL and connects; production's row adds that wait (0 to 30 s) to the connect times measured:\n`,
	);
	const reconnect = await withEmulator(reconnectRows);
	printReconnect(reconnect);
	results.eventLatency.push(...latencies);
	results.reconnect.push(...reconnect);
	const wrong = [
		...latencies.filter(
			(row) =>
				row.distinct !== EVENTS ||
				row.duplicates > 0 ||
				row.lost > 0 ||
				row.acked !== EVENTS ||
				row.deliveries !== EVENTS,
		),
		...reconnect.filter((row) => row.duplicates > 0 || row.lost > 0),
	];
	if (wrong.length)
		throw new Error(
			`long-connection: ${wrong.map((row) => ('trigger' in row ? row.trigger : row.config)).join(', ')} lost, doubled or re-sent events`,
		);
}
