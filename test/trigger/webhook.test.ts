import axios from 'axios';
import { sleep } from 'n8n-workflow';

import { deliver, feishuSignature, hireEvent, urlVerification } from '../../emulator/events';
import { useEmulator } from '../helpers/fixture';
import { startTriggerServer, type TriggerServer } from '../helpers/webhook-server';

const ENCRYPT_KEY = 'kx9Q2-encrypt-key-of-the-app';
const VERIFICATION_TOKEN = 'vt-7c1d0e5b-verification-token';
const STAGE_CHANGED = 'hire.application.stage_changed_v1';
const APPLICATION_ID = '6949805467799537964';

const fixture = useEmulator();
let trigger: TriggerServer;

afterEach(async () => {
	await trigger?.close();
});

async function listen(
	credential: { encryptKey?: string; verificationToken?: string } = {},
	parameters: Record<string, unknown> = {},
) {
	const credentialId = fixture.n8n.addCredential({
		encryptKey: ENCRYPT_KEY,
		verificationToken: VERIFICATION_TOKEN,
		...credential,
	});
	trigger = await startTriggerServer(
		fixture.n8n,
		{ events: [STAGE_CHANGED], ...parameters },
		credentialId,
	);
	return trigger;
}

const stageChanged = (eventId?: string, token = VERIFICATION_TOKEN) =>
	hireEvent(
		STAGE_CHANGED,
		{
			application_id: APPLICATION_ID,
			origin_stage_id: '6949805467799537001',
			target_stage_id: '6949805467799537003',
			update_time: '1764576000000',
		},
		{ eventId, verificationToken: token },
	);

/** One delivery, no retries: its HTTP status and whether it started an execution. */
async function send(payload: object, options: Parameters<typeof deliver>[2] = {}) {
	const [attempt] = await deliver(trigger.url, payload, options);
	return { status: attempt.status, body: attempt.body, started: trigger.answers.at(-1)!.started };
}

async function sendRaw(body: string | Buffer, headers: Record<string, string> = {}) {
	const response = await axios.post(trigger.url, body, {
		headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
		// As sent: axios would quote a JSON body that does not parse.
		transformRequest: (data: unknown) => data,
		transformResponse: (text) => text,
		validateStatus: () => true,
		maxBodyLength: Infinity,
	});
	return { status: response.status, started: trigger.answers.at(-1)?.started ?? false };
}

describe('url_verification', () => {
	it('answers the challenge of a plain request and starts nothing', async () => {
		await listen({ encryptKey: '' });
		const result = await send(urlVerification('ch-plain-1', VERIFICATION_TOKEN));
		expect(result).toMatchObject({ status: 200, started: false });
		expect(JSON.parse(result.body)).toEqual({ challenge: 'ch-plain-1' });
		expect(trigger.executions).toHaveLength(0);
	});

	it('decrypts an encrypted request before answering', async () => {
		await listen();
		// Feishu sends the URL check without signature headers.
		const result = await send(urlVerification('ch-encrypted-2', VERIFICATION_TOKEN), {
			encryptKey: ENCRYPT_KEY,
			unsigned: true,
		});
		expect(result).toMatchObject({ status: 200, started: false });
		expect(JSON.parse(result.body)).toEqual({ challenge: 'ch-encrypted-2' });
	});

	it('refuses a challenge with another verification token (401)', async () => {
		await listen({ encryptKey: '' });
		const result = await send(urlVerification('ch-3', 'someone-elses-token'));
		expect(result).toMatchObject({ status: 401, started: false });
		expect(result.body).not.toContain('ch-3');
	});
});

