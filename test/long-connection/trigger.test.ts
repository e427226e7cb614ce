import { startEmulator, type Emulator } from '../../emulator';
import { openConnectionCount } from '../../nodes/shared/long-connection/registry';
import { startLongConnectionTrigger, until, type RunningTrigger } from '../helpers/long-connection';
import { N8nHarness } from '../helpers/n8n';

/**
 * The long-connection trigger through n8n-core's TriggerContext against the emulator's
 * WebSocket server: Node's built-in WebSocket, the package's own frame codec.
 */
const FAST = { PingInterval: 1, ReconnectInterval: 1, ReconnectNonce: 1, ReconnectCount: -1 };
let emulator: Emulator;
let n8n: N8nHarness;
const running: RunningTrigger[] = [];

beforeEach(async () => {
	emulator = await startEmulator({
		talents: 50,
		rateLimits: false,
		longConnection: { clientConfig: FAST, ackTimeoutMs: 1_000 },
	});
	n8n = new N8nHarness(emulator);
	n8n.addCredential();
});

afterEach(async () => {
	for (const trigger of running.splice(0)) await trigger.close();
	await emulator.close();
});

const start = async (
	...args: Parameters<typeof startLongConnectionTrigger> extends [unknown, ...infer Rest]
		? Rest
		: never
) => {
	const trigger = await startLongConnectionTrigger(n8n, ...args);
	running.push(trigger);
	return trigger;
};
const server = () => emulator.longConnection;

