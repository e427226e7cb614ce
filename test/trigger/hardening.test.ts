import axios from 'axios';
import { HookContext } from 'n8n-core';
import type { INodeParameters, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { REFUSED_BODY } from '../../nodes/FeishuHireTrigger/delivery';
import { deliveryRequest, hireEvent, urlVerification } from '../../emulator/events';
import { useEmulator } from '../helpers/fixture';
import { feishuHireTrigger, TRIGGER_TYPE } from '../helpers/n8n';
import { startTriggerServer, type TriggerServer } from '../helpers/webhook-server';

/** What a trigger refuses, and that its answers say nothing about why. */
const ENCRYPT_KEY = 'hardening-encrypt-key-5f1e';
const VERIFICATION_TOKEN = 'hardening-verification-token-a90c';
const STAGE_CHANGED = 'hire.application.stage_changed_v1';

const fixture = useEmulator();
let trigger: TriggerServer;

afterEach(async () => {
	jest.useRealTimers();
	await trigger?.close();
});

async function listen(
	credential: { encryptKey?: string; verificationToken?: string } = {},
	options: INodeParameters = {},
) {
	const credentialId = fixture.n8n.addCredential({
		encryptKey: ENCRYPT_KEY,
		verificationToken: VERIFICATION_TOKEN,
		...credential,
	});
	trigger = await startTriggerServer(
		fixture.n8n,
		{ events: [STAGE_CHANGED], options },
		credentialId,
	);
}

const event = (
	fields: Record<string, unknown> = {},
	eventId?: string,
	token = VERIFICATION_TOKEN,
) =>
	hireEvent(
		STAGE_CHANGED,
		{ application_id: '6949805467799537964', ...fields },
		{ eventId, verificationToken: token },
	);

/** Posts `body` with `headers` as given; the answer and whether an execution started. */
async function post(body: string, headers: Record<string, string>) {
	const response = await axios.post(trigger.url, body, {
		headers,
		transformRequest: (data: unknown) => data,
		transformResponse: (text) => text,
		validateStatus: () => true,
	});
	return {
		status: response.status,
		body: String(response.data),
		started: trigger.answers.at(-1)?.started ?? false,
	};
}

const send = (payload: object, options: Parameters<typeof deliveryRequest>[1] = {}) => {
	const { body, headers } = deliveryRequest(payload, options);
	return post(body, headers);
};

const refusals = () => trigger.logs.filter((line) => line.includes('refused a request'));

describe('no open trigger: the credential must hold a Verification Token or an Encrypt Key', () => {
	it('refuses every delivery, the URL check included, with 401, and the log says why', async () => {
		await listen({ encryptKey: '', verificationToken: '' });
		expect(await send(event({}, undefined, ''))).toMatchObject({ status: 401, started: false });
		expect(await send(urlVerification('ch-open', ''))).toMatchObject({
			status: 401,
			started: false,
		});
		expect(trigger.executions).toHaveLength(0);
		expect(refusals()[0]).toContain('neither a Verification Token nor an Encrypt Key');
	});

	const activate = async (credential: Record<string, string>, options = {}) => {
		const credentialId = fixture.n8n.addCredential(credential);
		const node = fixture.n8n.node(
			{ events: [STAGE_CHANGED], options },
			credentialId,
			false,
			TRIGGER_TYPE,
		);
		const workflow = fixture.n8n.workflow(node, 'wf-activation');
		const context = new HookContext(
			workflow,
			node,
			fixture.n8n.additionalData(workflow) as IWorkflowExecuteAdditionalData,
			'trigger',
			'activate',
		);
		return await feishuHireTrigger.webhookMethods!.default.checkExists.call(context);
	};

	it('fails activation without either secret, naming what to copy from Feishu', async () => {
		await expect(activate({ encryptKey: '', verificationToken: '  ' })).rejects.toThrow(
			/neither a Verification Token nor an Encrypt Key.*Events & Callbacks/,
		);
		expect(fixture.emulator.requests('token')).toHaveLength(0);
	});

	it.each([
		['a Verification Token', { encryptKey: '', verificationToken: VERIFICATION_TOKEN }],
		['an Encrypt Key', { encryptKey: ENCRYPT_KEY, verificationToken: '' }],
	])('activates with %s alone', async (_case, credential) => {
		await expect(activate(credential)).resolves.toBe(true);
	});

	it.each([
		['"abc"', 'abc'],
		['0', 0],
		['1441 (over a day)', 1441],
	])(
		'fails activation when Max Request Age is %s, and refuses deliveries instead of checking nothing',
		async (_case, maxAgeMinutes) => {
			await expect(
				activate(
					{ encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN },
					{ maxAgeMinutes },
				),
			).rejects.toThrow(/Max Request Age \(Minutes\) must be a number from 1 to 1440/);
			await listen({}, { maxAgeMinutes });
			const stale = Math.floor(Date.now() / 1000) - 30 * 24 * 3600;
			expect(
				await send(event(), { encryptKey: ENCRYPT_KEY, timestampSeconds: stale }),
			).toMatchObject({
				status: 401,
				started: false,
			});
			expect(refusals()[0]).toContain('Max Request Age');
		},
	);
});

describe('bounded inputs', () => {
	it('refuses an event_id over 128 characters before it reaches the deduplication store', async () => {
		await listen();
		const long = 'e'.repeat(129);
		expect(await send(event({}, long), { encryptKey: ENCRYPT_KEY })).toMatchObject({
			status: 401,
			started: false,
		});
		expect(refusals()[0]).toContain('event_id of 129 characters');
		expect(await send(event({}, 'e'.repeat(128)), { encryptKey: ENCRYPT_KEY })).toMatchObject({
			status: 200,
			started: true,
		});
	});

	it('does not decrypt an unsigned encrypted body over 4 KiB, even a valid URL check', async () => {
		await listen();
		const padded = { ...urlVerification('ch-padded', VERIFICATION_TOKEN), pad: 'x'.repeat(4096) };
		const result = await send(padded, { encryptKey: ENCRYPT_KEY, unsigned: true });
		expect(result).toMatchObject({ status: 401, started: false });
		expect(result.body).not.toContain('ch-padded');
		expect(refusals()[0]).toContain('unsigned encrypted body');
		// The same URL check at its usual size is answered.
		const plain = await send(urlVerification('ch-small', VERIFICATION_TOKEN), {
			encryptKey: ENCRYPT_KEY,
			unsigned: true,
		});
		expect(plain).toMatchObject({ status: 200, started: false });
		expect(JSON.parse(plain.body)).toEqual({ challenge: 'ch-small' });
	});

	it('refuses a body n8n kept no raw bytes for (multipart) with 400 instead of signing re-serialised data', async () => {
		await listen({ encryptKey: '' });
		const boundary = 'feishu-hardening';
		const body = [
			`--${boundary}`,
			'Content-Disposition: form-data; name="event"',
			'',
			JSON.stringify(event()),
			`--${boundary}--`,
			'',
		].join('\r\n');
		const result = await post(body, {
			'Content-Type': `multipart/form-data; boundary=${boundary}`,
		});
		expect(result).toMatchObject({ status: 400, started: false });
		expect(refusals()[0]).toContain('no raw body');
	});
});

describe('one answer for every refusal', () => {
	it.each<[string, Record<string, string>, object, Parameters<typeof deliveryRequest>[1]]>([
		['a wrong signature', {}, event(), { encryptKey: 'not-the-key' }],
		['no signature', {}, event(), { encryptKey: ENCRYPT_KEY, unsigned: true }],
		['a wrong verification token', {}, event({}, undefined, 'forged'), { encryptKey: ENCRYPT_KEY }],
		['a body that does not decrypt', {}, event(), { encryptKey: 'not-the-key', unsigned: true }],
		[
			'an encrypted body without an Encrypt Key',
			{ encryptKey: '' },
			event(),
			{ encryptKey: ENCRYPT_KEY },
		],
		['a plain body that is not an event', { encryptKey: '' }, { hello: 'world' }, {}],
		['a credential without secrets', { encryptKey: '', verificationToken: '' }, event(), {}],
		[
			'a stale timestamp',
			{},
			event(),
			{ encryptKey: ENCRYPT_KEY, timestampSeconds: Math.floor(Date.now() / 1000) - 9 * 3600 },
		],
	])('%s: 401 and the same body', async (_case, credential, payload, options) => {
		await listen(credential);
		const result = await send(payload, options);
		expect(result).toEqual({ status: 401, body: JSON.stringify(REFUSED_BODY), started: false });
		expect(refusals()).toHaveLength(1);
	});

	it('logs a reason at most once a minute, each reason on its own', async () => {
		await listen();
		for (let index = 0; index < 5; index++) await send(event(), { encryptKey: 'not-the-key' });
		for (let index = 0; index < 3; index++)
			await send(event({}, undefined, 'forged'), { encryptKey: ENCRYPT_KEY });
		expect(refusals()).toHaveLength(2);
		expect(refusals()[0]).toContain('X-Lark-Signature does not match');
		expect(refusals()[1]).toContain('verification token does not match');
	});
});

describe('replay window and deduplication agree', () => {
	it('recognises a signed event replayed 9 hours later inside a 24-hour window', async () => {
		await listen({}, { maxAgeMinutes: 24 * 60 });
		const signedAt = Math.floor(Date.now() / 1000);
		const first = event({}, 'evt-replayed');
		expect(
			await send(first, { encryptKey: ENCRYPT_KEY, timestampSeconds: signedAt }),
		).toMatchObject({
			status: 200,
			started: true,
		});
		// Only the clock moves: timers, sockets and n8n run as usual.
		jest.useFakeTimers({ now: Date.now() + 9 * 3600_000, doNotFake: [...NOT_DATE] });
		const replay = await send(first, { encryptKey: ENCRYPT_KEY, timestampSeconds: signedAt });
		expect(replay).toMatchObject({ status: 200, started: false });
		expect(replay.body).toContain('already received');
		expect(trigger.executions).toHaveLength(1);
	});
});

it('keeps event fields named constructor, toString, valueOf and __proto__ as own properties', async () => {
	await listen();
	const fields = JSON.parse(
		'{"application_id":"6949805467799537964","constructor":"c","toString":"t","valueOf":"v","__proto__":{"polluted":true}}',
	) as Record<string, unknown>;
	expect(await send(event(fields), { encryptKey: ENCRYPT_KEY })).toMatchObject({ started: true });
	const [item] = trigger.executions[0];
	for (const [key, value] of [
		['constructor', 'c'],
		['toString', 't'],
		['valueOf', 'v'],
		['__proto__', { polluted: true }],
	] as const) {
		expect(Object.hasOwn(item, key)).toBe(true);
		expect(Object.getOwnPropertyDescriptor(item, key)!.value).toEqual(value);
	}
	expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** Every timer API but Date: jest then fakes the clock alone. */
const NOT_DATE = [
	'hrtime',
	'nextTick',
	'performance',
	'queueMicrotask',
	'requestAnimationFrame',
	'cancelAnimationFrame',
	'requestIdleCallback',
	'cancelIdleCallback',
	'setImmediate',
	'clearImmediate',
	'setInterval',
	'clearInterval',
	'setTimeout',
	'clearTimeout',
] as const;
