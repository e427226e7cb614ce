import { startFixture, useEmulator } from '../../helpers/fixture';
import { bodiesOf, writeTalents, type WriteRow } from '../../helpers/talents';

/**
 * Creating a talent is not idempotent. Each way a create could be doubled (a retry after a
 * lost answer, the same key on two rows, the same export run twice, two executions at once)
 * is driven here against the emulator, and each talent must exist exactly once.
 */
const t = useEmulator();
const newRow = (index: number): WriteRow => ({
	name: `Fresh Candidate ${index}`,
	email: `fresh.${index}@example.org`,
});
/** How many talents the emulator holds with this email, ignoring case. */
const holders = (email: unknown) =>
	t.emulator
		.talents()
		.filter((talent) => talent.email.toLowerCase() === String(email).toLowerCase()).length;

describe('Talent → Create or Update', () => {
	it('creates the new keys once each, uses the known ones, one output item per input item in order', async () => {
		const known = t.emulator.data.talents.slice(0, 3);
		const rows: WriteRow[] = [
			{ name: 'Known 0', email: known[0].basic_info.email },
			newRow(1),
			{ name: 'Known 1', email: known[1].basic_info.email },
			newRow(2),
			{ ...newRow(1), name: 'Same new key again' },
			{ name: 'Known 2', email: known[2].basic_info.email },
		];
		const { items, error } = await t.n8n.run(writeTalents('upsert', rows));
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.created, item.json.updated, item.json.email])).toEqual([
			[false, false, rows[0].email],
			[true, false, rows[1].email],
			[false, false, rows[2].email],
			[true, false, rows[3].email],
			[false, false, rows[1].email],
			[false, false, rows[5].email],
		]);
		expect(items.map((item) => item.pairedItem)).toEqual(rows.map((_row, item) => ({ item })));
		expect(items[0].json.talent_id).toBe(known[0].talent_id);
		expect(items[4].json.talent_id).toBe(items[1].json.talent_id);
		expect(t.emulator.requests('findTalents')).toHaveLength(1);
		expect(bodiesOf(t.emulator, 'createTalent').map((body) => body.basic_info)).toEqual([
			{ name: 'Fresh Candidate 1', email: 'fresh.1@example.org' },
			{ name: 'Fresh Candidate 2', email: 'fresh.2@example.org' },
		]);
	});

	it('creates nothing when the same export runs a second time', async () => {
		const rows = Array.from({ length: 30 }, (_row, index) => newRow(index));
		const first = await t.n8n.run(writeTalents('upsert', rows));
		expect(first.items.filter((item) => item.json.created)).toHaveLength(30);
		const second = await t.n8n.run(writeTalents('upsert', rows));
		expect(second.error).toBeUndefined();
		expect(second.items.filter((item) => item.json.created)).toHaveLength(0);
		expect(second.items.map((item) => item.json.talent_id)).toEqual(
			first.items.map((item) => item.json.talent_id),
		);
		expect(t.emulator.requests('createTalent')).toHaveLength(30);
		for (const row of rows) expect(holders(row.email)).toBe(1);
	});

	it('a create whose answer is lost after Feishu applied it is looked up before any retry: found means created', async () => {
		t.emulator.setFaults({ lostWriteAnswerRate: 1 });
		const rows = Array.from({ length: 12 }, (_row, index) => newRow(index));
		const { items, error } = await t.n8n.run(writeTalents('upsert', rows));
		expect(error).toBeUndefined();
		expect(items.every((item) => item.json.created === true)).toBe(true);
		// One create each, every answer lost; one batched lookup, then one per lost answer.
		expect(t.emulator.requests('createTalent')).toHaveLength(12);
		expect(t.emulator.requests('createTalent').every((entry) => entry.status === 0)).toBe(true);
		expect(t.emulator.requests('findTalents')).toHaveLength(1 + 12);
		for (const row of rows) expect(holders(row.email)).toBe(1);
	});

	it('a create answered 5xx that Feishu did not apply is sent again after the lookup finds nothing', async () => {
		t.emulator.setFaults({ errorRate: 0.5, seed: 7 });
		const rows = Array.from({ length: 20 }, (_row, index) => newRow(index));
		const { items, error } = await t.n8n.run(writeTalents('upsert', rows));
		expect(error).toBeUndefined();
		expect(items.filter((item) => item.json.created)).toHaveLength(20);
		for (const row of rows) expect(holders(row.email)).toBe(1);
		const refused = t.emulator.requests('createTalent').filter((entry) => entry.code === 1002001);
		expect(refused.length).toBeGreaterThan(0);
	});

	it("a create refused as a duplicate for another field (the row's mobile is another talent's) fails its item saying which", async () => {
		const other = t.emulator.data.talents.find((talent) => talent.basic_info.mobile_code === '86')!;
		const row: WriteRow = { ...newRow(1), mobile: other.basic_info.mobile_number };
		const { error } = await t.n8n.run(writeTalents('upsert', [row]));
		expect(error).toMatchObject({
			message: expect.stringContaining('1002105'),
			description: expect.stringContaining(
				"another talent already has this item's mobile number or ID document number",
			),
		});
		expect(holders(row.email)).toBe(0);
	});

	it('two executions racing on the same new keys: the tenant’s duplicate check leaves one talent each', async () => {
		const rows = Array.from({ length: 10 }, (_row, index) => newRow(index));
		const [first, second] = await Promise.all([
			t.n8n.run(writeTalents('upsert', rows)),
			t.n8n.run(writeTalents('upsert', rows)),
		]);
		expect(first.error ?? second.error).toBeUndefined();
		for (const row of rows) expect(holders(row.email)).toBe(1);
		// Both looked every key up before either created: each key's second create was refused
		// as a duplicate (1002105) and resolved by looking the key up again.
		const codes = t.emulator.requests('createTalent').map((entry) => entry.code);
		expect(codes.filter((code) => code === 0)).toHaveLength(rows.length);
		expect(codes.filter((code) => code === 1002105)).toHaveLength(rows.length);
		for (let index = 0; index < rows.length; index++) {
			expect(first.items[index].json.talent_id).toBe(second.items[index].json.talent_id);
			expect([first.items[index].json.created, second.items[index].json.created].sort()).toEqual([
				false,
				true,
			]);
		}
	});

	it('writes the given fields to a talent Hire has with Update Existing, and leaves it alone without', async () => {
		const known = t.emulator.data.talents.find((talent) => talent.basic_info.mobile_code === '86')!;
		const row = { name: 'Renamed By Sync', email: known.basic_info.email };
		const untouched = await t.n8n.run(writeTalents('upsert', [row]));
		expect(untouched.items[0].json).toMatchObject({ created: false, updated: false });
		expect(t.emulator.requests('updateTalent')).toHaveLength(0);
		const { items } = await t.n8n.run(
			writeTalents('upsert', [row], { options: { updateExisting: true } }),
		);
		expect(items[0].json).toMatchObject({
			talent_id: known.talent_id,
			created: false,
			updated: true,
		});
		expect(
			t.emulator.talents().find((talent) => talent.talent_id === known.talent_id),
		).toMatchObject({
			name: 'Renamed By Sync',
			mobile_number: known.basic_info.mobile_number,
		});
	});

	it('fails a key that several talents share as ambiguous, unless Use First Match is on', async () => {
		const email = 'shared.key@example.org';
		const [a, b] = [t.emulator.addTalent({ email }), t.emulator.addTalent({ email })];
		const { error } = await t.n8n.run(writeTalents('upsert', [{ name: 'Shared', email }]));
		expect(error).toMatchObject({
			message: expect.stringContaining(`2 talents in Feishu Hire have the email ${email}`),
		});
		expect(t.emulator.requests('createTalent')).toHaveLength(0);
		const { items } = await t.n8n.run(
			writeTalents('upsert', [{ name: 'Shared', email }], { options: { useFirstMatch: true } }),
		);
		expect([a.talent_id, b.talent_id]).toContain(items[0].json.talent_id);
	});

	it('finds and creates by mobile number, writing code 86 as location code CN_1', async () => {
		const rows = [{ name: 'By Mobile', mobile: '139 0000 7777', code: '86' }];
		const first = await t.n8n.run(writeTalents('upsert', rows, { identifyBy: 'mobile' }));
		expect(first.items[0].json).toMatchObject({
			created: true,
			mobile_code: '86',
			mobile_number: '13900007777',
		});
		expect(bodiesOf(t.emulator, 'createTalent')[0].basic_info).toEqual({
			name: 'By Mobile',
			mobile: '13900007777',
			mobile_country_code: 'CN_1',
		});
		const second = await t.n8n.run(writeTalents('upsert', rows, { identifyBy: 'mobile' }));
		expect(second.items[0].json).toMatchObject({
			created: false,
			talent_id: first.items[0].json.talent_id,
		});
	});
});

