import { useNodeRateLimits } from '../../helpers/limits';
import { byId, useEmulator } from '../../helpers/fixture';
import { membershipParameters } from '../../helpers/parameters';

const t = useEmulator({
	rateLimits: {
		listPools: false,
		addTalent: false,
		findTalents: false,
		getTalent: false,
		batchChange: { perSecond: 10, perMinute: 1000 },
	},
});
const UNKNOWN = '7000000000000000001';

const pool = (i = 0) => t.emulator.data.pools[i].id;
const talents = (count: number, from = 0) => t.emulator.data.talentIds.slice(from, from + count);
const change = (operation: 'addTalent' | 'removeTalent', extra: Record<string, unknown> = {}) =>
	membershipParameters(operation, '={{ $json.pool }}', extra);
const itemsFor = (ids: string[], poolIndex = 0) =>
	ids.map((talent) => ({ talent, pool: pool(poolIndex) }));
const batchRequests = () => t.emulator.requests('batchChange').length;

describe('Add Talent in batches', () => {
	it('sends 120 talents as 3 requests of at most 50 and outputs one item per input, in order', async () => {
		const ids = talents(120);
		const { items, error } = await t.n8n.run({
			parameters: change('addTalent'),
			items: itemsFor(ids),
		});
		expect(error).toBeUndefined();
		expect(items).toEqual(
			ids.map((talent, item) => ({
				json: { talent_pool_id: pool(), talent_id: talent },
				pairedItem: { item },
			})),
		);
		expect(batchRequests()).toBe(3);
		expect(t.emulator.requests('addTalent')).toHaveLength(0);
		expect(new Set(t.emulator.members(pool()))).toEqual(new Set(ids));
	});

	it('sends a talent named by several items once and reports it for each item', async () => {
		const [a, b, c] = talents(3);
		const { items } = await t.n8n.run({
			parameters: change('addTalent'),
			items: itemsFor([a, b, a, c, b]),
		});
		expect(items.map((item) => [item.json.talent_id, item.pairedItem])).toEqual(
			[a, b, a, c, b].map((id, item) => [id, { item }]),
		);
		expect(batchRequests()).toBe(1);
		expect(t.emulator.stats().endpoints.batchChange.requests).toBe(1);
	});

	it('batches each pool separately', async () => {
		const ids = talents(60);
		const items = [...itemsFor(ids.slice(0, 30), 0), ...itemsFor(ids.slice(30), 1)];
		const { error } = await t.n8n.run({ parameters: change('addTalent'), items });
		expect(error).toBeUndefined();
		expect(new Set(t.emulator.members(pool(0)))).toEqual(new Set(ids.slice(0, 30)));
		expect(new Set(t.emulator.members(pool(1)))).toEqual(new Set(ids.slice(30)));
		expect(batchRequests()).toBe(2);
	});

	it('uses the per-talent endpoint when Remove From Other Pools is on, since only it moves a talent', async () => {
		const [a] = talents(1);
		await t.n8n.run({ parameters: change('addTalent'), items: itemsFor([a], 1) });
		const { items } = await t.n8n.run({
			parameters: change('addTalent', { removeFromOtherPools: true }),
			items: itemsFor([a], 0),
		});
		expect(items[0].json).toEqual({ talent_pool_id: pool(0), talent_id: a });
		expect(t.emulator.members(pool(1))).toEqual([]);
		expect(t.emulator.requests('addTalent')).toHaveLength(1);
	});

	it('one unknown talent among 120: the others are added and only its item fails, with 1002102, in a few extra requests', async () => {
		const ids = talents(120);
		ids[77] = UNKNOWN;
		const { items, error } = await t.n8n.run({
			parameters: change('addTalent'),
			items: itemsFor(ids),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items[77]).toEqual({
			json: { error: 'Feishu error 1002102: talent not found' },
			pairedItem: { item: 77 },
		});
		expect(items.filter((item) => item.json.error)).toHaveLength(1);
		expect(new Set(t.emulator.members(pool()))).toEqual(
			new Set(ids.filter((id) => id !== UNKNOWN)),
		);
		// The refused batch, the rest of it again, the suspect alone, then on the per-talent endpoint.
		expect(batchRequests()).toBe(3 + 2);
		expect(t.emulator.requests('addTalent')).toHaveLength(1);
	});

	it('without Continue On Fail, the unknown talent stops the node with a NodeApiError naming its item', async () => {
		const ids = talents(60);
		ids[42] = UNKNOWN;
		const { error } = await t.n8n.run({ parameters: change('addTalent'), items: itemsFor(ids) });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Feishu error 1002102: talent not found');
		expect(error?.context?.itemIndex).toBe(42);
	});

	it('an unknown pool fails every item with 1002109 without splitting the batch', async () => {
		const { items } = await t.n8n.run({
			parameters: change('addTalent', { talentPoolId: byId('6930815272790000001') }),
			items: talents(80).map((talent) => ({ talent })),
			continueOnFail: true,
		});
		expect(new Set(items.map((item) => item.json.error))).toEqual(
			new Set(['Feishu error 1002109: talent pool not found']),
		);
		expect(batchRequests()).toBe(2);
	});

	it('keeps the batch endpoint under its own 10 requests a second', async () => {
		await t.n8n.run({ parameters: change('addTalent'), items: itemsFor(talents(1500)) });
		const stats = t.emulator.stats().endpoints.batchChange;
		expect(stats.requests).toBe(30);
		expect(stats.rateLimited).toBe(0);
		expect(stats.peakPerSecond).toBeLessThanOrEqual(10);
	});
});

describe('when the refused batch does not name the unknown talents', () => {
	const quiet = useEmulator({ batchErrorNamesTalents: false });

	it('halving still isolates them: the others are added in about a dozen extra requests', async () => {
		const ids = quiet.emulator.data.talentIds.slice(0, 120);
		ids[77] = UNKNOWN;
		const target = quiet.emulator.data.pools[0].id;
		const { items } = await quiet.n8n.run({
			parameters: change('addTalent'),
			items: ids.map((talent) => ({ talent, pool: target })),
			continueOnFail: true,
		});
		expect(items[77].json.error).toBe('Feishu error 1002102: talent not found');
		expect(items.filter((item) => item.json.error)).toHaveLength(1);
		expect(new Set(quiet.emulator.members(target))).toEqual(
			new Set(ids.filter((id) => id !== UNKNOWN)),
		);
		expect(quiet.emulator.requests('batchChange').length).toBeLessThanOrEqual(3 + 14);
		expect(quiet.emulator.requests('addTalent')).toHaveLength(1);
	});
});

describe('Remove Talent', () => {
	it('removes talents 50 per request and outputs { talent_pool_id, talent_id, removed: true }', async () => {
		const ids = talents(70);
		await t.n8n.run({ parameters: change('addTalent'), items: itemsFor(ids) });
		const removed = ids.slice(0, 60);
		const before = batchRequests();
		const { items, error } = await t.n8n.run({
			parameters: change('removeTalent'),
			items: itemsFor(removed),
		});
		expect(error).toBeUndefined();
		expect(items).toEqual(
			removed.map((talent, item) => ({
				json: { talent_pool_id: pool(), talent_id: talent, removed: true },
				pairedItem: { item },
			})),
		);
		expect(batchRequests() - before).toBe(2);
		expect(new Set(t.emulator.members(pool()))).toEqual(new Set(ids.slice(60)));
	});

	it('removing a talent that is not in the pool succeeds', async () => {
		const { items, error } = await t.n8n.run({
			parameters: change('removeTalent'),
			items: itemsFor(talents(2)),
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.removed)).toEqual([true, true]);
	});

	it('an unknown talent fails only its item; the others are removed', async () => {
		const ids = talents(10);
		await t.n8n.run({ parameters: change('addTalent'), items: itemsFor(ids) });
		const { items } = await t.n8n.run({
			parameters: change('removeTalent'),
			items: itemsFor([...ids.slice(0, 5), UNKNOWN]),
			continueOnFail: true,
		});
		expect(items[5].json.error).toMatch(/^Feishu error 1002102/);
		expect(items.slice(0, 5).every((item) => item.json.removed === true)).toBe(true);
		expect(new Set(t.emulator.members(pool()))).toEqual(new Set(ids.slice(5)));
	});

	it('with Send in Batches off, each talent takes one request', async () => {
		const ids = talents(4);
		const { items } = await t.n8n.run({
			parameters: change('removeTalent', { options: { batching: false } }),
			items: itemsFor(ids),
		});
		expect(items).toHaveLength(4);
		expect(t.emulator.requests('batchChange').map((entry) => entry.endpoint)).toHaveLength(4);
	});
});

describe('batched fault soak', () => {
	beforeAll(() =>
		useNodeRateLimits({
			addTalent: { perSecond: 400, perMinute: 24_000 },
			batchChange: { perSecond: 100, perMinute: 24_000 },
		}),
	);
	afterAll(() => useNodeRateLimits());

	it('2000 adds then 1000 removes with 500s, drops and an expired token: nothing lost, nothing doubled', async () => {
		t.emulator.setRateLimits({
			listPools: { perSecond: 400, perMinute: 24_000 },
			addTalent: { perSecond: 400, perMinute: 24_000 },
			batchChange: { perSecond: 100, perMinute: 24_000 },
		});
		t.emulator.setFaults({ seed: 5, errorRate: 0.1, dropRate: 0.05 });
		t.emulator.expireTokensAfter(20);
		const ids = talents(2000);
		const added = await t.n8n.run({ parameters: change('addTalent'), items: itemsFor(ids) });
		expect(added.error).toBeUndefined();
		expect(added.items.map((item) => item.json.talent_id)).toEqual(ids);
		expect(t.emulator.members(pool()).sort()).toEqual([...ids].sort());

		t.emulator.expireTokensAfter(10);
		const removed = await t.n8n.run({
			parameters: change('removeTalent'),
			items: itemsFor(ids.slice(0, 1000)),
		});
		expect(removed.error).toBeUndefined();
		expect(removed.items).toHaveLength(1000);
		expect(t.emulator.members(pool()).sort()).toEqual(ids.slice(1000).sort());

		const stats = t.emulator.stats();
		expect(stats.endpoints.batchChange.byCode[1002001]).toBeGreaterThan(0);
		expect(stats.endpoints.batchChange.dropped).toBeGreaterThan(0);
		expect(stats.tokensIssued).toBe(3);
	});
});