describe('Feishu Hire Long Connection Trigger', () => {
	it('opens one connection, emits an event pushed in one frame and acks it echoing the 64-bit IDs exactly', async () => {
		const trigger = await start();
		expect(server().openConnections()).toHaveLength(1);
		const eventId = emulator.pushEvent({ largeIds: true });
		await until(() => trigger.items.length === 1, 5_000, 'the event');
		const [application] = emulator.applications();
		expect(trigger.items[0]).toMatchObject({
			event_type: 'hire.application.stage_changed_v1',
			event_id: eventId,
			application_id: application.id,
		});
		expect(trigger.items[0].envelope).toBeDefined();
		const [ack] = server().acks;
		expect(ack).toMatchObject({ eventId, code: 200 });
		expect(ack.logId).toBe(ack.sentLogId);
		expect(ack.logId > 2n ** 53n).toBe(true);
		expect(ack.seqId).toBe(ack.sentSeqId);
		expect(ack.headers.map((header) => header.key)).toEqual([
			'type',
			'message_id',
			'sum',
			'seq',
			'trace_id',
			'biz_rt',
		]);
	});

	it('joins an event split into parts that arrive out of order, cut inside characters', async () => {
		const trigger = await start();
		emulator.pushEvent({
			event: {
				application_id: '6949805467799537964',
				note: '面试通过，进入 Offer 阶段'.repeat(20),
			},
			parts: 7,
			outOfOrder: true,
		});
		await until(() => trigger.items.length === 1, 5_000, 'the joined event');
		expect(trigger.items[0].note).toBe('面试通过，进入 Offer 阶段'.repeat(20));
		expect(server().acks).toHaveLength(1);
	});

	it('acks an event at once, before the item is ready: a 1.5 s look-up gets no re-push (ack timeout 1 s)', async () => {
		const acksAtEmit: number[] = [];
		await start(
			{ options: { resolveTalent: true } },
			{ onEmit: () => acksAtEmit.push(server().acks.length) },
		);
		emulator.setFaults({ latencyMs: 1_500 });
		emulator.pushEvent();
		await until(() => acksAtEmit.length === 1, 5_000, 'the event');
		expect(acksAtEmit).toEqual([1]);
		expect(server().pushes).toHaveLength(1);
		expect(emulator.requests('getApplication')).toHaveLength(1);
	});

	it('a duplicate event_id is acked and emitted once; an unselected type is acked and dropped', async () => {
		const trigger = await start();
		emulator.pushEvent({ eventId: 'evt-dup-1' });
		emulator.pushEvent({ eventId: 'evt-dup-1' });
		emulator.pushEvent({ eventType: 'hire.offer.status_changed_v1', event: { offer_id: '1' } });
		await until(() => server().acks.length === 3, 5_000, 'three acks');
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(trigger.items.map((item) => item.event_id)).toEqual(['evt-dup-1']);
		expect(server().acks.every((ack) => ack.code === 200)).toBe(true);
		expect(server().unacked()).toEqual([]);
	});

	it('after the server closes (1000) it reconnects with a new ticket and events arrive again', async () => {
		const trigger = await start();
		server().closeAll(1000);
		await until(
			() => server().ticketsIssued === 2 && server().openConnections().length === 1,
			5_000,
			'the reconnect',
		);
		emulator.pushEvent({ eventId: 'after-close' });
		await until(() => trigger.items.length === 1, 5_000, 'the event after the reconnect');
		expect(trigger.logged.join('\n')).toContain('the connection closed (code 1000)');
	});

	it('an event pushed as the connection drops is re-pushed (unacked) after the reconnect and emitted once', async () => {
		const trigger = await start();
		emulator.pushEvent({ eventId: 'lost-in-the-drop' });
		server().dropAll();
		await until(() => trigger.items.length === 1, 8_000, 'the re-pushed event');
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(trigger.items.map((item) => item.event_id)).toEqual(['lost-in-the-drop']);
		expect(
			server().pushes.filter((push) => push.eventId === 'lost-in-the-drop').length,
		).toBeGreaterThanOrEqual(2);
		expect(server().unacked()).toEqual([]);
	});

	it('a connection whose pings go unanswered is replaced', async () => {
		await start();
		server().answerPings(false);
		const before = server().ticketsIssued;
		await until(() => server().ticketsIssued > before, 8_000, 'a new connection');
		server().answerPings(true);
		await until(() => server().openConnections().length === 1, 5_000, 'one open connection');
	});

	it('after it has worked, refused endpoint calls are retried and logged, never giving up', async () => {
		const trigger = await start();
		server().refuseNextEndpointCalls(2, { code: 1, msg: 'system busy' });
		server().dropAll();
		await until(
			() => server().endpointCalls === 4 && server().openConnections().length === 1,
			10_000,
			'the third try',
		);
		expect(trigger.logged.join('\n')).toContain(
			'Feishu refused the long connection: 1 system busy',
		);
		emulator.pushEvent({ eventId: 'after-outage' });
		await until(() => trigger.items.length === 1, 5_000, 'the event after the outage');
	});

	it('two triggers of one app share one connection, and each gets every event', async () => {
		const first = await start({}, { workflowId: 'wf-a' });
		const second = await start({}, { workflowId: 'wf-b' });
		expect(server().ticketsIssued).toBe(1);
		expect(server().openConnections()).toHaveLength(1);
		emulator.pushEvent({ eventId: 'shared-1' });
		await until(
			() => first.items.length === 1 && second.items.length === 1,
			5_000,
			'both triggers',
		);
		await first.close();
		emulator.pushEvent({ eventId: 'shared-2' });
		await until(() => second.items.length === 2, 5_000, 'the second event');
		expect(first.items).toHaveLength(1);
		expect(server().openConnections()).toHaveLength(1);
	});

	it.each([
		[1000040345, 'check the App ID and App Secret'],
		[1000040351, 'pick Lark for apps of open.larksuite.com'],
		[1000049999, 'Feishu refused the long connection: 1000049999'],
	])('a refusal %s fails activation with one clear line', async (code, text) => {
		server().refuseNextEndpointCalls(1, { code, msg: 'refused' });
		await expect(start()).rejects.toThrow(text);
		expect(openConnectionCount()).toBe(0);
	});

	it('a wrong App Secret fails activation, and the secret is nowhere in the error', async () => {
		n8n.addCredential({ appSecret: 'wrong-secret-x1' }, 'cred-wrong');
		const error = await start({}, { credentialId: 'cred-wrong' }).then(
			() => undefined,
			(failure: Error) => failure,
		);
		expect(error?.message).toContain('1000040345');
		expect(JSON.stringify(error)).not.toContain('wrong-secret-x1');
		expect(JSON.stringify(error)).not.toContain(emulator.appSecret);
	});

	it('deactivation closes the socket and every timer; nothing is emitted after it', async () => {
		const timers = () =>
			process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
		const before = timers();
		const trigger = await start();
		await trigger.close();
		running.splice(running.indexOf(trigger), 1);
		await until(() => server().openConnections().length === 0, 5_000, 'the socket to close');
		expect(openConnectionCount()).toBe(0);
		emulator.pushEvent();
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(trigger.items).toEqual([]);
		expect(timers()).toBeLessThanOrEqual(before + 1);
	});

	it('never logs the App Secret or the connection ticket', async () => {
		const trigger = await start();
		server().closeAll(1000);
		await until(() => server().ticketsIssued === 2, 5_000, 'the reconnect');
		const logged = trigger.logged.join('\n');
		expect(logged).not.toContain(emulator.appSecret);
		expect(logged).not.toMatch(/ticket=|access_key=/);
	});
});

describe('LongConnection, a URL that cannot be opened', () => {
	it('fails its first connect with the reason instead of hanging', async () => {
		const { LongConnection } = await import('../../nodes/shared/long-connection/connection');
		const { builtInWebSocket } = await import('../../nodes/shared/long-connection/socket');
		const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
		const connection = new LongConnection(
			{ origin: 'http://127.0.0.1:1', appId: 'cli_x', appSecret: 'secret' },
			builtInWebSocket()!,
			() => ({
				post: async () => ({
					status: 200,
					body: { code: 0, msg: 'ok', data: { URL: 'ws://[::1' } },
				}),
				logger,
			}),
			() => undefined,
		);
		await expect(connection.ready).rejects.toThrow('could not be opened');
		expect(connection.isStopped).toBe(true);
	});
});
