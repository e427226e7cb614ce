import { decryptEvent } from '../../nodes/FeishuHireTrigger/crypto';
import { RETENTION_MS, SeenEvents } from '../../nodes/shared/events/dedupe';
import { MAX_AGE_MINUTES, maxAgeMsOf, readDelivery } from '../../nodes/FeishuHireTrigger/delivery';
import { feishuHireTrigger } from '../helpers/n8n';
import { encryptForFeishu, hireEvent } from '../../emulator/events';

describe('decryption', () => {
	it('decrypts the test vector of Feishu’s page', () => {
		expect(decryptEvent('test key', 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=')).toBe(
			'hello world',
		);
	});

	it('returns nothing for another key or a truncated text', () => {
		const encrypted = encryptForFeishu('right key', '{"a":1}');
		expect(decryptEvent('right key', encrypted)).toBe('{"a":1}');
		// With another key the padding check fails, or (one time in 256) it yields other bytes.
		expect(decryptEvent('wrong key', encrypted)).not.toBe('{"a":1}');
		expect(decryptEvent('right key', encrypted.slice(0, 20))).toBeUndefined();
	});
});

describe('SeenEvents', () => {
	it('remembers an event for the retention time, then forgets it', () => {
		const seen = new SeenEvents();
		expect(seen.firstTime('e1', 0)).toBe(true);
		expect(seen.firstTime('e1', RETENTION_MS)).toBe(false);
		expect(seen.firstTime('e1', 2 * RETENTION_MS + 1)).toBe(true);
	});

	it('covers Feishu’s last retry, 7 h 05 min 15 s after the first attempt', () => {
		const seen = new SeenEvents();
		seen.firstTime('e1', 0);
		expect(seen.firstTime('e1', 15_000 + 300_000 + 3_600_000 + 21_600_000)).toBe(false);
	});

	it('stays bounded, forgetting the oldest first', () => {
		const seen = new SeenEvents(RETENTION_MS, 3);
		for (const id of ['a', 'b', 'c', 'd']) seen.firstTime(id, 1);
		expect(seen.size).toBe(3);
		expect(seen.firstTime('d', 2)).toBe(false);
		expect(seen.firstTime('a', 2)).toBe(true);
	});
});

describe('readDelivery', () => {
	const secrets = { encryptKey: '', verificationToken: 'vt' };
	const read = (body: unknown) =>
		readDelivery(
			{
				rawBody: Buffer.from(JSON.stringify(body)),
				headers: {},
				now: Date.now(),
				maxAgeMs: 60_000,
			},
			secrets,
		);

	it('reads the older 1.0 envelope (uuid, event.type) as well', () => {
		const verdict = read({
			uuid: 'u-1',
			token: 'vt',
			ts: '1764576000.1',
			type: 'event_callback',
			event: { type: 'hire.talent.deleted_v1', app_id: 'cli_x', tenant_key: 't', talent_id: '1' },
		});
		expect(verdict).toMatchObject({
			kind: 'event',
			event: { eventId: 'u-1', eventType: 'hire.talent.deleted_v1', appId: 'cli_x' },
		});
		expect(JSON.stringify(verdict)).not.toContain('"vt"');
	});

	it('refuses a body that is no event, and JSON that is no object', () => {
		expect(read({ schema: '2.0', header: { token: 'vt' } })).toMatchObject({
			status: 401,
			cause: 'not-an-event',
		});
		expect(read(['not', 'an', 'object'])).toMatchObject({ status: 401, cause: 'not-json' });
	});

	it('refuses a missing token when one is configured', () => {
		const event = hireEvent('hire.talent.deleted_v1', { talent_id: '1' });
		expect(read(event)).toMatchObject({ kind: 'refused', status: 401 });
	});
});

it("the editor's Max Request Age default is the one the trigger applies when none is set", () => {
	const options = feishuHireTrigger.description.properties.find((p) => p.name === 'options')!;
	const maxAge = options.options!.find(
		(option) => 'name' in option && option.name === 'maxAgeMinutes',
	);
	expect((maxAge as { default: unknown }).default).toBe(MAX_AGE_MINUTES.default);
	expect(maxAgeMsOf(undefined)).toEqual({ ms: MAX_AGE_MINUTES.default * 60_000 });
});
