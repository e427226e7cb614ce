import { requestedPageSizes, useEmulator } from '../../helpers/fixture';

const t = useEmulator();
const getMany = (parameters: Record<string, unknown>) => ({
	resource: 'talentPool',
	operation: 'getAll',
	...parameters,
});

describe('Get Many', () => {
	it('Return All: 237 pools in 3 list requests and 1 token request, each pool exactly as the API returns it', async () => {
		const { items, error } = await t.n8n.run({ parameters: getMany({ returnAll: true }) });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(t.emulator.data.pools);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(requestedPageSizes(t.emulator)).toEqual([100, 100, 100]);
		expect(t.emulator.stats().tokensIssued).toBe(1);
		expect(t.emulator.stats().endpoints.listPools.byCode).toEqual({ 0: 3 });
	});

	it('Limit 150 asks for 100 then 50 and stops at 150', async () => {
		const { items } = await t.n8n.run({ parameters: getMany({ returnAll: false, limit: 150 }) });
		expect(items).toHaveLength(150);
		expect(items.map((item) => item.json.id)).toEqual(
			t.emulator.data.pools.slice(0, 150).map((pool) => pool.id),
		);
		expect(requestedPageSizes(t.emulator)).toEqual([100, 50]);
	});

	it('Limit 5 is one request of 5; the default limit is 50', async () => {
		expect((await t.n8n.run({ parameters: getMany({ limit: 5 }) })).items).toHaveLength(5);
		expect((await t.n8n.run({ parameters: getMany({}) })).items).toHaveLength(50);
		expect(requestedPageSizes(t.emulator)).toEqual([5, 50]);
	});

	it('120 IDs go out in 3 requests of at most 50, as a repeated id_list, and come back as one list', async () => {
		const wanted = t.emulator.data.pools.slice(100, 220).map((pool) => pool.id);
		const { items } = await t.n8n.run({
			parameters: getMany({ returnAll: true, filters: { talentPoolIds: wanted.join(', ') } }),
		});
		expect(items.map((item) => item.json.id)).toEqual(wanted);
		const queries = t.emulator
			.requests('listPools')
			.map((entry) => new URLSearchParams(entry.query).getAll('id_list'));
		expect(queries.map((ids) => ids.length)).toEqual([50, 50, 20]);
		expect(queries.flat()).toEqual(wanted);
	});

	it('takes the IDs as an array from an expression, and a limit applies to them', async () => {
		const wanted = t.emulator.data.pools.slice(0, 4).map((pool) => pool.id);
		const { items } = await t.n8n.run({
			parameters: getMany({ limit: 3, filters: { talentPoolIds: '={{ $json.pools }}' } }),
			items: [{ pools: wanted }],
		});
		expect(items.map((item) => item.json.id)).toEqual(wanted.slice(0, 3));
	});

	it('runs once per input item, pairing each pool with its item', async () => {
		const { items } = await t.n8n.run({ parameters: getMany({ limit: 2 }), items: [{}, {}] });
		expect(items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
		]);
	});

	it('follows URL-encoded page tokens (which hold +, / and =)', async () => {
		await t.n8n.run({ parameters: getMany({ returnAll: true }) });
		const tokens = t.emulator
			.requests('listPools')
			.slice(1)
			.map((entry) => entry.query);
		expect(tokens.every((query) => /page_token=[^&]*%2B/.test(query))).toBe(true);
	});
});
