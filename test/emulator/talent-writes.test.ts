import axios from 'axios';

import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';
import { fetchToken, probe } from '../helpers/probe';

/** The emulator's talent writes and list, as the facts sheet documents them (and its stated assumptions). */
const CREATE = '/open-apis/hire/v1/talents/combined_create';
const UPDATE = '/open-apis/hire/v1/talents/combined_update';
const LIST = '/open-apis/hire/v1/talents';

let emulator: Emulator;
let token: string;

async function start(options: EmulatorOptions = {}) {
	emulator = await startEmulator({ rateLimits: false, talents: 30, ...options });
	token = await fetchToken(emulator);
}

afterEach(async () => {
	await emulator?.close();
});

const post = (path: string, body: unknown) => probe(emulator, 'POST', path, { token, body });
const list = (query = '') => probe(emulator, 'GET', LIST, { token, query });
const create = (basicInfo: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
	post(CREATE, { basic_info: basicInfo, ...extra });

describe('combined_create', () => {
	beforeEach(() => start());

	it('creates a talent that batch_get_id, the v2 get, the pools and the inspection API see at once', async () => {
		const created = await create({
			name: 'Zhou Xin',
			email: 'zhou.xin@example.org',
			mobile: '13912345678',
			mobile_country_code: 'CN_1',
			gender: 2,
		});
		expect(created.status).toBe(200);
		expect(created.data).toMatchObject({
			code: 0,
			data: { talent_id: expect.stringMatching(/^\d{19}$/) },
		});
		const talentId = created.data.data.talent_id as string;
		const found = await post('/open-apis/hire/v1/talents/batch_get_id', {
			mobile_code: '86',
			mobile_number_list: ['13912345678'],
		});
		expect(found.data.data.talent_list).toEqual([
			expect.objectContaining({ talent_id: talentId, mobile_code: '86' }),
		]);
		const read = await probe(emulator, 'GET', `/open-apis/hire/v2/talents/${talentId}`, { token });
		expect(read.data.data.basic_info).toMatchObject({ name: 'Zhou Xin', gender: 2 });
		expect(read.data.data.basic_info).not.toHaveProperty('mobile_country_code');
		const pool = emulator.data.pools[0].id;
		const added = await post(`/open-apis/hire/v1/talent_pools/${pool}/talent_relationship`, {
			talent_id: talentId,
			add_type: 1,
		});
		expect(added.data.code).toBe(0);
		expect(emulator.talents().map((talent) => talent.talent_id)).toContain(talentId);
		emulator.reset();
		expect(emulator.talents()).toHaveLength(30);
	});

	it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
		['no name', { email: 'a@example.org' }, {}],
		['an empty name', { name: ' ' }, {}],
		[
			'a dialing code as mobile_country_code',
			{ name: 'A', mobile: '13912345678', mobile_country_code: '86' },
			{},
		],
		[
			'"+852" as mobile_country_code',
			{ name: 'A', mobile: '51234567', mobile_country_code: '+852' },
			{},
		],
		['an unknown basic_info field', { name: 'A', nickname: 'a' }, {}],
		['a number for a string', { name: 'A', mobile: 13912345678 }, {}],
		['an undocumented gender', { name: 'A', gender: 4 }, {}],
		[
			'an undocumented ID type',
			{ name: 'A', identification: { identification_type: 7, identification_number: 'x' } },
			{},
		],
		['an unknown top-level field', { name: 'A' }, { pool_id: '1' }],
		['an experience list that is no list', { name: 'A' }, { career_list: {} }],
	])('refuses %s with 400 / 1002002 and creates nothing', async (_case, basicInfo, extra) => {
		const response = await create(basicInfo, extra);
		expect(response.status).toBe(400);
		expect(response.data.code).toBe(1002002);
		expect(emulator.talents()).toHaveLength(30);
	});

	it.each([
		['the email, in other letter case', (info: Seeded) => ({ email: info.email.toUpperCase() })],
		[
			'the mobile number',
			(info: Seeded) => ({ mobile: info.mobile_number, mobile_country_code: 'CN_1' }),
		],
		['the ID document', (info: Seeded) => ({ identification: info.identification })],
	])(
		'refuses a create whose %s belongs to another talent: 400 / 1002105, nothing created',
		async (_case, key) => {
			const seeded = emulator.data.talents.find(
				(talent) => talent.basic_info.mobile_code === '86',
			)!;
			const response = await create({ name: 'Someone Else', ...key(seeded.basic_info) });
			expect(response.status).toBe(400);
			expect(response.data.code).toBe(1002105);
			expect(emulator.talents()).toHaveLength(30);
		},
	);

	it('creates a second talent for the same email when the tenant allows duplicates', async () => {
		await emulator.close();
		await start({ duplicates: 'allow' });
		const email = emulator.data.talents[0].basic_info.email;
		expect((await create({ name: 'Twin', email })).data.code).toBe(0);
		const found = await post('/open-apis/hire/v1/talents/batch_get_id', { email_list: [email] });
		expect(found.data.data.talent_list).toHaveLength(2);
	});

	it('applies a create whose answer it then loses (lostWriteAnswerRate)', async () => {
		emulator.setFaults({ lostWriteAnswerRate: 1 });
		const lost = await axios
			.post(
				`${emulator.url}${CREATE}`,
				{ basic_info: { name: 'Lost Answer', email: 'lost@example.org' } },
				{
					headers: { Authorization: `Bearer ${token}` },
				},
			)
			.then(
				() => 'answered',
				(error: { code?: string }) => error.code,
			);
		expect(lost).toBe('ECONNRESET');
		expect(emulator.talents().at(-1)).toMatchObject({
			name: 'Lost Answer',
			email: 'lost@example.org',
		});
		expect(emulator.requests('createTalent')).toEqual([expect.objectContaining({ status: 0 })]);
	});
});

