import axios from 'axios';
import WebSocket from 'ws';

import { startEmulator, type Emulator } from '../../emulator';
import { decodeFrame, encodeFrame, headerOf } from '../../nodes/shared/long-connection/frame';

/** The emulator's long connection, strict to the facts sheet (feishu-long-connection.md §10). */
let emulator: Emulator;
beforeEach(async () => {
	emulator = await startEmulator({ talents: 10 });
});
afterEach(async () => {
	await emulator.close();
});

const endpoint = async (body: object = { AppID: emulator.appId, AppSecret: emulator.appSecret }) =>
	(await axios.post(`${emulator.url}/callback/ws/endpoint`, body, { validateStatus: () => true }))
		.data;
const open = async (url: string) =>
	await new Promise<{ socket: WebSocket; status?: number; headers?: Record<string, string> }>(
		(resolve) => {
			const socket = new WebSocket(url);
			socket.on('open', () => resolve({ socket }));
			socket.on('unexpected-response', (_req, res) =>
				resolve({ socket, status: res.statusCode, headers: res.headers as Record<string, string> }),
			);
		},
	);
const next = async (socket: WebSocket) =>
	await new Promise<Buffer>((resolve) => socket.once('message', (data: Buffer) => resolve(data)));

it('hands out a URL with a fresh ticket (device_id not first) and all four client settings', async () => {
	const first = await endpoint();
	const second = await endpoint();
	expect(first).toMatchObject({
		code: 0,
		data: {
			ClientConfig: {
				PingInterval: 90,
				ReconnectCount: -1,
				ReconnectInterval: 120,
				ReconnectNonce: 30,
			},
		},
	});
	const url = new URL(first.data.URL);
	expect([...url.searchParams.keys()][0]).not.toBe('device_id');
	expect(url.searchParams.get('service_id')).toBe('33554678');
	expect(url.searchParams.get('ticket')).not.toBe(
		new URL(second.data.URL).searchParams.get('ticket'),
	);
});

it('refuses a wrong secret with 1000040345 and keeps a data object; queued refusals come first', async () => {
	expect(await endpoint({ AppID: emulator.appId, AppSecret: 'nope' })).toEqual({
		code: 1000040345,
		msg: 'app_id or app_secret is invalid',
		data: {},
	});
	emulator.longConnection.refuseNextEndpointCalls(1, {
		code: 1000040351,
		msg: 'Incorrect domain name',
	});
	expect((await endpoint()).code).toBe(1000040351);
	expect((await endpoint()).code).toBe(0);
});

it('a ticket opens one connection only; the pong answers a ping with the four settings', async () => {
	const { data } = await endpoint();
	const { socket } = await open(data.URL);
	const reuse = await open(data.URL);
	expect(reuse.status).toBe(403);
	expect(reuse.headers?.['handshake-status']).toBe('403');
	socket.send(
		encodeFrame({
			seqId: 0n,
			logId: 0n,
			service: 33554678,
			method: 0,
			headers: [{ key: 'type', value: 'ping' }],
		}),
	);
	const pong = decodeFrame(await next(socket));
	expect(headerOf(pong, 'type')).toBe('pong');
	expect(pong.service).toBe(33554678);
	expect(Object.keys(JSON.parse(Buffer.from(pong.payload!).toString())).sort()).toEqual([
		'PingInterval',
		'ReconnectCount',
		'ReconnectInterval',
		'ReconnectNonce',
	]);
	socket.close();
});

it('pushes an event with every header, token empty; re-pushes it unacked after the ack timeout', async () => {
	await emulator.close();
	emulator = await startEmulator({ talents: 10, longConnection: { ackTimeoutMs: 100 } });
	const { socket } = await open((await endpoint()).data.URL);
	const eventId = emulator.pushEvent({ eventId: 'emu-evt-1' });
	const first = decodeFrame(await next(socket));
	expect(first.headers.map((header) => header.key)).toEqual([
		'type',
		'message_id',
		'sum',
		'seq',
		'trace_id',
	]);
	const envelope = JSON.parse(Buffer.from(first.payload!).toString());
	expect(envelope.header).toMatchObject({ event_id: eventId, token: '' });
	const again = decodeFrame(await next(socket));
	expect(headerOf(again, 'message_id')).toBe(headerOf(first, 'message_id'));
	socket.send(encodeFrame({ ...again, payload: Buffer.from('{"code":200}') }));
	await new Promise((resolve) => setTimeout(resolve, 50));
	expect(emulator.longConnection.unacked()).toEqual([]);
	socket.close();
});

it('refuses the 51st connection of the app with 514 and Handshake-Autherrcode 1000040350', async () => {
	const sockets: WebSocket[] = [];
	for (let i = 0; i < 50; i++) sockets.push((await open((await endpoint()).data.URL)).socket);
	const refused = await open((await endpoint()).data.URL);
	expect(refused.status).toBe(514);
	expect(refused.headers?.['handshake-autherrcode']).toBe('1000040350');
	for (const socket of sockets) socket.close();
});
