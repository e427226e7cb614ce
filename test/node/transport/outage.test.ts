import type { Emulator, EmulatorOptions } from '../../../emulator';
import { perTalentAdds, startFixture } from '../../helpers/fixture';
import { FAILURES_TO_OPEN } from '../../../nodes/shared/transport/circuit-breaker';

/*
 * A full Feishu outage: the node stops retrying request by request once FAILURES_TO_OPEN
 * failures came in a row, fails the remaining items at once saying nothing was sent, and
 * lets traffic resume after a probe succeeds. Fail-fast is shown by how few requests Feishu
 * saw, not by elapsed time (npm run bench prints the times).
 */
let emulator: Emulator;
afterEach(async () => {
	await emulator.close();
});

async function harness(options: EmulatorOptions = {}) {
	const fixture = await startFixture({ talents: 3000, ...options });
	emulator = fixture.emulator;
	return fixture.n8n;
}

const UNAVAILABLE =
	/^Feishu Hire unavailable: \d+ consecutive failures since \d\d:\d\d:\d\d UTC; (nothing was sent for this item|this item's request failed \d+ times? and was not tried again)$/;
const NOTHING_SENT = /; nothing was sent for this item$/;
/** Add Talent keeps up to 10 requests in flight; each may fail a few times before the breaker opens. */
const MOST_REQUESTS_IN_AN_OUTAGE = FAILURES_TO_OPEN + 10;

describe('a full outage', () => {
	it('200 per-talent adds with Continue On Fail: every item carries the outage error, and Feishu saw a handful of requests', async () => {
		const n8n = await harness({ faults: { errorRate: 1 } });
		const talents = emulator.data.talentIds.slice(0, 200);
		const { items, error } = await n8n.run(
			perTalentAdds(emulator.data.pools[0].id, talents, { continueOnFail: true }),
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual(talents.map((_t, item) => ({ item })));
		for (const item of items) expect(item.json.error).toMatch(UNAVAILABLE);
		expect(
			items.filter((item) => NOTHING_SENT.test(String(item.json.error))).length,
		).toBeGreaterThan(180);
		expect(emulator.requests('addTalent').length).toBeLessThanOrEqual(MOST_REQUESTS_IN_AN_OUTAGE);
		expect(emulator.members(emulator.data.pools[0].id)).toEqual([]);
	});

	it('3000 per-talent adds, connections refused (Feishu unreachable): every item fails with the outage error', async () => {
		const n8n = await harness();
		await emulator.close(); // nothing listens any more: ECONNREFUSED
		const talents = emulator.data.talentIds.slice(0, 3000);
		const { items, error } = await n8n.run(
			perTalentAdds(emulator.data.pools[0].id, talents, { continueOnFail: true }),
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3000);
		for (const item of items) expect(item.json.error).toMatch(UNAVAILABLE);
	});

	it('without Continue On Fail the run stops with the first item’s outage error', async () => {
		const n8n = await harness({ faults: { errorRate: 1 } });
		const { error } = await n8n.run(
			perTalentAdds(emulator.data.pools[0].id, emulator.data.talentIds.slice(0, 200)),
		);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(UNAVAILABLE);
		expect(error?.description).toMatch(/Run the workflow again once Feishu answers/);
		expect(emulator.requests('addTalent').length).toBeLessThanOrEqual(MOST_REQUESTS_IN_AN_OUTAGE);
	});

	it('Feishu back after the outage: after the cool-down one probe goes out, then every item is added', async () => {
		const n8n = await harness({ faults: { errorRate: 1 } });
		const [pool] = emulator.data.pools;
		const during = await n8n.run(
			perTalentAdds(pool.id, emulator.data.talentIds.slice(0, 100), { continueOnFail: true }),
		);
		for (const item of during.items) expect(item.json.error).toMatch(UNAVAILABLE);
		emulator.setFaults({});
		// Within the cool-down nothing is sent: the breaker is still open.
		const sentBefore = emulator.requests('addTalent').length;
		const tooSoon = await n8n.run(
			perTalentAdds(pool.id, emulator.data.talentIds.slice(100, 110), { continueOnFail: true }),
		);
		for (const item of tooSoon.items) expect(item.json.error).toMatch(NOTHING_SENT);
		expect(emulator.requests('addTalent')).toHaveLength(sentBefore);

		await new Promise((resolve) => setTimeout(resolve, 5_100));
		const talents = emulator.data.talentIds.slice(200, 400);
		const after = await n8n.run(perTalentAdds(pool.id, talents));
		expect(after.error).toBeUndefined();
		expect(after.items.map((item) => item.json.talent_id)).toEqual(talents);
		expect(new Set(emulator.members(pool.id))).toEqual(new Set(talents));
		expect(emulator.requests('addTalent')).toHaveLength(sentBefore + 200);
	}, 60_000);
});

describe('what does not open the breaker', () => {
	it('a storm of 429s: the requests wait for the reset, none fails', async () => {
		const n8n = await harness({
			rateLimits: { listPools: false, addTalent: { perSecond: 4, perMinute: 1000 } },
		});
		const talents = emulator.data.talentIds.slice(0, 24);
		const { items, error } = await n8n.run(perTalentAdds(emulator.data.pools[0].id, talents));
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.talent_id)).toEqual(talents);
		expect(emulator.stats().endpoints.addTalent.rateLimited).toBeGreaterThan(FAILURES_TO_OPEN);
	}, 60_000);

	it('business errors in between (unknown talents) keep it closed while 500s come and go', async () => {
		const n8n = await harness({ faults: { seed: 9, errorRate: 0.3 } });
		const unknown = (i: number) => (7000000000000000000n + BigInt(i)).toString();
		const talents = emulator.data.talentIds
			.slice(0, 60)
			.map((talent, i) => (i % 3 === 0 ? unknown(i) : talent));
		const { items } = await n8n.run(
			perTalentAdds(emulator.data.pools[0].id, talents, { continueOnFail: true }),
		);
		for (const [i, item] of items.entries()) {
			if (i % 3 === 0) expect(item.json.error).toBe('Feishu error 1002102: talent not found');
			else expect(item.json.talent_id).toBe(talents[i]);
		}
	});
});