describe('events', () => {
	it('starts one execution for a signed, encrypted event, with its fields flattened', async () => {
		await listen();
		const event = stageChanged('evt-good-1');
		const result = await send(event, { encryptKey: ENCRYPT_KEY });
		expect(result).toMatchObject({ status: 200, started: true });
		expect(trigger.executions).toHaveLength(1);
		const [item] = trigger.executions[0];
		expect(item).toMatchObject({
			event_type: STAGE_CHANGED,
			event_id: 'evt-good-1',
			create_time: event.header.create_time,
			app_id: event.header.app_id,
			tenant_key: event.header.tenant_key,
			application_id: APPLICATION_ID,
			target_stage_id: '6949805467799537003',
		});
		expect(item.envelope).toEqual({
			schema: '2.0',
			header: { ...event.header, token: undefined },
			event: event.event,
		});
		expect(JSON.stringify(item)).not.toContain(VERIFICATION_TOKEN);
	});

	it('starts an execution for a plain event whose token matches', async () => {
		await listen({ encryptKey: '' });
		expect(await send(stageChanged())).toMatchObject({ status: 200, started: true });
	});

	it.each<[string, Parameters<typeof deliver>[2]]>([
		['a signature made with another key', { encryptKey: 'not-the-key' }],
		['no signature although an Encrypt Key is set', { encryptKey: ENCRYPT_KEY, unsigned: true }],
		['a body changed after signing', { encryptKey: ENCRYPT_KEY, tamper: true }],
		[
			'a timestamp 8 hours old (a replay)',
			{ encryptKey: ENCRYPT_KEY, timestampSeconds: Math.floor(Date.now() / 1000) - 8 * 3600 },
		],
		[
			'a timestamp 10 minutes in the future',
			{ encryptKey: ENCRYPT_KEY, timestampSeconds: Math.floor(Date.now() / 1000) + 600 },
		],
	])('refuses %s with 401 and starts nothing', async (_case, options) => {
		const status = 401;
		await listen();
		const result = await send(stageChanged(), options);
		expect(result).toMatchObject({ status, started: false });
		expect(trigger.executions).toHaveLength(0);
		expect(trigger.logs.join('\n')).toContain('Feishu Hire Trigger refused a request');
	});

	it('refuses an event with another verification token (401)', async () => {
		await listen();
		const result = await send(stageChanged(undefined, 'forged-token'), {
			encryptKey: ENCRYPT_KEY,
		});
		expect(result).toMatchObject({ status: 401, started: false });
	});

	it('accepts a stale timestamp when Max Request Age allows it', async () => {
		await listen({}, { options: { maxAgeMinutes: 24 * 60 } });
		const result = await send(stageChanged(), {
			encryptKey: ENCRYPT_KEY,
			timestampSeconds: Math.floor(Date.now() / 1000) - 8 * 3600,
		});
		expect(result).toMatchObject({ status: 200, started: true });
	});

	it('acknowledges an event type that is not selected (200) and starts nothing', async () => {
		await listen();
		const offer = hireEvent(
			'hire.offer.status_changed_v1',
			{ offer_id: '6949805467799538001' },
			{ verificationToken: VERIFICATION_TOKEN },
		);
		const result = await send(offer, { encryptKey: ENCRYPT_KEY });
		expect(result).toMatchObject({ status: 200, started: false });
		expect(result.body).toContain('not selected');
	});

	it('lets every hire.* event through with Any Hire Event, and no other', async () => {
		await listen({}, { events: ['*'] });
		const unlisted = hireEvent(
			'hire.ehr_import_task.imported_v1',
			{ task_id: '1' },
			{ verificationToken: VERIFICATION_TOKEN },
		);
		const other = hireEvent('im.message.receive_v1', {}, { verificationToken: VERIFICATION_TOKEN });
		expect(await send(unlisted, { encryptKey: ENCRYPT_KEY })).toMatchObject({ started: true });
		expect(await send(other, { encryptKey: ENCRYPT_KEY })).toMatchObject({
			status: 200,
			started: false,
		});
	});

	it('refuses malformed JSON (n8n: 422), an undecryptable body (401) and an oversized one (413)', async () => {
		await listen();
		expect(await sendRaw('{"schema": "2.0", "header": ')).toEqual({ status: 422, started: false });
		const garbage = JSON.stringify({ encrypt: Buffer.alloc(48, 7).toString('base64') });
		expect(await sendRaw(garbage, signedHeaders(garbage))).toEqual({ status: 401, started: false });
		const huge = JSON.stringify({ encrypt: 'A'.repeat(2 * 1024 * 1024) });
		expect(await sendRaw(huge, signedHeaders(huge))).toEqual({ status: 413, started: false });
	});

	it('refuses an encrypted event when the credential has no Encrypt Key (401), saying why in the log only', async () => {
		await listen({ encryptKey: '' });
		const result = await send(stageChanged(), { encryptKey: ENCRYPT_KEY });
		expect(result).toMatchObject({ status: 401, started: false });
		expect(result.body).not.toContain('Encrypt Key');
		expect(trigger.logs.join('\n')).toContain('no Encrypt Key');
	});
});

