import { SCOPE_READ, SCOPE_TALENT_READ, SCOPE_WRITE } from '../emulator';
import { startFixture, useEmulator } from '../helpers/fixture';
import { findBodies, findTalents, getTalent } from '../helpers/talents';

const t = useEmulator();
const talent = (index: number) => t.emulator.data.talents[index];
const UNKNOWN_EMAIL = 'nobody.here@example.com';

describe('Talent → Find', () => {
	it('finds a talent by email: Feishu\'s record, paired with its item; only email_list is sent', async () => {
		const { talent_id: id, basic_info: info } = talent(3);
		const { items, error } = await t.n8n.run(findTalents('email', [{ email: info.email }]));
		expect(error).toBeUndefined();
		expect(items).toEqual([{ json: { talent_id: id, email: info.email, is_onboarded: talent(3).is_onboarded }, pairedItem: { item: 0 } }]);
		expect(findBodies(t.emulator)).toEqual([{ email_list: [info.email] }]);
	});

	it('finds by mobile number, one request per mobile code, echoing mobile_code and mobile_number', async () => {
		const mainland = t.emulator.data.talents.find((candidate) => candidate.basic_info.mobile_code === '86')!;
		const abroad = t.emulator.data.talents.find((candidate) => candidate.basic_info.mobile_code !== '86')!;
		const rows = [mainland, abroad].map(({ basic_info: info }) => ({ code: info.mobile_code, mobile: info.mobile_number }));
		const { items } = await t.n8n.run(findTalents('mobile', rows));
		expect(items.map((item) => [item.json.talent_id, item.json.mobile_code, item.json.mobile_number, item.pairedItem])).toEqual([
			[mainland.talent_id, '86', mainland.basic_info.mobile_number, { item: 0 }],
			[abroad.talent_id, abroad.basic_info.mobile_code, abroad.basic_info.mobile_number, { item: 1 }],
		]);
		expect(findBodies(t.emulator).sort((a, b) => String(a.mobile_code).localeCompare(String(b.mobile_code)))).toEqual(
			[
				{ mobile_code: '86', mobile_number_list: [mainland.basic_info.mobile_number] },
				{ mobile_code: abroad.basic_info.mobile_code, mobile_number_list: [abroad.basic_info.mobile_number] },
			].sort((a, b) => a.mobile_code.localeCompare(b.mobile_code)),
		);
	});

	it('finds by ID document number and type', async () => {
		const { talent_id: id, basic_info: info } = talent(5);
		const { identification_type: type, identification_number: number } = info.identification;
		const { items } = await t.n8n.run(findTalents('identification', [{ type, number }]));
		expect(items[0].json).toMatchObject({ talent_id: id, identification_type: type, identification_number: number });
		expect(findBodies(t.emulator)).toEqual([{ identification_type: type, identification_number_list: [number] }]);
	});

	it('trims keys and ignores separators in mobile numbers', async () => {
		const info = talent(8).basic_info;
		const spaced = info.mobile_code === '86' ? `${info.mobile_number.slice(0, 3)}-${info.mobile_number.slice(3, 7)} ${info.mobile_number.slice(7)}` : info.mobile_number;
		const byEmail = await t.n8n.run(findTalents('email', [{ email: `  ${info.email}\t` }]));
		const byMobile = await t.n8n.run(findTalents('mobile', [{ code: ` +${info.mobile_code} `, mobile: ` ${spaced} ` }]));
		expect(byEmail.items[0].json.talent_id).toBe(talent(8).talent_id);
		expect(byMobile.items[0].json.talent_id).toBe(talent(8).talent_id);
	});

	it('a key that matches nothing is { talent_id: null, <the key> }, so an IF node can route it', async () => {
		const { items, error } = await t.n8n.run(
			findTalents('email', [{ email: talent(0).basic_info.email }, { email: UNKNOWN_EMAIL }]),
		);
		expect(error).toBeUndefined();
		expect(items[1]).toEqual({ json: { talent_id: null, email: UNKNOWN_EMAIL }, pairedItem: { item: 1 } });
		const mobile = await t.n8n.run(findTalents('mobile', [{ code: '86', mobile: '19999999999' }]));
		expect(mobile.items).toEqual([{ json: { talent_id: null, mobile_code: '86', mobile_number: '19999999999' }, pairedItem: { item: 0 } }]);
	});

	it('Error When Not Found makes a miss an item error naming the key; with Continue On Fail the others go on', async () => {
		const known = talent(1).basic_info.email;
		const stopped = await t.n8n.run(findTalents('email', [{ email: known }, { email: UNKNOWN_EMAIL }], { errorWhenNotFound: true }));
		expect(stopped.error?.name).toBe('NodeOperationError');
		expect(stopped.error?.message).toBe(`No talent in Feishu Hire with email ${UNKNOWN_EMAIL} (item 1)`);
		expect(stopped.error?.context?.itemIndex).toBe(1);
		const continued = await t.n8n.run({
			...findTalents('email', [{ email: UNKNOWN_EMAIL }, { email: known }], { errorWhenNotFound: true }),
			continueOnFail: true,
		});
		expect(continued.items.map((item) => [item.json.error ?? item.json.talent_id, item.pairedItem])).toEqual([
			[`No talent in Feishu Hire with email ${UNKNOWN_EMAIL} (item 0)`, { item: 0 }],
			[talent(1).talent_id, { item: 1 }],
		]);
	});

	it('120 items with repeated emails: each distinct email looked up once, 50 per request, output in input order', async () => {
		const emails = Array.from({ length: 120 }, (_, i) => talent(i % 90).basic_info.email);
		const { items } = await t.n8n.run(findTalents('email', emails.map((email) => ({ email }))));
		expect(items.map((item) => [item.json.talent_id, item.pairedItem])).toEqual(emails.map((_e, i) => [talent(i % 90).talent_id, { item: i }]));
		const sent = findBodies(t.emulator).map((body) => body.email_list as string[]);
		expect(sent.map((list) => list.length).sort((a, b) => b - a)).toEqual([50, 40]);
		expect(new Set(sent.flat()).size).toBe(90);
	});

	it('a lookup Feishu refuses as too long (1002002) is halved until it is accepted: nothing is lost', async () => {
		const fixture = await startFixture({ maxLookupList: 20 });
		try {
			const emails = fixture.emulator.data.talents.slice(0, 60).map((candidate) => candidate.basic_info.email);
			const { items, error } = await fixture.n8n.run(findTalents('email', emails.map((email) => ({ email }))));
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.talent_id)).toEqual(fixture.emulator.data.talentIds.slice(0, 60));
			const sizes = findBodies(fixture.emulator).map((body) => (body.email_list as string[]).length);
			expect(sizes.filter((size) => size > 20).sort((a, b) => b - a)).toEqual([50, 25, 25]);
			expect(sizes.filter((size) => size <= 20).reduce((sum, size) => sum + size, 0)).toBe(60);
		} finally {
			await fixture.emulator.close();
		}
	});

	it('an email that several talents share gives one item per talent, all paired to that input', async () => {
		const email = talent(2).basic_info.email;
		const twin = t.emulator.addTalent({ name: 'Duplicate', email });
		const { items } = await t.n8n.run(findTalents('email', [{ email: talent(4).basic_info.email }, { email }]));
		expect(items.map((item) => [item.json.talent_id, item.pairedItem])).toEqual([
			[talent(4).talent_id, { item: 0 }],
			[talent(2).talent_id, { item: 1 }],
			[twin.talent_id, { item: 1 }],
		]);
	});

	it('never mixes kinds of key in one request (Feishu ANDs them): every lookup carries exactly one list', async () => {
		await t.n8n.run(findTalents('email', [{ email: talent(0).basic_info.email }]));
		await t.n8n.run(findTalents('mobile', [{ code: '86', mobile: '13800138000' }]));
		const lists = findBodies(t.emulator).map((body) => Object.keys(body).filter((field) => field.endsWith('_list')));
		expect(lists).toEqual([['email_list'], ['mobile_number_list']]);
	});

	it('is_onboarded is passed on only when Feishu returns it (its own field scope)', async () => {
		const fixture = await startFixture({ scopes: [SCOPE_READ, SCOPE_WRITE, SCOPE_TALENT_READ] });
		try {
			const { items } = await fixture.n8n.run(findTalents('email', [{ email: talent(0).basic_info.email }]));
			expect(items[0].json).toEqual({ talent_id: talent(0).talent_id, email: talent(0).basic_info.email });
		} finally {
			await fixture.emulator.close();
		}
	});

	it('without a talent scope, Feishu\'s 99991672 says which scope to add', async () => {
		const fixture = await startFixture({ scopes: [SCOPE_READ, SCOPE_WRITE] });
		try {
			const { error } = await fixture.n8n.run(findTalents('email', [{ email: talent(0).basic_info.email }]));
			expect(error?.message).toMatch(/^Feishu error 99991672: /);
			expect(error?.description).toBe(
				'Grant the app the scope hire:talent:readonly (or hire:talent) in the developer console (Permissions & Scopes), then publish a new app version.',
			);
		} finally {
			await fixture.emulator.close();
		}
	});
});

