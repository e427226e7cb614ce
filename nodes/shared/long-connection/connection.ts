import { requestConnectionUrl, type Credentials, type Post } from './endpoint';
import { decodeFrame, encodeFrame, FRAME_METHOD, headerOf, type Frame } from './frame';
import { Reassembler } from './reassembly';
import { pause } from './pause';
import { applyClientConfig, DEFAULT_SETTINGS, type Settings } from './settings';
import type { Socket, SocketConstructor } from './socket';

/** A WebSocket that has not opened this long after it was created is given up. */
const HANDSHAKE_TIMEOUT_MS = 15_000;

export interface Logger {
	info(message: string): void;
	warn(message: string): void;
	error(message: string): void;
}

/** What a connection borrows from the n8n nodes that use it: HTTP through n8n, and its log. */
export interface Transport {
	post: Post;
	logger: Logger;
}

export type EnvelopeListener = (envelope: Record<string, unknown>) => void;

type Outcome = { kind: 'fatal' | 'failed' | 'closed'; reason: string };

const ack = (frame: Frame, code: number, handlingMs: number): Uint8Array =>
	encodeFrame({
		...frame,
		// Every header the message came with, echoed, then the handling time.
		headers: [...frame.headers, { key: 'biz_rt', value: String(handlingMs) }],
		payload: Buffer.from(JSON.stringify({ code })),
	});

const jitter = (ms: number) => Math.floor(Math.random() * ms);

/**
 * One long connection of an app: the connection URL from Feishu, the WebSocket, pings at the
 * interval Feishu sets, split messages joined, every event acked at once (before anything runs)
 * and handed to `deliver`. After any close or error it reconnects with a fresh URL, as Feishu
 * configures the delay, for as long as it is not stopped. `ready` settles with the first
 * connect: it rejects, and the connection stops, when that first attempt fails.
 */
export class LongConnection {
	readonly ready: Promise<void>;
	private readonly stopped = new AbortController();
	private readonly reassembler = new Reassembler();
	private settings: Settings = DEFAULT_SETTINGS;
	private socket?: Socket;
	private lastInbound = 0;
	private connected = false;

	constructor(
		private readonly credentials: Credentials,
		private readonly WebSocketClass: SocketConstructor,
		private readonly transport: () => Transport,
		private readonly deliver: EnvelopeListener,
	) {
		let settle!: { resolve: () => void; reject: (error: Error) => void };
		this.ready = new Promise((resolve, reject) => (settle = { resolve, reject }));
		// Awaited by whoever subscribes; a rejection without them is not a crash.
		this.ready.catch(() => undefined);
		void this.run(settle);
	}

	get isStopped(): boolean {
		return this.stopped.signal.aborted;
	}

	/** Closes the socket (1000) and ends every loop and timer; nothing is delivered after it. */
	stop(): void {
		this.stopped.abort();
		this.socket?.close(1000, 'workflow deactivated');
		this.socket = undefined;
		this.reassembler.clear();
	}

	private get log(): Logger {
		return this.transport().logger;
	}

	private async run(first: { resolve: () => void; reject: (error: Error) => void }) {
		const signal = this.stopped.signal;
		let failures = 0;
		while (!signal.aborted) {
			const outcome = await this.connectOnce(first.resolve);
			if (signal.aborted) return;
			if (!this.connected) {
				first.reject(new Error(outcome.reason));
				this.stop();
				return;
			}
			failures = outcome.kind === 'closed' ? 0 : failures + 1;
			// After a close: a random part of ReconnectNonce; after a failed try: ReconnectInterval.
			const waitMs =
				failures === 0
					? jitter(this.settings.reconnectNonceMs)
					: this.settings.reconnectIntervalMs + jitter(this.settings.reconnectNonceMs);
			this.log.warn(
				`Feishu long connection of app ${this.credentials.appId}: ${outcome.reason}; connecting again in ${Math.round(waitMs / 1000)} s` +
					(failures > 0
						? ` (${failures} failed tries in a row; tried without end while the workflow is active)`
						: ''),
			);
			await pause(waitMs, signal);
		}
	}

