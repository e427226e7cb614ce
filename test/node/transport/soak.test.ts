import { useNodeRateLimits } from '../../helpers/limits';
import type { Emulator, EmulatorOptions } from '../../../emulator';
import { perTalentAdds, startFixture } from '../../helpers/fixture';
import { captureOutput } from '../../helpers/console';

/*
 * 2000 adds through n8n-core against an emulator that fails 10% of requests with HTTP 500 /
 * 1002001, drops 5% of connections (half of them after the talent was added) and expires
 * every token halfway. Limits are scaled up on both sides so the soak takes seconds.
 */
const SCALED = { perSecond: 400, perMinute: 24_000 };
const FAULTS = { seed: 11, errorRate: 0.1, dropRate: 0.05, dropAfterEffectShare: 0.5 };
const SECRET = 'soak-S3CRET-4be1d0c9a7';
const UNKNOWN = (i: number) => (7000000000000000000n + BigInt(i)).toString();

let emulator: Emulator;
beforeAll(() => useNodeRateLimits({ addTalent: SCALED }));
afterAll(() => useNodeRateLimits());
afterEach(async () => {
	await emulator.close();
});

async function harness(options: EmulatorOptions = {}) {
	const fixture = await startFixture({
		rateLimits: { listPools: SCALED, addTalent: SCALED },
		faults: FAULTS,
		talents: 2000,
		appSecret: SECRET,
		...options,
	});
	emulator = fixture.emulator;
	return fixture.n8n;
}

const addAll = (talents: string[], continueOnFail = false) =>
	perTalentAdds(emulator.data.pools[0].id, talents, { continueOnFail });

describe('fault soak', () => {
	it('2000 adds with 500s, drops and a token expiring halfway: every talent added, one item per input, in order', async () => {
		const n8n = await harness();
		emulator.expireTokensAfter(1000);
		const talents = emulator.data.talentIds;
		const { items, error } = await n8n.run(addAll(talents));

		expect(error).toBeUndefined();
		expect(items).toHaveLength(2000);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toEqual({
				talent_pool_id: emulator.data.pools[0].id,
				talent_id: talents[index],
			});
		});
		expect(new Set(emulator.members(emulator.data.pools[0].id))).toEqual(new Set(talents));
		const stats = emulator.stats();
		expect(stats.endpoints.addTalent.byCode[1002001]).toBeGreaterThan(100);
		expect(stats.endpoints.addTalent.dropped).toBeGreaterThan(50);
		expect(stats.endpoints.addTalent.byCode[99991663]).toBeGreaterThan(0);
		expect(stats.tokensIssued).toBe(2);
	});

	it('with 1% unknown talents and Continue On Fail: those carry 1002102, every other talent is added', async () => {
		const n8n = await harness();
		emulator.expireTokensAfter(1000);
		const talents = emulator.data.talentIds.map((talent, i) =>
			i % 100 === 37 ? UNKNOWN(i) : talent,
		);
		const { items, error } = await n8n.run(addAll(talents, true));

		expect(error).toBeUndefined();
		expect(items).toHaveLength(2000);
		const failed = items.flatMap((item, index) => (item.json.error ? [index] : []));
		expect(failed).toEqual(
			talents.flatMap((talent, index) => (talent.startsWith('7000') ? [index] : [])),
		);
		expect(failed).toHaveLength(20);
		for (const index of failed) {
			expect(items[index]).toEqual({
				json: { error: 'Feishu error 1002102: talent not found' },
				pairedItem: { item: index },
			});
		}
		const good = talents.filter((talent) => !talent.startsWith('7000'));
		expect(new Set(emulator.members(emulator.data.pools[0].id))).toEqual(new Set(good));
	});

	it('without Continue On Fail, the first unrecoverable error stops the node with a NodeApiError naming its item', async () => {
		const n8n = await harness();
		const talents = [...emulator.data.talentIds];
		talents[700] = UNKNOWN(700);
		const { error, items } = await n8n.run(addAll(talents));

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Feishu error 1002102: talent not found');
		expect(error?.context?.itemIndex).toBe(700);
		expect(items).toEqual([]);
		// No new item starts after the failure: only the ones already in flight finish.
		expect(emulator.members(emulator.data.pools[0].id).length).toBeLessThan(760);
	});

	it('neither the secret nor any token appears in the soak output, errors or logs', async () => {
		const n8n = await harness();
		emulator.expireTokensAfter(300);
		const talents = emulator.data.talentIds
			.slice(0, 600)
			.map((talent, i) => (i % 50 === 3 ? UNKNOWN(i) : talent));
		const results: unknown[] = [];
		const printed = await captureOutput(async () => {
			results.push(
				await n8n.run(addAll(talents, true)),
				await n8n.run(addAll(talents.slice(0, 10))),
			);
		});
		const everything = JSON.stringify(results) + printed;
		expect(everything).toContain('1002102');
		expect(emulator.issuedTokens()).toHaveLength(2);
		for (const secret of [SECRET, ...emulator.issuedTokens()])
			expect(everything).not.toContain(secret);
	});
});

describe('concurrent executions sharing one credential', () => {
	it.each([2, 4])(
		'%i executions of 500 adds each stay under the limits, and nothing is lost',
		async (executions) => {
			const limits = { perSecond: 200, perMinute: 12_000 };
			useNodeRateLimits({ addTalent: limits });
			try {
				const n8n = await harness({
					rateLimits: { listPools: limits, addTalent: limits },
					faults: {},
					talents: 2000,
				});
				const batches = Array.from({ length: executions }, (_, e) =>
					emulator.data.talentIds.slice(e * 500, e * 500 + 500),
				);
				const pools = Array.from({ length: executions }, (_, e) => emulator.data.pools[e].id);
				const runs = await Promise.all(
					batches.map((talents, e) => n8n.run(perTalentAdds(pools[e], talents))),
				);
				for (const [e, run] of runs.entries()) {
					expect(run.error).toBeUndefined();
					expect(run.items.map((item) => item.json.talent_id)).toEqual(batches[e]);
					expect(new Set(emulator.members(pools[e]))).toEqual(new Set(batches[e]));
				}
				const stats = emulator.stats().endpoints.addTalent;
				expect(stats.peakPerSecond).toBeLessThanOrEqual(limits.perSecond);
				expect(stats.peakPerMinute).toBeLessThanOrEqual(limits.perMinute);
				expect(stats.admitted).toBeGreaterThanOrEqual(executions * 500);
				expect(emulator.requests('token')).toHaveLength(1);
			} finally {
				useNodeRateLimits({ addTalent: SCALED });
			}
		},
	);
});