type Seeded = Emulator['data']['talents'][number]['basic_info'];

describe('combined_update', () => {
	beforeEach(() => start());

	it('replaces the fields sent, keeps the others, and sets modify_time', async () => {
		const talent = emulator.data.talents[2];
		const before = (await list(`keyword=${talent.basic_info.email}`)).data.data.items[0];
		const response = await post(UPDATE, {
			talent_id: talent.talent_id,
			basic_info: { name: 'Renamed' },
			career_list: [{ company: 'Acme' }],
		});
		expect(response.data).toMatchObject({ code: 0, data: { talent_id: talent.talent_id } });
		const after = (await list('keyword=renamed')).data.data.items[0];
		expect(after.basic_info).toMatchObject({ name: 'Renamed', email: talent.basic_info.email });
		expect(after.career_list).toEqual([{ company: 'Acme' }]);
		expect(Number(after.basic_info.modify_time)).toBeGreaterThan(
			Number(before.basic_info.modify_time),
		);
		// Without career_list the stored list stays.
		await post(UPDATE, { talent_id: talent.talent_id, basic_info: { gender: 1 } });
		expect((await list('keyword=renamed')).data.data.items[0].career_list).toEqual([
			{ company: 'Acme' },
		]);
	});

	it('answers an unknown talent with 400 / 1002102', async () => {
		const response = await post(UPDATE, {
			talent_id: '7999999999999999999',
			basic_info: { name: 'X' },
		});
		expect(response.status).toBe(400);
		expect(response.data.code).toBe(1002102);
	});

	it("answers another talent's email with 400 / 1002101 and changes nothing", async () => {
		const [first, second] = emulator.data.talents;
		const response = await post(UPDATE, {
			talent_id: first.talent_id,
			basic_info: { email: second.basic_info.email },
		});
		expect(response.status).toBe(400);
		expect(response.data.code).toBe(1002101);
		expect(emulator.talents()[0].email).toBe(first.basic_info.email);
	});
});

describe('GET /open-apis/hire/v1/talents', () => {
	beforeEach(() => start());

	it('pages through every talent, newest change first, 10 by default and 20 at most', async () => {
		const ids: string[] = [];
		let pageToken = '';
		for (;;) {
			const page = await list(
				`page_size=20${pageToken ? `&page_token=${encodeURIComponent(pageToken)}` : ''}`,
			);
			expect(page.data.data.items.length).toBeLessThanOrEqual(20);
			ids.push(...page.data.data.items.map((item: { id: string }) => item.id));
			if (!page.data.data.has_more) break;
			pageToken = page.data.data.page_token;
		}
		expect(new Set(ids).size).toBe(30);
		expect((await list()).data.data.items).toHaveLength(10);
	});

	it.each(['page_size=21', 'page_size=0', 'sort_by=5', 'update_start_time=yesterday', 'limit=5'])(
		'refuses %s with 400 / 1002002',
		async (query) => {
			const response = await list(query);
			expect(response.status).toBe(400);
			expect(response.data.code).toBe(1002002);
		},
	);

	it('filters by update time (inclusive, ms) and keyword', async () => {
		const talent = emulator.data.talents[5];
		await post(UPDATE, { talent_id: talent.talent_id, basic_info: { name: 'Fresh Change' } });
		const since = emulator.talents().length && Date.now() - 60_000;
		const recent = await list(`update_start_time=${since}`);
		expect(recent.data.data.items.map((item: { id: string }) => item.id)).toEqual([
			talent.talent_id,
		]);
		expect((await list('keyword=fresh%20and%20change')).data.data.items).toHaveLength(1);
		expect((await list('keyword=fresh%20not%20change')).data.data.items).toHaveLength(0);
	});
});
