import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

import { WebSocketServer, type WebSocket } from 'ws';

import {
	decodeFrame,
	encodeFrame,
	FRAME_METHOD,
	headerOf,
	type Frame,
	type FrameHeader,
} from '../nodes/shared/long-connection/frame';
import type { Reply } from './http';

/**
 * Feishu's long connection, server side, as the facts sheet describes it
 * (shared/docs/feishu-long-connection.md §10): the endpoint that hands out a WebSocket URL
 * with a one-time ticket, pongs carrying the client settings, events pushed as data frames
 * (optionally split, out of order) to one random connection of the app, and events re-pushed
 * when no ack comes within 3 s. Controls let tests close, drop and mute connections.
 */
export const WS_ENDPOINT_PATH = '/callback/ws/endpoint';
const WS_PATH = '/ws/v2';
const SERVICE_ID = 33554678;
const MAX_CONNECTIONS = 50;

/** The four settings, in seconds, as the endpoint and every pong carry them. */
export interface ClientConfig {
	PingInterval: number;
	ReconnectCount: number;
	ReconnectInterval: number;
	ReconnectNonce: number;
}

/** What production sends (third-party observations). */
export const PRODUCTION_CLIENT_CONFIG: ClientConfig = {
	PingInterval: 90,
	ReconnectCount: -1,
	ReconnectInterval: 120,
	ReconnectNonce: 30,
};

export interface LongConnectionOptions {
	clientConfig?: Partial<ClientConfig>;
	/** How long an event waits for its ack before it is pushed again (Feishu: 3 s). */
	ackTimeoutMs?: number;
	/** Pushes of one event after the first, at most. */
	maxRepushes?: number;
	/** Whether a re-push gets a new message_id (undocumented); the event_id stays. */
	newMessageIdOnRepush?: boolean;
}

export interface PushOptions {
	/** Cut the payload's bytes into this many non-empty parts (cuts may fall inside a character). */
	parts?: number;
	/** Send the parts last first. */
	outOfOrder?: boolean;
	/** A LogID above 2^53, to check that acks echo it exactly. */
	largeIds?: boolean;
}

/** A refusal the endpoint answers with instead of a URL (next calls, in order). */
export interface EndpointRefusal {
	code: number;
	msg?: string;
	/** An HTTP status other than 200 (e.g. 503): a refusal at the gateway. */
	status?: number;
}

export interface AckRecord {
	messageId: string;
	eventId: string;
	connection: number;
	seqId: bigint;
	logId: bigint;
	/** The SeqID and LogID the event's frame carried: an exact echo matches them. */
	sentSeqId: bigint;
	sentLogId: bigint;
	code: number;
	headers: FrameHeader[];
}

interface Connection {
	id: number;
	socket: WebSocket;
	deviceId: string;
}

interface Pending {
	payload: Buffer;
	eventId: string;
	messageId: string;
	pushes: number;
	options: PushOptions;
	timer?: NodeJS.Timeout;
	/** SeqID and LogID of each frame sent for it, by message_id. */
	sent: Map<string, { seqId: bigint; logId: bigint }>;
}

export class LongConnectionServer {
	private readonly wss = new WebSocketServer({ noServer: true });
	private readonly tickets = new Map<string, boolean>();
	private readonly connections = new Map<number, Connection>();
	private readonly pending = new Map<string, Pending>();
	/** Events with no connection to go to: pushed when one opens. */
	private readonly waiting: Pending[] = [];
	private readonly refusals: EndpointRefusal[] = [];
	private config: ClientConfig;
	private answeringPings = true;
	private nextConnection = 1;
	private nextSeqId = 1n;
	readonly acks: AckRecord[] = [];
	/** Every push of an event's frames: its event_id, message_id and connection. */
	readonly pushes: Array<{ eventId: string; messageId: string; connection: number }> = [];
	endpointCalls = 0;
	pingsAnswered = 0;
	ticketsIssued = 0;

	constructor(
		private readonly app: { appId: string; appSecret: string; port: () => number },
		private readonly options: LongConnectionOptions = {},
	) {
		this.config = { ...PRODUCTION_CLIENT_CONFIG, ...options.clientConfig };
	}

