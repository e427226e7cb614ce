import { SCOPE_READ, SCOPE_WRITE } from '../../../emulator';
import { startFixture, useEmulator } from '../../helpers/fixture';
import { changeByKey, findBodies } from '../../helpers/talents';

const t = useEmulator();
const talent = (index: number) => t.emulator.data.talents[index];
const pool = () => t.emulator.data.pools[1].id;
const UNKNOWN_EMAIL = 'nobody.here@example.com';

describe('Add Talent by email or mobile number', () => {
	it('120 rows with repeated emails: 3 lookups (50 keys at most), then 3 batches; every talent in the pool', async () => {
		const rows = Array.from({ length: 120 }, (_, i) => ({
			email: talent(i % 110).basic_info.email,
		}));
		const { items, error } = await t.n8n.run(changeByKey('addTalent', pool(), 'email', rows));
		expect(error).toBeUndefined();
		expect(items).toEqual(
			rows.map((_row, i) => ({
				json: { talent_pool_id: pool(), talent_id: talent(i % 110).talent_id },
				pairedItem: { item: i },
			})),
		);
		expect(new Set(t.emulator.members(pool()))).toEqual(
			new Set(Array.from({ length: 110 }, (_, i) => talent(i).talent_id)),
		);
		expect(
			findBodies(t.emulator)
				.map((body) => (body.email_list as string[]).length)
				.sort((a, b) => b - a),
		).toEqual([50, 50, 10]);
		expect(t.emulator.requests('batchChange')).toHaveLength(3);
	});

	it('an email that matches no talent fails its item, naming the email, and nothing is sent for it', async () => {
		const rows = [
			{ email: talent(0).basic_info.email },
			{ email: UNKNOWN_EMAIL },
			{ email: talent(1).basic_info.email },
		];
		const { items } = await t.n8n.run({
			...changeByKey('addTalent', pool(), 'email', rows),
			continueOnFail: true,
		});
		expect(items.map((item) => item.json.error ?? item.json.talent_id)).toEqual([
			talent(0).talent_id,
			`No talent in Feishu Hire with email ${UNKNOWN_EMAIL} (item 1)`,
			talent(1).talent_id,
		]);
		expect(t.emulator.requests('batchChange')).toHaveLength(1);
		expect(t.emulator.members(pool()).sort()).toEqual(
			[talent(0).talent_id, talent(1).talent_id].sort(),
		);
	});

	it('without Continue On Fail an unknown email stops the node before any talent is added', async () => {
		const rows = [{ email: talent(0).basic_info.email }, { email: UNKNOWN_EMAIL }];
		const { error } = await t.n8n.run(changeByKey('addTalent', pool(), 'email', rows));
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(`No talent in Feishu Hire with email ${UNKNOWN_EMAIL} (item 1)`);
		expect(error?.context?.itemIndex).toBe(1);
		expect(t.emulator.requests('batchChange')).toEqual([]);
		expect(t.emulator.members(pool())).toEqual([]);
	});

	it('an email that two talents share is ambiguous; with All Matches both are added, each as an output item', async () => {
		const email = talent(3).basic_info.email;
		const twin = t.emulator.addTalent({ name: 'Duplicate', email });
		const ambiguous = await t.n8n.run({
			...changeByKey('addTalent', pool(), 'email', [{ email }]),
			continueOnFail: true,
		});
		expect(ambiguous.items[0].json.error).toBe(
			`2 talents in Feishu Hire have email ${email} (item 0)`,
		);
		expect(t.emulator.members(pool())).toEqual([]);

		const all = await t.n8n.run(
			changeByKey('addTalent', pool(), 'email', [{ email }], { options: { allMatches: true } }),
		);
		expect(all.items).toEqual([
			{ json: { talent_pool_id: pool(), talent_id: talent(3).talent_id }, pairedItem: { item: 0 } },
			{ json: { talent_pool_id: pool(), talent_id: twin.talent_id }, pairedItem: { item: 0 } },
		]);
		expect(t.emulator.members(pool()).sort()).toEqual([talent(3).talent_id, twin.talent_id].sort());
	});

	it('moves a talent found by mobile number (Remove From Other Pools): one request per talent', async () => {
		const info = talent(9).basic_info;
		const other = t.emulator.data.pools[4].id;
		await t.n8n.run(
			changeByKey('addTalent', other, 'mobile', [
				{ code: info.mobile_code, mobile: info.mobile_number },
			]),
		);
		const moved = await t.n8n.run(
			changeByKey(
				'addTalent',
				pool(),
				'mobile',
				[{ code: info.mobile_code, mobile: info.mobile_number }],
				{ removeFromOtherPools: true },
			),
		);
		expect(moved.items.map((item) => item.json)).toEqual([
			{ talent_pool_id: pool(), talent_id: talent(9).talent_id },
		]);
		expect([t.emulator.members(other), t.emulator.members(pool())]).toEqual([
			[],
			[talent(9).talent_id],
		]);
		expect(t.emulator.requests('addTalent')).toHaveLength(1);
	});
});