/** Feishu's signature headers for `body`, made with the right key. */
function signedHeaders(body: string): Record<string, string> {
	const timestamp = String(Math.floor(Date.now() / 1000));
	const nonce = 'n0nce';
	return {
		'X-Lark-Request-Timestamp': timestamp,
		'X-Lark-Request-Nonce': nonce,
		'X-Lark-Signature': feishuSignature(timestamp, nonce, ENCRYPT_KEY, body),
	};
}

describe('deduplication by event_id', () => {
	it('runs a retried event once, also after other executions ran in between', async () => {
		await listen();
		expect(await send(stageChanged('evt-dup-1'), { encryptKey: ENCRYPT_KEY })).toMatchObject({
			started: true,
		});
		// A redelivery re-signs with a new nonce: only the event_id says it is the same event.
		expect(await send(stageChanged('evt-dup-1'), { encryptKey: ENCRYPT_KEY })).toMatchObject({
			status: 200,
			started: false,
		});
		for (let index = 0; index < 5; index++)
			await send(stageChanged(`evt-other-${index}`), { encryptKey: ENCRYPT_KEY });
		const late = await send(stageChanged('evt-dup-1'), { encryptKey: ENCRYPT_KEY });
		expect(late).toMatchObject({ status: 200, started: false });
		expect(late.body).toContain('already received');
		expect(trigger.executions.map(([item]) => item.event_id)).toEqual([
			'evt-dup-1',
			...[0, 1, 2, 3, 4].map((index) => `evt-other-${index}`),
		]);
	});

	it('starts one execution when the same event arrives twice at once', async () => {
		await listen();
		const results = await Promise.all(
			[1, 2, 3].map(() => send(stageChanged('evt-race'), { encryptKey: ENCRYPT_KEY })),
		);
		expect(results.map((result) => result.status)).toEqual([200, 200, 200]);
		expect(trigger.executions).toHaveLength(1);
	});

	it('does not count a refused request as received: the genuine one still runs', async () => {
		await listen();
		await send(stageChanged('evt-forged-first'), { encryptKey: 'not-the-key' });
		expect(await send(stageChanged('evt-forged-first'), { encryptKey: ENCRYPT_KEY })).toMatchObject(
			{ status: 200, started: true },
		);
	});

	it('keeps one store per trigger: two workflows both run the same event', async () => {
		await listen();
		const first = trigger;
		await send(stageChanged('evt-two-workflows'), { encryptKey: ENCRYPT_KEY });
		await listen();
		await send(stageChanged('evt-two-workflows'), { encryptKey: ENCRYPT_KEY });
		expect(first.executions).toHaveLength(1);
		expect(trigger.executions).toHaveLength(1);
		await first.close();
	});
});

