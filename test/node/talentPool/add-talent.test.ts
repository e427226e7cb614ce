import { byId, fromList, useEmulator } from '../../helpers/fixture';
import { membershipParameters } from '../../helpers/parameters';

const t = useEmulator();
const UNKNOWN_TALENT = '7000000000000000001';
const UNKNOWN_POOL = '6930815272790000001';

const addTalent = (parameters: Record<string, unknown>) =>
	membershipParameters('addTalent', fromList(t.emulator.data.pools[0].id), {
		options: { batching: false },
		...parameters,
	});

describe('Add Talent', () => {
	it('adds the talent and outputs { talent_pool_id, talent_id } as returned by the API', async () => {
		const [pool, talent] = [t.emulator.data.pools[0].id, t.emulator.data.talentIds[0]];
		const { items, error } = await t.n8n.run({ parameters: addTalent({}), items: [{ talent }] });
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{ json: { talent_pool_id: pool, talent_id: talent }, pairedItem: { item: 0 } },
		]);
		expect(t.emulator.members(pool)).toEqual([talent]);
		const body = t.emulator.requests('addTalent')[0];
		expect(body.path).toBe(`/open-apis/hire/v1/talent_pools/${pool}/talent_relationship`);
	});

	it('Remove From Other Pools moves the talent (add_type 2); off keeps it in the others (add_type 1)', async () => {
		const [p1, p2, p3] = t.emulator.data.pools.map((pool) => pool.id);
		const talent = t.emulator.data.talentIds[3];
		await t.n8n.run({ parameters: addTalent({ talentPoolId: byId(p1) }), items: [{ talent }] });
		await t.n8n.run({
			parameters: addTalent({ talentPoolId: byId(p2), removeFromOtherPools: false }),
			items: [{ talent }],
		});
		expect([t.emulator.members(p1), t.emulator.members(p2)]).toEqual([[talent], [talent]]);
		await t.n8n.run({
			parameters: addTalent({ talentPoolId: byId(p3), removeFromOtherPools: true }),
			items: [{ talent }],
		});
		expect([t.emulator.members(p1), t.emulator.members(p2), t.emulator.members(p3)]).toEqual([
			[],
			[],
			[talent],
		]);
	});

	it('pairs every output item with its input item, in order, for 10 inputs', async () => {
		const talents = t.emulator.data.talentIds.slice(0, 10);
		const { items } = await t.n8n.run({
			parameters: addTalent({}),
			items: talents.map((talent) => ({ talent })),
		});
		expect(items.map((item) => [item.json.talent_id, item.pairedItem])).toEqual(
			talents.map((talent, item) => [talent, { item }]),
		);
		expect(t.emulator.members(t.emulator.data.pools[0].id).sort()).toEqual([...talents].sort());
	});

	it('an unknown talent stops the node with a NodeApiError carrying 1002102, its message, a hint and the item', async () => {
		const talents = [t.emulator.data.talentIds[0], UNKNOWN_TALENT];
		const { error } = await t.n8n.run({
			parameters: addTalent({}),
			items: talents.map((talent) => ({ talent })),
		});
		expect(error?.name).toBe('NodeApiError');
		expect(error?.errorResponse).toEqual({ code: 1002102, msg: 'talent not found' });
		expect(error?.message).toBe('Feishu error 1002102: talent not found');
		expect(error?.description).toMatch(/Talent ID/);
		expect(error?.httpCode).toBe('400');
		expect(error?.context?.itemIndex).toBe(1);
	});

	it('an unknown pool is 1002109', async () => {
		const { error } = await t.n8n.run({
			parameters: addTalent({ talentPoolId: byId(UNKNOWN_POOL) }),
			items: [{ talent: t.emulator.data.talentIds[0] }],
		});
		expect(error?.message).toBe('Feishu error 1002109: talent pool not found');
		expect(error?.description).toMatch(/Talent Pool/);
	});

	it('with Continue On Fail the failed items carry the error and the others are added', async () => {
		const [a, b] = t.emulator.data.talentIds;
		const { items, error } = await t.n8n.run({
			parameters: addTalent({}),
			items: [{ talent: a }, { talent: UNKNOWN_TALENT }, { talent: b }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		const pool = t.emulator.data.pools[0].id;
		expect(items).toEqual([
			{ json: { talent_pool_id: pool, talent_id: a }, pairedItem: { item: 0 } },
			{ json: { error: 'Feishu error 1002102: talent not found' }, pairedItem: { item: 1 } },
			{ json: { talent_pool_id: pool, talent_id: b }, pairedItem: { item: 2 } },
		]);
		expect(t.emulator.members(pool).sort()).toEqual([a, b].sort());
	});

	it('with Continue On Fail an unknown pool fails every item, each with 1002109', async () => {
		const { items } = await t.n8n.run({
			parameters: addTalent({ talentPoolId: byId(UNKNOWN_POOL) }),
			items: [{ talent: t.emulator.data.talentIds[0] }, { talent: t.emulator.data.talentIds[1] }],
			continueOnFail: true,
		});
		expect(items.map((item) => item.json.error)).toEqual([
			'Feishu error 1002109: talent pool not found',
			'Feishu error 1002109: talent pool not found',
		]);
	});

	it('sends the body as JSON with the IDs as strings', async () => {
		const talent = t.emulator.data.talentIds[7];
		await t.n8n.run({ parameters: addTalent({}), items: [{ talent }] });
		expect(t.emulator.members(t.emulator.data.pools[0].id)).toEqual([talent]);
		expect(t.emulator.stats().endpoints.addTalent.byCode).toEqual({ 0: 1 });
	});
});
