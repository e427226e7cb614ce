import { useEmulator } from '../../helpers/fixture';

const t = useEmulator();

describe('Talent Pool picker', () => {
	it('lists 100 pools a page, then the next pages through the pagination token', async () => {
		const first = await t.n8n.searchPools();
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({
			name: '公共人才库 1 · Common Talent Pool 1',
			value: t.emulator.data.pools[0].id,
		});
		const second = await t.n8n.searchPools(undefined, first.paginationToken as string);
		const third = await t.n8n.searchPools(undefined, second.paginationToken as string);
		expect(third.paginationToken).toBeUndefined();
		const all = [...first.results, ...second.results, ...third.results].map(
			(result) => result.value,
		);
		expect(all).toEqual(t.emulator.data.pools.map((pool) => pool.id));
	});

	it('filters by Chinese or English name across pages, case-insensitively', async () => {
		const chinese = await t.n8n.searchPools('前端');
		expect(chinese.results.length).toBe(20);
		expect(chinese.results.every((result) => result.name.includes('前端工程师'))).toBe(true);
		const english = await t.n8n.searchPools('frontend ENGINEERS 14');
		expect(english.results.map((result) => result.name)).toEqual([
			'前端工程师 14 · Frontend Engineers 14',
			'前端工程师 146 · Frontend Engineers 146',
		]);
		expect(english.paginationToken).toBeUndefined();
	});

	it('finds a pool by its ID', async () => {
		const pool = t.emulator.data.pools[200];
		const { results } = await t.n8n.searchPools(pool.id);
		expect(results.map((result) => result.value)).toEqual([pool.id]);
	});

	it('returns nothing, without error, when no pool matches', async () => {
		expect((await t.n8n.searchPools('no such pool')).results).toEqual([]);
		expect(t.emulator.requests('listPools')).toHaveLength(3);
	});
});