describe('Resolve Talent', () => {
	it('adds the talent, stage and status of the application', async () => {
		const application = fixture.emulator.applications().find((one) => one.active_status === 2)!;
		await listen({}, { options: { resolveTalent: true } });
		const event = hireEvent(
			STAGE_CHANGED,
			{ application_id: application.id },
			{ verificationToken: VERIFICATION_TOKEN },
		);
		expect(await send(event, { encryptKey: ENCRYPT_KEY })).toMatchObject({ started: true });
		expect(trigger.executions[0][0]).toMatchObject({
			application_id: application.id,
			talent_id: application.talent_id,
			job_id: application.job_id,
			application_stage: application.stage,
			application_active_status: 2,
			application_terminated: true,
		});
		expect(fixture.emulator.requests('getApplication')).toHaveLength(1);
	});

	it('reports an unknown application on the item and still runs it', async () => {
		await listen({}, { options: { resolveTalent: true } });
		const event = hireEvent(
			STAGE_CHANGED,
			{ application_id: '6949805467799999999' },
			{ verificationToken: VERIFICATION_TOKEN },
		);
		expect(await send(event, { encryptKey: ENCRYPT_KEY })).toMatchObject({
			status: 200,
			started: true,
		});
		const [item] = trigger.executions[0];
		expect(item.talent_id).toBeUndefined();
		expect(item.resolve_talent_error).toMatchObject({
			message: expect.stringContaining('1002002'),
			description: expect.stringContaining('no application with this ID'),
		});
	});

	it('goes on without the talent when Feishu is too slow to answer within the delivery deadline', async () => {
		fixture.emulator.setFaults({ latencyMs: 3500 });
		await listen({}, { options: { resolveTalent: true } });
		const result = await send(stageChanged(), { encryptKey: ENCRYPT_KEY });
		expect(result).toMatchObject({ status: 200, started: true });
		expect(trigger.executions[0][0].resolve_talent_error).toMatchObject({
			message: expect.stringContaining('within 2 s'),
		});
	});

	it("gives up at once, and sends nothing more, while Feishu's rate limit holds look-ups past the deadline", async () => {
		fixture.emulator.setRateLimits({ getApplication: { perSecond: 50, perMinute: 1 } });
		// The refusal lasts until the gateway's minute ends: not in its last seconds, so past the 2 s.
		const leftInMinute = 60_000 - (Date.now() % 60_000);
		if (leftInMinute < 5000) await sleep(leftInMinute);
		const application = fixture.emulator.applications()[0];
		await listen({}, { options: { resolveTalent: true } });
		for (const eventId of ['evt-limited-1', 'evt-limited-2', 'evt-limited-3']) {
			const event = hireEvent(
				STAGE_CHANGED,
				{ application_id: application.id },
				{ eventId, verificationToken: VERIFICATION_TOKEN },
			);
			expect(await send(event, { encryptKey: ENCRYPT_KEY })).toMatchObject({
				status: 200,
				started: true,
			});
		}
		const [first, ...limited] = trigger.executions.map(([item]) => item);
		expect(first.talent_id).toBe(application.talent_id);
		for (const item of limited) {
			expect(item.talent_id).toBeUndefined();
			expect(item.resolve_talent_error).toMatchObject({
				message: expect.stringContaining('within 2 s'),
				description: expect.stringContaining('rate limit'),
			});
		}
		// The second look-up got the 429; the third waited for nothing and was not sent.
		expect(fixture.emulator.stats().endpoints.getApplication).toMatchObject({
			admitted: 1,
			rateLimited: 1,
		});
	});

	it.each([
		[
			'"abc"',
			'abc',
			/^application_id "abc" is not a Feishu ID \(19 digits\); nothing was looked up$/,
		],
		['a number', 6949805467799537000, /^application_id is the number 6949805467799537000/],
	])(
		'reports an application_id that is %s on the item without asking Feishu',
		async (_case, applicationId, message) => {
			await listen({}, { options: { resolveTalent: true } });
			const event = hireEvent(
				STAGE_CHANGED,
				{ application_id: applicationId },
				{ verificationToken: VERIFICATION_TOKEN },
			);
			expect(await send(event, { encryptKey: ENCRYPT_KEY })).toMatchObject({ started: true });
			const [item] = trigger.executions[0];
			expect((item.resolve_talent_error as { message: string }).message).toMatch(message);
			expect(fixture.emulator.requests('getApplication')).toHaveLength(0);
		},
	);

	it('leaves events without an application alone and sends nothing', async () => {
		await listen({}, { events: ['hire.talent.deleted_v1'], options: { resolveTalent: true } });
		const event = hireEvent(
			'hire.talent.deleted_v1',
			{ talent_id: '7000000000000000001' },
			{ verificationToken: VERIFICATION_TOKEN },
		);
		await send(event, { encryptKey: ENCRYPT_KEY });
		expect(trigger.executions[0][0]).toMatchObject({ talent_id: '7000000000000000001' });
		expect(trigger.executions[0][0]).not.toHaveProperty('resolve_talent_error');
		expect(fixture.emulator.requests('getApplication')).toHaveLength(0);
	});
});

it('never shows the app secret, the Encrypt Key, the verification token or the access token', async () => {
	await listen({}, { options: { resolveTalent: true } });
	await send(urlVerification('ch-secrets', VERIFICATION_TOKEN), {
		encryptKey: ENCRYPT_KEY,
		unsigned: true,
	});
	await send(stageChanged(), { encryptKey: ENCRYPT_KEY });
	await send(stageChanged(undefined, 'forged'), { encryptKey: ENCRYPT_KEY });
	await send(stageChanged(), { encryptKey: 'not-the-key' });
	await send(
		hireEvent(
			STAGE_CHANGED,
			{ application_id: '6949805467799999999' },
			{ verificationToken: VERIFICATION_TOKEN },
		),
		{ encryptKey: ENCRYPT_KEY },
	);
	const seen = JSON.stringify([trigger.answers, trigger.executions, trigger.logs]);
	const token = String(
		fixture.n8n.storedToken(fixture.n8n.credentials.store.size === 2 ? 'cred-2' : 'cred-1'),
	);
	expect(token.length).toBeGreaterThan(10);
	for (const secret of [fixture.emulator.appSecret, ENCRYPT_KEY, VERIFICATION_TOKEN, token])
		expect(seen).not.toContain(secret);
});
