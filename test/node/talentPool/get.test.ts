import type { INodeParameterResourceLocator } from 'n8n-workflow';

import { byId, fromList, useEmulator } from '../../helpers/fixture';

const t = useEmulator();
const get = (talentPoolId: INodeParameterResourceLocator) => ({
	resource: 'talentPool',
	operation: 'get',
	talentPoolId,
});

describe('Get', () => {
	it('returns the pool chosen from the list or by ID, exactly as the API returns it', async () => {
		const pool = t.emulator.data.pools[42];
		for (const locator of [fromList(pool.id), byId(pool.id)]) {
			const { items, error } = await t.n8n.run({ parameters: get(locator) });
			expect(error).toBeUndefined();
			expect(items).toEqual([{ json: pool, pairedItem: { item: 0 } }]);
		}
	});

	it('looks up the pools of many items together: 60 items, 2 requests', async () => {
		const pools = t.emulator.data.pools.slice(0, 60);
		const { items } = await t.n8n.run({
			parameters: get(byId('={{ $json.pool }}')),
			items: pools.map((pool) => ({ pool: pool.id })),
		});
		expect(items.map((item) => item.json)).toEqual(pools);
		expect(items.map((item) => item.pairedItem)).toEqual(pools.map((_p, item) => ({ item })));
		expect(t.emulator.requests('listPools')).toHaveLength(2);
	});

	it('says clearly when the pool does not exist', async () => {
		const { error } = await t.n8n.run({ parameters: get(byId('6930815272790000001')) });
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('Talent pool 6930815272790000001 was not found (item 0)');
	});

	it('with Continue On Fail, only the missing pool carries the error', async () => {
		const known = t.emulator.data.pools[1];
		const { items, error } = await t.n8n.run({
			parameters: get(byId('={{ $json.pool }}')),
			items: [{ pool: known.id }, { pool: '6930815272790000001' }, { pool: known.id }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{ json: known, pairedItem: { item: 0 } },
			{
				json: { error: 'Talent pool 6930815272790000001 was not found (item 1)' },
				pairedItem: { item: 1 },
			},
			{ json: known, pairedItem: { item: 2 } },
		]);
	});
});