describe('without the tenant’s duplicate check (duplicates: allow)', () => {
	it('two executions racing on the same new keys can create a talent twice: measured, and the README says so', async () => {
		const fixture = await startFixture({ duplicates: 'allow' });
		try {
			const rows = Array.from({ length: 10 }, (_row, index) => newRow(index));
			await Promise.all([
				fixture.n8n.run(writeTalents('upsert', rows)),
				fixture.n8n.run(writeTalents('upsert', rows)),
			]);
			const doubled = rows.filter(
				(row) =>
					fixture.emulator.talents().filter((talent) => talent.email === row.email).length > 1,
			);
			// Both executions look the keys up before either creates: every key is created twice.
			expect(doubled).toHaveLength(rows.length);
			// One execution at a time: nothing doubled, even without the tenant's check.
			fixture.emulator.reset();
			await fixture.n8n.run(writeTalents('upsert', rows));
			await fixture.n8n.run(writeTalents('upsert', rows));
			expect(fixture.emulator.requests('createTalent')).toHaveLength(rows.length);
		} finally {
			await fixture.emulator.close();
		}
	});
});

describe('Talent → Create', () => {
	it('a create whose answer is lost is looked up by its email before any retry', async () => {
		t.emulator.setFaults({ lostWriteAnswerRate: 1 });
		const rows = [newRow(1), newRow(2)];
		const { items, error } = await t.n8n.run(writeTalents('create', rows));
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.created)).toEqual([true, true]);
		expect(t.emulator.requests('createTalent')).toHaveLength(2);
		for (const row of rows) expect(holders(row.email)).toBe(1);
	});

	it('a create without any key whose answer is lost fails its item, saying so, and is not sent again', async () => {
		t.emulator.setFaults({ lostWriteAnswerRate: 1 });
		const { error } = await t.n8n.run(writeTalents('create', [{ name: 'No Key At All' }]));
		expect(error).toMatchObject({
			message: expect.stringContaining('the answer was lost'),
			description: expect.stringContaining('Look in Feishu Hire before running this item again'),
		});
		expect(t.emulator.requests('createTalent')).toHaveLength(1);
		expect(t.emulator.talents().filter((talent) => talent.name === 'No Key At All')).toHaveLength(
			1,
		);
	});
});
