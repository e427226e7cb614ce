import { SCOPE_TALENT_READ } from '../../../emulator';
import { startFixture, useEmulator } from '../../helpers/fixture';
import { bodiesOf, writeTalents } from '../../helpers/talents';

/** Talent → Create, Update and Get Many through n8n-core against the emulator. */
const t = useEmulator({ mobileCodes: { CN_2: '852' } });
const newRow = (index: number) => ({
	name: `New Candidate ${index}`,
	email: `new.candidate.${index}@example.org`,
	mobile: `1390000${String(index).padStart(4, '0')}`,
});

describe('Talent → Create', () => {
	it('creates one talent per item and writes a mainland number with location code CN_1, never a dialing code', async () => {
		const rows = [newRow(1), newRow(2), { name: 'Only A Name' }];
		const { items, error } = await t.n8n.run(writeTalents('create', rows));
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.created, item.pairedItem])).toEqual([
			[true, { item: 0 }],
			[true, { item: 1 }],
			[true, { item: 2 }],
		]);
		const known = t.emulator.talents().slice(-3);
		expect(items.map((item) => item.json.talent_id)).toEqual(
			known.map((talent) => talent.talent_id),
		);
		expect(known[0]).toMatchObject({ name: 'New Candidate 1', mobile_code: '86' });
		expect(bodiesOf(t.emulator, 'createTalent')[0]).toEqual({
			basic_info: {
				name: 'New Candidate 1',
				email: 'new.candidate.1@example.org',
				mobile: '13900000001',
				mobile_country_code: 'CN_1',
			},
		});
		expect(bodiesOf(t.emulator, 'createTalent')[2]).toEqual({
			basic_info: { name: 'Only A Name' },
		});
	});

	it('writes another country’s number with the location code given, and the optional fields', async () => {
		const { error } = await t.n8n.run(
			writeTalents('create', [{ name: 'Chan Tai Man', mobile: '51234567', code: '852' }], {
				additionalFields: {
					mobileCountryCode: { __rl: true, mode: 'list', value: 'CN_2' },
					gender: 1,
					identificationType: 2,
					identificationNumber: 'K1234567',
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(bodiesOf(t.emulator, 'createTalent')).toEqual([
			{
				basic_info: {
					name: 'Chan Tai Man',
					mobile: '51234567',
					mobile_country_code: 'CN_2',
					identification: { identification_type: 2, identification_number: 'K1234567' },
					gender: 1,
				},
			},
		]);
		expect(t.emulator.talents().at(-1)).toMatchObject({
			mobile_code: '852',
			mobile_number: '51234567',
		});
	});

	it('fails an item whose email Hire already has with 1002105 and a hint to Create or Update; Continue On Fail goes on', async () => {
		const existing = t.emulator.data.talents[4].basic_info.email;
		const { items } = await t.n8n.run({
			...writeTalents('create', [{ name: 'Dup', email: existing }, newRow(3)]),
			continueOnFail: true,
		});
		expect(items[0].json.error).toMatch(/^Feishu error 1002105/);
		expect(items[1].json).toMatchObject({ created: true });
		const { error } = await t.n8n.run(writeTalents('create', [{ name: 'Dup', email: existing }]));
		expect(error).toMatchObject({
			message: expect.stringContaining('1002105'),
			description: expect.stringContaining('Create or Update'),
		});
	});
});

it('an app without hire:talent is told which scope to grant, and that store apps cannot create talents', async () => {
	const fixture = await startFixture({ scopes: [SCOPE_TALENT_READ] });
	try {
		const { error } = await fixture.n8n.run(writeTalents('create', [newRow(9)]));
		expect(error).toMatchObject({
			message: expect.stringContaining('99991672'),
			description: expect.stringMatching(/scope hire:talent .*self-built \(custom\) apps only/),
		});
	} finally {
		await fixture.emulator.close();
	}
});

describe('Talent → Update', () => {
	const update = (talentId: string, updateFields: Record<string, unknown>) => ({
		parameters: { resource: 'talent', operation: 'update', talentId, updateFields },
	});

	it('changes what the item sets and keeps every other field, sending no experience list', async () => {
		const talent = t.emulator.data.talents.find((one) => one.basic_info.mobile_code === '86')!;
		const { items, error } = await t.n8n.run(
			update(talent.talent_id, { email: 'moved@example.org' }),
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ talent_id: talent.talent_id, updated: true });
		const after = t.emulator.talents().find((one) => one.talent_id === talent.talent_id)!;
		expect(after).toMatchObject({
			email: 'moved@example.org',
			name: talent.basic_info.name,
			mobile_number: talent.basic_info.mobile_number,
			mobile_code: '86',
		});
		// Read first, then written whole: either behaviour of Feishu keeps the other fields.
		expect(t.emulator.requests('getTalentV1')).toHaveLength(1);
		const [body] = bodiesOf(t.emulator, 'updateTalent');
		expect(body).toEqual({
			talent_id: talent.talent_id,
			basic_info: expect.objectContaining({
				name: talent.basic_info.name,
				email: 'moved@example.org',
				mobile: talent.basic_info.mobile_number,
				mobile_country_code: 'CN_1',
			}),
		});
		expect(Object.keys(body)).toEqual(['talent_id', 'basic_info']);
	});

	it('leaves out a stored mobile whose location code is unknown, rather than move it to another country', async () => {
		const abroad = t.emulator.data.talents.find((one) => one.basic_info.mobile_code !== '86')!;
		const { error } = await t.n8n.run(update(abroad.talent_id, { name: 'Renamed Abroad' }));
		expect(error).toBeUndefined();
		expect(bodiesOf(t.emulator, 'updateTalent')[0].basic_info).not.toHaveProperty('mobile');
		expect(t.emulator.talents().find((one) => one.talent_id === abroad.talent_id)).toMatchObject({
			name: 'Renamed Abroad',
			mobile_code: abroad.basic_info.mobile_code,
			mobile_number: abroad.basic_info.mobile_number,
		});
	});

	it("answers another talent's email with Feishu's 1002101 and its hint", async () => {
		const [first, second] = t.emulator.data.talents;
		const { error } = await t.n8n.run(update(first.talent_id, { email: second.basic_info.email }));
		expect(error).toMatchObject({
			message: expect.stringContaining('1002101'),
			description: expect.stringContaining('Another talent'),
		});
	});

	it('reports an unknown Talent ID with 1002102 and writes nothing', async () => {
		const { error } = await t.n8n.run(update('7999999999999999999', { name: 'Nobody' }));
		expect(error).toMatchObject({ message: expect.stringContaining('1002102') });
		expect(t.emulator.requests('updateTalent')).toHaveLength(0);
	});
});

describe('Talent → Get Many', () => {
	const getMany = (parameters: Record<string, unknown>) => ({
		parameters: { resource: 'talent', operation: 'getAll', ...parameters },
	});
	const pageSizes = () =>
		t.emulator
			.requests('listTalents')
			.map((entry) => Number(new URLSearchParams(entry.query).get('page_size')));

	it('stops exactly at the limit, asking for no more than it needs (20 per page at most)', async () => {
		const { items, error } = await t.n8n.run(getMany({ limit: 45 }));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(45);
		expect(pageSizes()).toEqual([20, 20, 5]);
		expect(items[0].json).toMatchObject({ talent_id: expect.stringMatching(/^\d{19}$/) });
		expect(items[0].json).not.toHaveProperty('id');
	});

	it('returns the talents changed in a time window, newest first', async () => {
		const since = new Date(Date.now() - 1000).toISOString();
		const rows = [newRow(7), newRow(8)];
		await t.n8n.run(writeTalents('create', rows));
		const { items } = await t.n8n.run(
			getMany({ returnAll: true, filters: { updatedAfter: since } }),
		);
		expect(items.map((item) => (item.json.basic_info as { email: string }).email)).toEqual([
			rows[1].email,
			rows[0].email,
		]);
		const query = new URLSearchParams(t.emulator.requests('listTalents').at(-1)!.query);
		expect(query.get('update_start_time')).toBe(String(Date.parse(since)));
	});
});