	/** `POST /callback/ws/endpoint`: a URL with a fresh ticket, or the refusal queued for this call. */
	endpoint(rawBody: string): Reply {
		this.endpointCalls++;
		const refusal = this.refusals.shift();
		if (refusal)
			return {
				status: refusal.status ?? 200,
				body: { code: refusal.code, msg: refusal.msg ?? 'refused', data: {} },
			};
		let body: Record<string, unknown> = {};
		try {
			body = JSON.parse(rawBody) as Record<string, unknown>;
		} catch {
			return {
				status: 200,
				body: { code: 1000040345, msg: 'app_id or app_secret is invalid', data: {} },
			};
		}
		if (body.AppID !== this.app.appId || body.AppSecret !== this.app.appSecret)
			return {
				status: 200,
				body: { code: 1000040345, msg: 'app_id or app_secret is invalid', data: {} },
			};
		const ticket = randomUUID();
		this.tickets.set(ticket, false);
		this.ticketsIssued++;
		const deviceId = String(7_300_000_000_000_000_000n + BigInt(randomInt(1_000_000_000)));
		const query = new URLSearchParams({
			fpid: '493',
			aid: '552564',
			device_id: deviceId,
			access_key: randomBytes(16).toString('hex'),
			service_id: String(SERVICE_ID),
			ticket,
		});
		return {
			status: 200,
			body: {
				code: 0,
				msg: 'ok',
				data: {
					URL: `ws://127.0.0.1:${this.app.port()}${WS_PATH}?${query}`,
					ClientConfig: this.config,
				},
			},
		};
	}

