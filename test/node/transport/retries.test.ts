import { MAX_ATTEMPTS, MAX_RETRY_WINDOW_MS } from '../../../nodes/shared/transport/client';
import type { Emulator, EmulatorOptions } from '../../../emulator';
import { perTalentAdds, startFixture } from '../../helpers/fixture';

let emulator: Emulator;
afterEach(async () => {
	await emulator.close();
});

async function harness(options: EmulatorOptions) {
	const fixture = await startFixture(options);
	emulator = fixture.emulator;
	return fixture.n8n;
}

const addTalents = (talents: string[]) => perTalentAdds(emulator.data.pools[0].id, talents);

describe('rate limits', () => {
	it('a 429 waits for the reset and retries: nothing is lost', async () => {
		const n8n = await harness({
			rateLimits: {
				listPools: { perSecond: 5, perMinute: 1000 },
				addTalent: { perSecond: 5, perMinute: 1000 },
			},
		});
		const talents = emulator.data.talentIds.slice(0, 12);
		const { items, error } = await n8n.run(addTalents(talents));
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.talent_id)).toEqual(talents);
		expect(emulator.stats().endpoints.addTalent.rateLimited).toBeGreaterThan(0);
		expect(emulator.members(emulator.data.pools[0].id).sort()).toEqual([...talents].sort());
	});
});

describe('transient failures', () => {
	it('HTTP 500 / 1002001 and dropped connections are retried: every talent added once, one item each', async () => {
		const n8n = await harness({ faults: { seed: 3, errorRate: 0.2, dropRate: 0.1 } });
		const talents = emulator.data.talentIds.slice(0, 40);
		const { items, error } = await n8n.run(addTalents(talents));
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.talent_id, item.pairedItem])).toEqual(
			talents.map((talent, item) => [talent, { item }]),
		);
		const stats = emulator.stats().endpoints.addTalent;
		expect(stats.byCode[1002001]).toBeGreaterThan(0);
		expect(stats.dropped).toBeGreaterThan(0);
		expect(emulator.members(emulator.data.pools[0].id).sort()).toEqual([...talents].sort());
	});

	it('listing with faults still returns every pool exactly once', async () => {
		const n8n = await harness({ faults: { seed: 5, errorRate: 0.3, dropRate: 0.2 } });
		const { items, error } = await n8n.run({
			parameters: { resource: 'talentPool', operation: 'getAll', returnAll: true },
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(emulator.data.pools.map((pool) => pool.id));
	});

	/** "(gave up after N attempts in X s)": N, and X in ms. */
	const gaveUp = (message = '') => {
		const match = /\(gave up after (\d+) attempts in (\d+\.\d) s\)$/.exec(message);
		return match ? { attempts: Number(match[1]), ms: Number(match[2]) * 1000 } : undefined;
	};

	it('gives up after at most 8 attempts within the 20 s retry window when every answer is a 500, and says so', async () => {
		const n8n = await harness({ faults: { errorRate: 1 } });
		const { error } = await n8n.run(addTalents(emulator.data.talentIds.slice(0, 1)));
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/^Feishu error 1002001: system error \(gave up after/);
		const { attempts, ms } = gaveUp(error?.message)!;
		// Backoff 0.25, 0.5, 1, 2, 4, 4, 4 s plus jitter: 7 or 8 attempts fit the window.
		expect(attempts).toBeGreaterThanOrEqual(7);
		expect(attempts).toBeLessThanOrEqual(MAX_ATTEMPTS);
		expect(ms).toBeLessThanOrEqual(MAX_RETRY_WINDOW_MS);
		expect(emulator.requests('addTalent')).toHaveLength(attempts);
	});

	it("still retries a request that waited for the next minute's budget: that wait is not retrying", async () => {
		// The emulator's minute ends about 21.5 s from now: a wait longer than the 20 s window.
		const offset = 38_500 - (Date.now() % 60_000);
		const n8n = await harness({
			clock: () => Date.now() + offset,
			rateLimits: { addTalent: { perSecond: 50, perMinute: 2 } },
			faults: { errorRate: 1 },
		});
		const [talent] = emulator.data.talentIds;
		const run = n8n.run(addTalents([talent]));
		// Two failures fill the minute, the third attempt gets a 429 (reset ~22 s), the fourth
		// (next minute) fails again; the fifth, with the faults gone, succeeds.
		const admitted = () => emulator.requests('addTalent').filter((entry) => entry.admitted);
		while (admitted().length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
		emulator.setFaults({});
		const { items, error } = await run;
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.talent_id)).toEqual([talent]);
		expect(emulator.stats().endpoints.addTalent).toMatchObject({
			requests: 5,
			rateLimited: 1,
			byCode: { 0: 1, 1002001: 3, 99991400: 1 },
		});
		expect(emulator.members(emulator.data.pools[0].id)).toEqual([talent]);
	}, 40_000);

	it('gives up the same way when every connection drops, and says so', async () => {
		const n8n = await harness({ faults: { dropRate: 1, dropAfterEffectShare: 0 } });
		const { error } = await n8n.run(addTalents(emulator.data.talentIds.slice(0, 1)));
		expect(error?.message).toMatch(/^no answer \((ECONNRESET|socket hang up)\) \(gave up after/);
		const { attempts } = gaveUp(error?.message)!;
		expect(attempts).toBeLessThanOrEqual(MAX_ATTEMPTS);
		expect(emulator.requests('addTalent')).toHaveLength(attempts);
	});
});