	/** One try: a fresh URL, a socket; settles when that socket is gone (or never opened). */
	private async connectOnce(onOpen: () => void): Promise<Outcome> {
		const answer = await requestConnectionUrl(
			this.transport().post,
			this.credentials,
			this.settings,
		);
		if ('fatal' in answer) return { kind: 'fatal', reason: answer.fatal };
		if ('retry' in answer) return { kind: 'failed', reason: answer.retry };
		if (this.stopped.signal.aborted) return { kind: 'closed', reason: 'stopped' };
		this.settings = answer.settings;
		let socket: Socket;
		try {
			socket = new this.WebSocketClass(answer.url);
		} catch (error) {
			return {
				kind: 'failed',
				reason: `the WebSocket URL Feishu gave could not be opened (${(error as Error).message})`,
			};
		}
		return await new Promise<Outcome>((resolve) => {
			socket.binaryType = 'arraybuffer';
			this.socket = socket;
			const alive = new AbortController();
			let opened = false;
			let done = false;
			const finish = (outcome: Outcome) => {
				if (done) return;
				done = true;
				alive.abort();
				this.reassembler.clear();
				if (this.socket === socket) this.socket = undefined;
				resolve(outcome);
			};
			socket.addEventListener('open', () => {
				opened = true;
				this.connected = true;
				this.lastInbound = Date.now();
				onOpen();
				this.log.info(`Feishu long connection of app ${this.credentials.appId} is open`);
				void this.keepAlive(socket, alive.signal, () => {
					socket.close(1000, 'no answer to pings');
					finish({ kind: 'closed', reason: 'Feishu stopped answering pings' });
				});
			});
			socket.addEventListener('message', (event) => {
				if (!done) this.received(socket, event.data);
			});
			socket.addEventListener('close', (event) =>
				finish(
					opened
						? { kind: 'closed', reason: `the connection closed (code ${event.code})` }
						: { kind: 'failed', reason: 'the WebSocket to Feishu did not open' },
				),
			);
			void pause(HANDSHAKE_TIMEOUT_MS, alive.signal).then(() => {
				if (opened || alive.signal.aborted) return;
				socket.close();
				finish({ kind: 'failed', reason: 'the WebSocket to Feishu did not open within 15 s' });
			});
		});
	}

	/** A ping at once, then one per interval (re-read each time); silence for two intervals ends the socket. */
	private async keepAlive(socket: Socket, signal: AbortSignal, silent: () => void) {
		const ping = encodeFrame({
			seqId: 0n,
			logId: 0n,
			service: serviceIdOf(socket),
			method: FRAME_METHOD.CONTROL,
			headers: [{ key: 'type', value: 'ping' }],
		});
		while (!signal.aborted) {
			if (Date.now() - this.lastInbound > 2 * this.settings.pingMs + 2_000) return silent();
			socket.send(ping);
			await pause(this.settings.pingMs, signal);
		}
	}

	private received(socket: Socket, data: unknown) {
		// Feishu sends only binary frames; text messages are not Feishu's.
		if (!(data instanceof ArrayBuffer)) return;
		this.lastInbound = Date.now();
		let frame: Frame;
		try {
			frame = decodeFrame(new Uint8Array(data));
		} catch (error) {
			this.log.warn(
				`Feishu long connection: a frame that could not be read was dropped (${(error as Error).message})`,
			);
			return;
		}
		const type = headerOf(frame, 'type');
		if (frame.method === FRAME_METHOD.CONTROL) {
			if (type === 'pong')
				this.settings = applyClientConfig(this.settings, parseJson(frame.payload));
			return;
		}
		// Only events are Feishu's to ack; other data types are dropped unacked, as the SDKs do.
		if (type !== 'event') return;
		const started = Date.now();
		const message = this.reassembler.add(frame, started);
		if (!message) return;
		const envelope = parseJson(message.bytes);
		const valid = typeof envelope === 'object' && envelope !== null && !Array.isArray(envelope);
		// Acked before the workflow runs: well within Feishu's 3 s, whatever the workflow does.
		socket.send(ack(message.frame, valid ? 200 : 500, Date.now() - started));
		if (!valid) {
			this.log.warn('Feishu long connection: an event that is no JSON object was refused (500)');
			return;
		}
		this.deliver(envelope as Record<string, unknown>);
	}
}

function parseJson(bytes: Uint8Array | undefined): unknown {
	try {
		return JSON.parse(Buffer.from(bytes ?? []).toString('utf8'));
	} catch {
		return undefined;
	}
}

/** The service_id of the socket's URL, copied into every ping. */
function serviceIdOf(socket: Socket): number {
	const url = (socket as unknown as { url?: string }).url ?? '';
	const service = Number(new URL(url, 'ws://feishu').searchParams.get('service_id'));
	return Number.isInteger(service) ? service | 0 : 0;
}
