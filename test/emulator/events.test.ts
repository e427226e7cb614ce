import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';

import { startEmulator } from '../../emulator/server';

import {
	decryptFromFeishu,
	deliver,
	encryptForFeishu,
	hireEvent,
	RETRY_SCHEDULE_MS,
	urlVerification,
} from '../../emulator/events';

interface Received {
	headers: Record<string, string | string[] | undefined>;
	raw: string;
	at: number;
}

/** A request URL that records what arrives and answers with the statuses given, then 200. */
async function receiver(statuses: number[] = []) {
	const received: Received[] = [];
	const server: Server = createServer((req, res) => {
		let raw = '';
		req.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk));
		req.on('end', () => {
			received.push({ headers: req.headers, raw, at: Date.now() });
			res.writeHead(statuses.shift() ?? 200, { 'content-type': 'application/json' });
			res.end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
	return { url, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('Feishu event delivery', () => {
	it("decrypts the documentation's test vector", () => {
		expect(decryptFromFeishu('test key', 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=')).toBe(
			'hello world',
		);
	});

	it('encrypts with a fresh IV each time, and what it encrypts decrypts back', () => {
		const once = encryptForFeishu('encrypt-key-1', '{"a":"飞书"}');
		const twice = encryptForFeishu('encrypt-key-1', '{"a":"飞书"}');
		expect(once).not.toBe(twice);
		expect(decryptFromFeishu('encrypt-key-1', once)).toBe('{"a":"飞书"}');
		// With another key the padding check fails, or (rarely) it yields other bytes.
		let withAnotherKey: string | undefined;
		try {
			withAnotherKey = decryptFromFeishu('another key', once);
		} catch {
			withAnotherKey = undefined;
		}
		expect(withAnotherKey).not.toBe('{"a":"飞书"}');
	});

	it('builds a schema 2.0 envelope whose IDs stay strings', () => {
		const envelope = hireEvent(
			'hire.application.stage_changed_v1',
			{ application_id: '6949805467799537964' },
			{ eventId: 'e-1', verificationToken: 'v-token', createTime: 1_764_560_000_000 },
		);
		expect(envelope).toEqual({
			schema: '2.0',
			header: {
				event_id: 'e-1',
				event_type: 'hire.application.stage_changed_v1',
				create_time: '1764560000000',
				token: 'v-token',
				app_id: 'cli_emulator00001',
				tenant_key: 'emulator-tenant',
			},
			event: { application_id: '6949805467799537964' },
		});
	});

	it('with an Encrypt Key: the body is {encrypt}, signed over the raw bytes sent', async () => {
		const url = await receiver();
		try {
			const event = hireEvent('hire.talent.deleted_v1', { talent_id: '7000000000000000001' });
			const [attempt] = await deliver(url.url, event, { encryptKey: 'k-1' });
			expect(attempt.status).toBe(200);
			const [{ headers, raw }] = url.received;
			expect(JSON.parse(decryptFromFeishu('k-1', JSON.parse(raw).encrypt))).toEqual(event);
			const signed = `${headers['x-lark-request-timestamp']}${headers['x-lark-request-nonce']}k-1${raw}`;
			expect(headers['x-lark-signature']).toBe(sha256(signed));
			expect(Number(headers['x-lark-request-timestamp'])).toBeCloseTo(Date.now() / 1000, -1);
		} finally {
			await url.close();
		}
	});

	it('plain, unsigned and tampered deliveries are what they say', async () => {
		const url = await receiver();
		try {
			const event = hireEvent('hire.offer.status_changed_v1', { offer_id: '7000000000000000009' });
			await deliver(url.url, event);
			await deliver(url.url, event, { encryptKey: 'k-1', unsigned: true });
			await deliver(url.url, event, { encryptKey: 'k-1', tamper: true });
			const [plain, unsigned, tampered] = url.received;
			expect(JSON.parse(plain.raw)).toEqual(event);
			expect(plain.headers['x-lark-signature']).toBeUndefined();
			expect(unsigned.headers['x-lark-signature']).toBeUndefined();
			const { headers, raw } = tampered;
			const signed = `${headers['x-lark-request-timestamp']}${headers['x-lark-request-nonce']}k-1${raw}`;
			expect(headers['x-lark-signature']).not.toBe(sha256(signed));
		} finally {
			await url.close();
		}
	});

	it("retries a failed delivery on Feishu's schedule (compressed), until a 200", async () => {
		const url = await receiver([500, 503]);
		try {
			const scale = 0.001;
			const attempts = await deliver(url.url, urlVerification('c-1', 'v-token'), {
				retryScale: scale,
			});
			expect(attempts.map((attempt) => attempt.status)).toEqual([500, 503, 200]);
			const [first, second, third] = url.received.map((entry) => entry.at);
			expect(second - first).toBeGreaterThanOrEqual(RETRY_SCHEDULE_MS[0] * scale - 1);
			expect(third - second).toBeGreaterThanOrEqual(RETRY_SCHEDULE_MS[1] * scale - 1);
			expect(JSON.parse(url.received[2].raw)).toEqual({
				challenge: 'c-1',
				token: 'v-token',
				type: 'url_verification',
			});
		} finally {
			await url.close();
		}
	});

	it('stops after the 4 documented retries', async () => {
		const url = await receiver([500, 500, 500, 500, 500, 500]);
		try {
			const attempts = await deliver(url.url, {}, { retryScale: 0.00001 });
			expect(attempts).toHaveLength(1 + RETRY_SCHEDULE_MS.length);
			expect(url.received).toHaveLength(5);
		} finally {
			await url.close();
		}
	});

	it('npm run emulator -- --deliver sends one event, encrypted and signed, and prints the answer', async () => {
		const url = await receiver();
		try {
			const { stdout } = await promisify(execFile)(
				process.execPath,
				[
					'-r',
					'ts-node/register/transpile-only',
					'emulator/cli.ts',
					'--deliver',
					url.url,
					'--event',
					'hire.talent.deleted_v1',
					'--event-json',
					'{"talent_id":"7000000000000000001"}',
					'--event-id',
					'dup-1',
					'--encrypt-key',
					'k-2',
				],
				{ cwd: `${__dirname}/../..`, timeout: 25_000 },
			);
			expect(stdout).toMatch(/^attempt 1: 200 in \d+ ms \{\}\n$/);
			const [{ raw, headers }] = url.received;
			const envelope = JSON.parse(decryptFromFeishu('k-2', JSON.parse(raw).encrypt));
			expect(envelope.header).toMatchObject({
				event_id: 'dup-1',
				event_type: 'hire.talent.deleted_v1',
			});
			expect(envelope.event).toEqual({ talent_id: '7000000000000000001' });
			expect(headers['x-lark-signature']).toMatch(/^[0-9a-f]{64}$/);
		} finally {
			await url.close();
		}
	});

	it('sends an event through the inspection API with the app’s keys: encrypted, signed, its talent’s application', async () => {
		const emulator = await startEmulator();
		const url = await receiver();
		try {
			const { data } = await axios.post(`${emulator.url}/__emulator/events`, {
				url: url.url,
				eventId: 'via-api-1',
			});
			expect(data.attempts).toEqual([expect.objectContaining({ status: 200 })]);
			const [{ raw, headers }] = url.received;
			const envelope = JSON.parse(decryptFromFeishu(emulator.encryptKey, JSON.parse(raw).encrypt));
			expect(envelope.header).toMatchObject({
				event_id: 'via-api-1',
				event_type: 'hire.application.stage_changed_v1',
				token: emulator.verificationToken,
				app_id: emulator.appId,
			});
			expect(envelope.event.application_id).toBe(emulator.applications()[0].id);
			const signed =
				headers['x-lark-request-timestamp'] +
				String(headers['x-lark-request-nonce']) +
				emulator.encryptKey +
				raw;
			expect(headers['x-lark-signature']).toBe(sha256(signed));
			const refused = await axios.post(
				`${emulator.url}/__emulator/events`,
				{},
				{
					validateStatus: () => true,
				},
			);
			expect(refused.status).toBe(400);
		} finally {
			await url.close();
			await emulator.close();
		}
	});
});