	/** The WebSocket upgrade: a known, unused ticket, and fewer than 50 connections of the app. */
	upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
		const url = new URL(req.url ?? '/', 'http://emulator');
		const ticket = url.searchParams.get('ticket') ?? '';
		const refuse = (status: number, message: string, authCode?: number) => {
			const headers = [
				`HTTP/1.1 ${status} Refused`,
				`Handshake-Status: ${status}`,
				`Handshake-Msg: ${message}`,
				...(authCode ? [`Handshake-Autherrcode: ${authCode}`] : []),
				'Connection: close',
				'Content-Length: 0',
			];
			socket.end(`${headers.join('\r\n')}\r\n\r\n`);
		};
		if (url.pathname !== WS_PATH || this.tickets.get(ticket) !== false)
			return refuse(403, 'ticket invalid');
		if (this.connections.size >= MAX_CONNECTIONS)
			return refuse(514, 'too many connections', 1000040350);
		this.tickets.set(ticket, true);
		this.wss.handleUpgrade(req, socket, head, (ws) => this.opened(ws, url));
	}

	private opened(socket: WebSocket, url: URL): void {
		const connection: Connection = {
			id: this.nextConnection++,
			socket,
			deviceId: url.searchParams.get('device_id') ?? '',
		};
		this.connections.set(connection.id, connection);
		socket.on('message', (data: Buffer, isBinary: boolean) => {
			if (isBinary) this.received(connection, data);
		});
		socket.on('close', () => this.connections.delete(connection.id));
		socket.on('error', () => this.connections.delete(connection.id));
		for (const event of this.waiting.splice(0)) this.deliver(event);
	}

	private received(connection: Connection, data: Buffer): void {
		let frame: Frame;
		try {
			frame = decodeFrame(data);
		} catch {
			return;
		}
		const type = headerOf(frame, 'type');
		if (frame.method === FRAME_METHOD.CONTROL && type === 'ping') {
			if (!this.answeringPings) return;
			this.pingsAnswered++;
			this.send(connection, {
				seqId: 0n,
				logId: 0n,
				service: frame.service,
				method: FRAME_METHOD.CONTROL,
				headers: [{ key: 'type', value: 'pong' }],
				payload: Buffer.from(JSON.stringify(this.config)),
			});
			return;
		}
		if (frame.method !== FRAME_METHOD.DATA) return;
		const messageId = headerOf(frame, 'message_id') ?? '';
		const event = [...this.pending.values()].find((one) => one.sent.has(messageId));
		let code = 0;
		try {
			code = Number(
				(JSON.parse(Buffer.from(frame.payload ?? []).toString()) as { code?: unknown }).code,
			);
		} catch {
			code = 0;
		}
		const sent = event?.sent.get(messageId);
		this.acks.push({
			messageId,
			eventId: event?.eventId ?? '',
			connection: connection.id,
			seqId: frame.seqId,
			logId: frame.logId,
			sentSeqId: sent?.seqId ?? -1n,
			sentLogId: sent?.logId ?? -1n,
			code,
			headers: frame.headers,
		});
		if (!event) return;
		clearTimeout(event.timer);
		if (code === 200) this.pending.delete(event.eventId);
		else this.repushLater(event, 0);
	}

	/** Pushes an envelope to one random open connection; re-pushed until acked with 200. */
	push(envelope: { header: { event_id: string } }, options: PushOptions = {}): string {
		const event: Pending = {
			payload: Buffer.from(JSON.stringify(envelope)),
			eventId: envelope.header.event_id,
			messageId: randomUUID(),
			pushes: 0,
			options,
			sent: new Map(),
		};
		this.pending.set(event.eventId, event);
		this.deliver(event);
		return event.eventId;
	}

	private deliver(event: Pending): void {
		const open = [...this.connections.values()].filter((one) => one.socket.readyState === 1);
		if (open.length === 0) {
			this.waiting.push(event);
			return;
		}
		const connection = open[randomInt(open.length)];
		if (event.pushes > 0 && this.options.newMessageIdOnRepush) event.messageId = randomUUID();
		event.pushes++;
		const parts = splitBytes(event.payload, event.options.parts ?? 1);
		const seqId = this.nextSeqId++;
		const logId = event.options.largeIds
			? 2n ** 60n + BigInt(randomInt(1_000_000))
			: BigInt(randomInt(1_000_000)) + 1n;
		event.sent.set(event.messageId, { seqId, logId });
		const frames = parts.map((part, index) => ({
			seqId,
			logId,
			service: SERVICE_ID,
			method: FRAME_METHOD.DATA,
			headers: [
				{ key: 'type', value: 'event' },
				{ key: 'message_id', value: event.messageId },
				{ key: 'sum', value: String(parts.length) },
				{ key: 'seq', value: String(index) },
				{ key: 'trace_id', value: randomBytes(8).toString('hex') },
			],
			payload: part,
		}));
		if (event.options.outOfOrder) frames.reverse();
		for (const frame of frames) this.send(connection, frame);
		this.pushes.push({
			eventId: event.eventId,
			messageId: event.messageId,
			connection: connection.id,
		});
		this.repushLater(event, this.options.ackTimeoutMs ?? 3000);
	}

	private repushLater(event: Pending, delayMs: number): void {
		clearTimeout(event.timer);
		if (event.pushes > (this.options.maxRepushes ?? 5)) {
			this.pending.delete(event.eventId);
			return;
		}
		event.timer = setTimeout(() => {
			if (this.pending.has(event.eventId)) this.deliver(event);
		}, delayMs);
		event.timer.unref();
	}

	private send(connection: Connection, frame: Frame): void {
		if (connection.socket.readyState === 1) connection.socket.send(encodeFrame(frame));
	}

	/** Closes every connection cleanly (code 1000), as Feishu does before a deploy. */
	closeAll(code = 1000): void {
		for (const { socket } of this.connections.values()) socket.close(code, 'server closing');
	}

	/** Drops every connection without a close frame, as a network fault does. */
	dropAll(): void {
		for (const { socket } of this.connections.values()) socket.terminate();
	}

	/** Stops (or resumes) answering pings: a connection that went silent. */
	answerPings(answer: boolean): void {
		this.answeringPings = answer;
	}

	/** The next `count` endpoint calls are refused with `refusal`. */
	refuseNextEndpointCalls(count: number, refusal: EndpointRefusal): void {
		for (let i = 0; i < count; i++) this.refusals.push(refusal);
	}

	/** Settings for the next endpoint answers and pongs. */
	setClientConfig(config: Partial<ClientConfig>): void {
		this.config = { ...this.config, ...config };
	}

	/** Open connections, by id. */
	openConnections(): number[] {
		return [...this.connections.values()]
			.filter((one) => one.socket.readyState === 1)
			.map((one) => one.id);
	}

	/** Events pushed and not yet acked with 200. */
	unacked(): string[] {
		return [...this.pending.keys()];
	}

	close(): void {
		for (const event of this.pending.values()) clearTimeout(event.timer);
		this.pending.clear();
		this.dropAll();
		this.wss.close();
	}
}

/** `bytes` in `parts` non-empty slices (fewer when too short), cut anywhere. */
function splitBytes(bytes: Buffer, parts: number): Buffer[] {
	const count = Math.max(1, Math.min(parts, bytes.length));
	const size = Math.ceil(bytes.length / count);
	const slices: Buffer[] = [];
	for (let at = 0; at < bytes.length; at += size) slices.push(bytes.subarray(at, at + size));
	return slices;
}