describe('Remove Talent by mobile number', () => {
	it('takes the talents out, in batches, output { talent_pool_id, talent_id, removed }', async () => {
		const rows = [0, 1, 2].map((i) => ({
			code: talent(i).basic_info.mobile_code,
			mobile: talent(i).basic_info.mobile_number,
		}));
		await t.n8n.run(changeByKey('addTalent', pool(), 'mobile', rows));
		expect(t.emulator.members(pool())).toHaveLength(3);
		const { items, error } = await t.n8n.run(
			changeByKey('removeTalent', pool(), 'mobile', rows.slice(0, 2)),
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(
			[0, 1].map((i) => ({
				talent_pool_id: pool(),
				talent_id: talent(i).talent_id,
				removed: true,
			})),
		);
		expect(t.emulator.members(pool())).toEqual([talent(2).talent_id]);
	});

	it('an email that matches no talent fails its item and the others are removed', async () => {
		const rows = [{ email: talent(5).basic_info.email }, { email: UNKNOWN_EMAIL }];
		await t.n8n.run(changeByKey('addTalent', pool(), 'email', rows.slice(0, 1)));
		const { items } = await t.n8n.run({
			...changeByKey('removeTalent', pool(), 'email', rows),
			continueOnFail: true,
		});
		expect(items.map((item) => [item.json.error ?? item.json.removed, item.pairedItem])).toEqual([
			[true, { item: 0 }],
			[`No talent in Feishu Hire with email ${UNKNOWN_EMAIL} (item 1)`, { item: 1 }],
		]);
		expect(t.emulator.members(pool())).toEqual([]);
	});
});

describe('an app with the talent pool scope but not the talent scope', () => {
	it('Add Talent by email fails with 99991672 naming hire:talent:readonly, each item carrying it under Continue On Fail', async () => {
		const fixture = await startFixture({ scopes: [SCOPE_READ, SCOPE_WRITE] });
		try {
			const emails = [0, 1, 0].map((i) => ({
				email: fixture.emulator.data.talents[i].basic_info.email,
			}));
			const target = fixture.emulator.data.pools[1].id;
			const stopped = await fixture.n8n.run(changeByKey('addTalent', target, 'email', emails));
			expect(stopped.error?.message).toMatch(/^Feishu error 99991672: /);
			expect(stopped.error?.description).toContain('hire:talent:readonly');
			const continued = await fixture.n8n.run({
				...changeByKey('addTalent', target, 'email', emails),
				continueOnFail: true,
			});
			expect(
				continued.items.map((item) => [String(item.json.error).slice(0, 26), item.pairedItem]),
			).toEqual([0, 1, 2].map((item) => ['Feishu error 99991672: Acc', { item }]));
			expect(fixture.emulator.requests('batchChange')).toEqual([]);
		} finally {
			await fixture.emulator.close();
		}
	});
});