describe('Talent → Get', () => {
	it('outputs the talent exactly as Feishu returns it, with the pools it is in', async () => {
		const { talent_id: id } = talent(6);
		const pool = t.emulator.data.pools[2].id;
		await t.n8n.run({
			parameters: { resource: 'talentPool', operation: 'addTalent', talentPoolId: { __rl: true, mode: 'id', value: pool }, talentId: id },
		});
		const { items, error } = await t.n8n.run(getTalent([id]));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ talent_id: id, basic_info: talent(6).basic_info, talent_pool_id_list: [pool] });
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('an unknown talent is Feishu\'s HTTP 404 / 1002102 with a hint, naming the item', async () => {
		const { error } = await t.n8n.run(getTalent([talent(0).talent_id, '7000000000000000001']));
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Feishu error 1002102: talent not found');
		expect(error?.httpCode).toBe('404');
		expect(error?.description).toMatch(/Talent ID/);
		expect(error?.context?.itemIndex).toBe(1);
	});

	it('45 items at the documented 20/s: none refused with 429, never more than 20 in a second', async () => {
		const fixture = await startFixture({ rateLimits: {} });
		try {
			const ids = fixture.emulator.data.talentIds.slice(0, 45);
			const { items, error } = await fixture.n8n.run(getTalent(ids));
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.talent_id)).toEqual(ids);
			const stats = fixture.emulator.stats().endpoints.getTalent;
			expect(stats.rateLimited).toBe(0);
			expect(stats.peakPerSecond).toBeLessThanOrEqual(20);
		} finally {
			await fixture.emulator.close();
		}
	});
});
