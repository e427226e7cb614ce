import axios from 'axios';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';

import {
	addPath,
	batchPath,
	fetchToken,
	FIND_TALENTS_PATH,
	probe,
	talentPath,
} from '../helpers/probe';
import { idCheckCharacter, seedData } from '../../emulator/data';
import {
	DOCUMENTED_ENDPOINT_LIMITS,
	INSPECTION_PREFIX,
	SCOPE_ONBOARD_STATUS_READ,
	SCOPE_READ,
	SCOPE_TALENT_READ,
	SCOPE_TALENT_WRITE,
	SCOPE_WRITE,
	startEmulator,
	talentIdAt,
	type Emulator,
	type EmulatorOptions,
	type Talent,
} from '../../emulator';

let open: Emulator[] = [];
async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const started = await startEmulator({ rateLimits: false, talents: 300, ...options });
	open.push(started);
	return started;
}
afterEach(async () => {
	await Promise.all(open.map((e) => e.close()));
	open = [];
});

const find = (emu: Emulator, token: string, body: unknown, headers?: Record<string, string>) =>
	probe(emu, 'POST', FIND_TALENTS_PATH, { token, body, headers });
const getTalent = (emu: Emulator, token: string, talentId: string, query?: string) =>
	probe(emu, 'GET', talentPath(talentId), { token, query });

function talentWith(emu: Emulator, test: (talent: Talent) => boolean): Talent {
	const talent = emu.data.talents.find(test);
	if (!talent) throw new Error('no seeded talent fits the test');
	return talent;
}
const mainland = (emu: Emulator, skip = 0) =>
	emu.data.talents.filter((talent) => talent.basic_info.mobile_code === '86')[skip];
const withCode = (emu: Emulator, code: string) =>
	talentWith(emu, (talent) => talent.basic_info.mobile_code === code);
const share = (talents: Talent[], test: (talent: Talent) => boolean) =>
	talents.filter(test).length / talents.length;

describe('seeded talents', () => {
	it('are deterministic for a seed, one per talent ID in the same order, and differ between seeds', () => {
		const a = seedData(20, 400, 3);
		expect(seedData(20, 400, 3).talents).toEqual(a.talents);
		expect(a.talents.map((talent) => talent.talent_id)).toEqual(a.talentIds);
		const other = seedData(20, 400, 4);
		expect(other.talentIds).toEqual(a.talentIds);
		expect(other.talents.map((talent) => talent.basic_info.name)).not.toEqual(
			a.talents.map((talent) => talent.basic_info.name),
		);
	});

	it('leave the pools exactly as they were before talents had data', () => {
		const pools = seedData(237, 5000, 1).pools;
		expect(seedData(237, 0, 1).pools).toEqual(pools);
		expect(createHash('sha256').update(JSON.stringify(pools)).digest('hex')).toBe(
			'a7ed821fadce5b08cc515c0f9d228f7b76b86b5e9af55cbb752d6425715655c2',
		);
		expect(seedData(3, 3, 1).talentIds).toEqual([talentIdAt(0), talentIdAt(1), talentIdAt(2)]);
	});

	it('have unique lower-case emails and unique mobiles, mostly +86, about 1 in 7 abroad', () => {
		const { talents } = seedData(1, 5000, 1);
		expect(talents).toHaveLength(5000);
		const emails = talents.map((talent) => talent.basic_info.email);
		expect(new Set(emails).size).toBe(5000);
		for (const email of emails) expect(email).toMatch(/^[a-z]+\.[a-z]+\.\d{4,}@example\.com$/);
		const mobiles = talents.map((talent) => talent.basic_info.mobile_number);
		expect(new Set(mobiles).size).toBe(5000);
		const numberShapes: Record<string, RegExp> = {
			'86': /^1\d{10}$/,
			'852': /^\d{8}$/,
			'1': /^\d{10}$/,
			'65': /^\d{8}$/,
		};
		for (const { basic_info: info } of talents)
			expect(info.mobile_number).toMatch(numberShapes[info.mobile_code]);
		const abroad = share(talents, (talent) => talent.basic_info.mobile_code !== '86');
		expect(abroad).toBeGreaterThan(0.1);
		expect(abroad).toBeLessThan(0.19);
		expect(new Set(talents.map((talent) => talent.basic_info.mobile_code))).toEqual(
			new Set(['86', '852', '1', '65']),
		);
	});

	it('carry Chinese names, creation times, PRC ID numbers with a valid check character or passports, and 1 in 10 onboarded', () => {
		const { talents } = seedData(1, 5000, 1);
		for (const { basic_info: info } of talents) {
			expect(info.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
			expect(info.create_time).toMatch(/^\d{13}$/);
			const { identification_type: type, identification_number: number } = info.identification;
			if (type === 1) {
				expect(number).toMatch(/^\d{17}[\dX]$/);
				expect(number[17]).toBe(idCheckCharacter(number.slice(0, 17)));
			} else {
				expect(type).toBe(2);
				expect(number).toMatch(/^E\d{8}$/);
			}
		}
		const idNumbers = talents.map(
			(talent) => talent.basic_info.identification.identification_number,
		);
		expect(new Set(idNumbers).size).toBe(5000);
		const passports = share(
			talents,
			(talent) => talent.basic_info.identification.identification_type === 2,
		);
		expect(passports).toBeGreaterThan(0.05);
		expect(passports).toBeLessThan(0.25);
		const onboarded = share(talents, (talent) => talent.is_onboarded);
		expect(onboarded).toBeGreaterThan(0.07);
		expect(onboarded).toBeLessThan(0.13);
	});

	it('computes the PRC check character as GB 11643 does', () => {
		expect(idCheckCharacter('11010519491231002')).toBe('X');
		expect(idCheckCharacter('44052418800101001')).toBe('4');
	});
});

describe('batch_get_id', () => {
	let emu: Emulator;
	let token: string;
	beforeEach(async () => {
		emu = await emulator();
		token = await fetchToken(emu);
	});
	const talentList = async (body: unknown) => {
		const { status, data } = await find(emu, token, body);
		expect([status, data.code, data.msg]).toEqual([200, 0, 'success']);
		return data.data.talent_list as Array<Record<string, unknown>>;
	};

	it('finds by email, echoing talent_id, email and is_onboarded only', async () => {
		const [a, b] = emu.data.talents;
		expect(await talentList({ email_list: [a.basic_info.email, b.basic_info.email] })).toEqual([
			{ talent_id: a.talent_id, email: a.basic_info.email, is_onboarded: a.is_onboarded },
			{ talent_id: b.talent_id, email: b.basic_info.email, is_onboarded: b.is_onboarded },
		]);
	});

	it('finds by mobile, "86" when mobile_code is left out, echoing mobile_code and mobile_number', async () => {
		const talent = mainland(emu);
		const { mobile_code, mobile_number } = talent.basic_info;
		const expected = [
			{
				talent_id: talent.talent_id,
				mobile_code,
				mobile_number,
				is_onboarded: talent.is_onboarded,
			},
		];
		expect(await talentList({ mobile_number_list: [mobile_number] })).toEqual(expected);
		expect(await talentList({ mobile_code: '86', mobile_number_list: [mobile_number] })).toEqual(
			expected,
		);
	});

	it('matches a mobile only with its own dialing code', async () => {
		const hongKong = withCode(emu, '852');
		const { mobile_number } = hongKong.basic_info;
		expect(await talentList({ mobile_code: '852', mobile_number_list: [mobile_number] })).toEqual([
			{
				talent_id: hongKong.talent_id,
				mobile_code: '852',
				mobile_number,
				is_onboarded: hongKong.is_onboarded,
			},
		]);
		expect(await talentList({ mobile_code: '65', mobile_number_list: [mobile_number] })).toEqual(
			[],
		);
	});

	it('finds by identification number of the given type, echoing both', async () => {
		const talent = talentWith(emu, (t) => t.basic_info.identification.identification_type === 1);
		const { identification_number } = talent.basic_info.identification;
		expect(
			await talentList({
				identification_type: 1,
				identification_number_list: [identification_number],
			}),
		).toEqual([
			{
				talent_id: talent.talent_id,
				identification_type: 1,
				identification_number,
				is_onboarded: talent.is_onboarded,
			},
		]);
		expect(
			await talentList({
				identification_type: 2,
				identification_number_list: [identification_number],
			}),
		).toEqual([]);
	});

	it('combines lists with AND: a talent must match one entry of each', async () => {
		const [a, b] = [mainland(emu, 0), mainland(emu, 1)];
		const mixed = await talentList({
			email_list: [a.basic_info.email],
			mobile_number_list: [b.basic_info.mobile_number],
		});
		expect(mixed).toEqual([]);
		const both = await talentList({
			email_list: [a.basic_info.email, b.basic_info.email],
			mobile_number_list: [a.basic_info.mobile_number],
		});
		expect(both).toEqual([
			{
				talent_id: a.talent_id,
				email: a.basic_info.email,
				mobile_code: '86',
				mobile_number: a.basic_info.mobile_number,
				is_onboarded: a.is_onboarded,
			},
		]);
	});

	it('leaves misses out, matches emails case-sensitively, and answers an empty list without lists', async () => {
		const [talent, other] = [emu.data.talents[3], emu.data.talents[6]];
		const list = await talentList({
			email_list: [
				'nobody@example.com',
				talent.basic_info.email,
				other.basic_info.email.toUpperCase(),
			],
		});
		expect(list.map((entry) => entry.talent_id)).toEqual([talent.talent_id]);
		expect(await talentList({})).toEqual([]);
		expect(
			await talentList({ email_list: [], mobile_number_list: [], identification_number_list: [] }),
		).toEqual([]);
		expect(await talentList({ mobile_code: '86', identification_type: 1 })).toEqual([]);
	});

	it('treats an empty list as not given, so it does not narrow the others', async () => {
		const talent = emu.data.talents[4];
		const list = await talentList({
			email_list: [talent.basic_info.email],
			mobile_number_list: [],
		});
		expect(list).toEqual([
			{
				talent_id: talent.talent_id,
				email: talent.basic_info.email,
				is_onboarded: talent.is_onboarded,
			},
		]);
	});

	it('accepts 50 items in a list', async () => {
		const emails = emu.data.talents.slice(0, 50).map((talent) => talent.basic_info.email);
		expect(await talentList({ email_list: emails })).toHaveLength(50);
	});

	it.each<[string, unknown]>([
		['an unknown field', { email_list: ['a@example.com'], emails: ['a@example.com'] }],
		['a numeric mobile_code', { mobile_code: 86, mobile_number_list: ['13800138000'] }],
		['a mobile_number_list that is a string', { mobile_number_list: '13800138000' }],
		['a numeric mobile number', { mobile_number_list: [13800138000] }],
		['an email_list of null', { email_list: null }],
		['an email that is not a string', { email_list: [{ email: 'a@example.com' }] }],
		[
			'identification_type as a string',
			{ identification_type: '1', identification_number_list: ['E12345678'] },
		],
		[
			'an undocumented identification_type 7',
			{ identification_type: 7, identification_number_list: ['E12345678'] },
		],
		[
			'identification_type 1.5',
			{ identification_type: 1.5, identification_number_list: ['E12345678'] },
		],
		[
			'identification_number_list without identification_type',
			{ identification_number_list: ['E12345678'] },
		],
		['51 emails', { email_list: Array.from({ length: 51 }, (_, i) => `t${i}@example.com`) }],
		[
			'51 mobile numbers',
			{
				mobile_number_list: Array.from(
					{ length: 51 },
					(_, i) => `138001380${String(i).padStart(2, '0')}`,
				),
			},
		],
		[
			'51 identification numbers',
			{
				identification_type: 2,
				identification_number_list: Array.from({ length: 51 }, (_, i) => `E${i}`),
			},
		],
		['an array body', [{ email_list: ['a@example.com'] }]],
		['a body that is not JSON', '{email_list:'],
	])('rejects %s with 400 / 1002002', async (_name, body) => {
		const response = await find(emu, token, body);
		expect([response.status, response.data.code]).toEqual([400, 1002002]);
	});

	it('rejects a body not sent as JSON with 1002002', async () => {
		const body = JSON.stringify({ email_list: [emu.data.talents[0].basic_info.email] });
		const response = await find(emu, token, body, { 'Content-Type': 'text/plain' });
		expect([response.status, response.data.code]).toEqual([400, 1002002]);
	});

	it.each<[string, Record<string, unknown>]>([
		['10 digits for +86', { mobile_number_list: ['1380013800'] }],
		['12 digits for +86', { mobile_number_list: ['138001380001'] }],
		['a +86 number not starting with 1', { mobile_number_list: ['23800138000'] }],
		['a +86 number starting 12 (no such mobile range)', { mobile_number_list: ['12000138000'] }],
		['a number with its dialing code', { mobile_number_list: ['+8613800138000'] }],
		['a number with dashes', { mobile_number_list: ['138-0013-8000'] }],
		['one bad number among good ones', { mobile_number_list: ['13800138000', '1380013800x'] }],
		['3 digits for +852', { mobile_code: '852', mobile_number_list: ['123'] }],
		['16 digits for +1', { mobile_code: '1', mobile_number_list: ['1234567890123456'] }],
		['mobile_code "+86"', { mobile_code: '+86', mobile_number_list: ['13800138000'] }],
		['mobile_code of 5 digits', { mobile_code: '12345', mobile_number_list: ['12345678'] }],
		['an empty mobile_code', { mobile_code: '', mobile_number_list: ['12345678'] }],
	])('rejects %s with 400 / 1002009', async (_name, body) => {
		const response = await find(emu, token, body);
		expect([response.status, response.data.code, response.data.msg]).toEqual([
			400,
			1002009,
			expect.stringContaining('invalid mobile number'),
		]);
	});

	it('accepts 4 and 15 digits outside +86', async () => {
		expect(
			await talentList({ mobile_code: '1', mobile_number_list: ['1234', '123456789012345'] }),
		).toEqual([]);
	});
});

describe('talent scopes', () => {
	it('answers is_onboarded only with hire:talent_onboard_status:readonly', async () => {
		const emu = await emulator({ scopes: [SCOPE_TALENT_READ] });
		const token = await fetchToken(emu);
		const onboarded = talentWith(emu, (talent) => talent.is_onboarded);
		const { data } = await find(emu, token, { email_list: [onboarded.basic_info.email] });
		expect(data.data.talent_list).toEqual([
			{ talent_id: onboarded.talent_id, email: onboarded.basic_info.email },
		]);
		const withScope = await emulator({ scopes: [SCOPE_TALENT_READ, SCOPE_ONBOARD_STATUS_READ] });
		const withToken = await fetchToken(withScope);
		const answer = await find(withScope, withToken, { email_list: [onboarded.basic_info.email] });
		expect(answer.data.data.talent_list[0].is_onboarded).toBe(true);
	});

	it('grants both talent scopes, and the talent-pool ones, by default', async () => {
		const emu = await emulator();
		const token = await fetchToken(emu);
		const notOnboarded = talentWith(emu, (talent) => !talent.is_onboarded);
		const { data } = await find(emu, token, { email_list: [notOnboarded.basic_info.email] });
		expect(data.data.talent_list[0].is_onboarded).toBe(false);
		expect((await getTalent(emu, token, notOnboarded.talent_id)).data.code).toBe(0);
	});

	it('answers 99991672 without hire:talent:readonly or hire:talent, and accepts either', async () => {
		const poolsOnly = await emulator({
			scopes: [SCOPE_READ, SCOPE_WRITE, SCOPE_ONBOARD_STATUS_READ],
		});
		const token = await fetchToken(poolsOnly);
		const talent = poolsOnly.data.talents[0];
		const found = await find(poolsOnly, token, { email_list: [talent.basic_info.email] });
		expect([found.status, found.data.code]).toEqual([400, 99991672]);
		const details = await getTalent(poolsOnly, token, talent.talent_id);
		expect([details.status, details.data.code]).toEqual([400, 99991672]);
		for (const scope of [SCOPE_TALENT_READ, SCOPE_TALENT_WRITE]) {
			const granted = await emulator({ scopes: [scope] });
			const grantedToken = await fetchToken(granted);
			expect(
				(await find(granted, grantedToken, { email_list: [talent.basic_info.email] })).data.code,
			).toBe(0);
			expect((await getTalent(granted, grantedToken, talent.talent_id)).data.code).toBe(0);
		}
	});

	it('asks for the token before anything else', async () => {
		const emu = await emulator();
		const response = await probe(emu, 'GET', talentPath(emu.data.talentIds[0]));
		expect([response.status, response.data.code]).toEqual([400, 99991661]);
	});
});

describe('talent details', () => {
	let emu: Emulator;
	let token: string;
	beforeEach(async () => {
		emu = await emulator();
		token = await fetchToken(emu);
	});

	it('answers the talent itself as data, not wrapped', async () => {
		const talent = emu.data.talents[7];
		const { status, data } = await getTalent(emu, token, talent.talent_id);
		expect([status, data.code]).toEqual([200, 0]);
		expect(data.data).toEqual({
			talent_id: talent.talent_id,
			basic_info: talent.basic_info,
			talent_pool_id_list: [],
			is_onboarded: talent.is_onboarded,
			is_in_agency_period: false,
			top_degree: talent.top_degree,
			education_list: [],
			career_list: [],
			tag_list: [],
			talent_folder_ref_list_v2: [],
		});
		expect(Number.isInteger(data.data.top_degree)).toBe(true);
	});

	it.each(['open_id', 'union_id', 'user_id'])('accepts user_id_type=%s', async (userIdType) => {
		expect(
			(await getTalent(emu, token, emu.data.talentIds[0], `user_id_type=${userIdType}`)).data.code,
		).toBe(0);
	});

	it.each([
		['an undocumented user_id_type', 'user_id_type=email'],
		['an empty user_id_type', 'user_id_type='],
		['user_id_type twice', 'user_id_type=open_id&user_id_type=user_id'],
		['another parameter', 'page_size=10'],
	])('rejects %s with 400 / 1002002', async (_name, query) => {
		const response = await getTalent(emu, token, emu.data.talentIds[0], query);
		expect([response.status, response.data.code]).toEqual([400, 1002002]);
	});

	it('answers 404 / 1002102 for an unknown talent and 400 / 1002002 for an ID that is not digits', async () => {
		const unknown = await getTalent(emu, token, '7000000000000000001');
		expect([unknown.status, unknown.data.code]).toEqual([404, 1002102]);
		for (const id of ['abc', '70123456789O1234567', '%zz']) {
			const malformed = await getTalent(emu, token, id);
			expect([malformed.status, malformed.data.code]).toEqual([400, 1002002]);
		}
	});

	it('keeps the 400 / 1002102 of the batch endpoints', async () => {
		const { status, data } = await probe(emu, 'POST', batchPath(emu.data.pools[0].id), {
			token,
			body: { talent_id_list: ['7000000000000000001'], option_type: 1 },
		});
		expect([status, data.code]).toEqual([400, 1002102]);
	});

	it('lists the pools the talent is in, following adds, moves and removals', async () => {
		const talent = emu.data.talentIds[2];
		const [p1, p2, p3] = emu.data.pools.map((pool) => pool.id);
		const pools = async () => (await getTalent(emu, token, talent)).data.data.talent_pool_id_list;
		await probe(emu, 'POST', addPath(p2), { token, body: { talent_id: talent, add_type: 1 } });
		await probe(emu, 'POST', batchPath(p1), {
			token,
			body: { talent_id_list: [talent], option_type: 1 },
		});
		expect(await pools()).toEqual([p1, p2]);
		await probe(emu, 'POST', batchPath(p1), {
			token,
			body: { talent_id_list: [talent], option_type: 2 },
		});
		expect(await pools()).toEqual([p2]);
		await probe(emu, 'POST', addPath(p3), { token, body: { talent_id: talent, add_type: 2 } });
		expect(await pools()).toEqual([p3]);
		emu.reset();
		expect(await pools()).toEqual([]);
	});
});

describe('rate limits of the talent endpoints', () => {
	it('are declared once per endpoint', () => {
		expect(DOCUMENTED_ENDPOINT_LIMITS).toEqual({
			listPools: { perSecond: 50, perMinute: 1000 },
			addTalent: { perSecond: 50, perMinute: 1000 },
			batchChange: { perSecond: 10, perMinute: 1000 },
			findTalents: { perSecond: 50, perMinute: 1000 },
			getTalent: { perSecond: 20, perMinute: 1200 },
			getTalentV1: { perSecond: 20, perMinute: 1200 },
			listTalents: { perSecond: 20, perMinute: 1200 },
			createTalent: { perSecond: 50, perMinute: 1000 },
			updateTalent: { perSecond: 50, perMinute: 1000 },
			queryLocations: { perSecond: 5, perMinute: 300 },
			listJobs: { perSecond: 50, perMinute: 3000 },
			getJob: { perSecond: 50, perMinute: 3000 },
			listApplications: { perSecond: 50, perMinute: 1000 },
			getApplicationDetail: { perSecond: 10, perMinute: 600 },
			createApplication: { perSecond: 50, perMinute: 1000 },
			transferStage: { perSecond: 50, perMinute: 1000 },
			terminateApplication: { perSecond: 20, perMinute: 1200 },
			recoverApplication: { perSecond: 50, perMinute: 1000 },
			listTerminationReasons: { perSecond: 50, perMinute: 1000 },
			listJobProcesses: { perSecond: 20, perMinute: 1200 },
			getApplication: { perSecond: 50, perMinute: 1000 },
			createNote: { perSecond: 20, perMinute: 1200 },
			updateNote: { perSecond: 20, perMinute: 1200 },
			getNote: { perSecond: 20, perMinute: 1200 },
			listNotes: { perSecond: 20, perMinute: 1200 },
			deleteNote: { perSecond: 20, perMinute: 1200 },
			listTalentTags: { perSecond: 20, perMinute: 1200 },
			tagTalent: { perSecond: 20, perMinute: 1200 },
			listTalentFolders: { perSecond: 50, perMinute: 1000 },
			addToFolder: { perSecond: 50, perMinute: 1000 },
			removeFromFolder: { perSecond: 10, perMinute: 600 },
		});
	});

	it('talent details: 20 a second, in a window of its own', async () => {
		let now = 3_000_000_000;
		const emu = await emulator({ rateLimits: undefined, clock: () => now });
		const token = await fetchToken(emu);
		const talent = emu.data.talentIds[0];
		for (let i = 0; i < 20; i++) expect((await getTalent(emu, token, talent)).status).toBe(200);
		const limited = await getTalent(emu, token, talent);
		expect([limited.status, limited.data.code]).toEqual([429, 99991400]);
		expect(limited.headers['x-ogw-ratelimit-limit']).toBe('20');
		expect(limited.headers['x-ogw-ratelimit-reset']).toBe('1');
		expect(
			(await find(emu, token, { email_list: [emu.data.talents[0].basic_info.email] })).status,
		).toBe(200);
		now += 1000;
		expect((await getTalent(emu, token, talent)).status).toBe(200);
	});

	it('batch_get_id: 50 a second, in a window of its own', async () => {
		const now = 3_000_000_000;
		const emu = await emulator({ rateLimits: undefined, clock: () => now });
		const token = await fetchToken(emu);
		const body = { email_list: [emu.data.talents[0].basic_info.email] };
		for (let i = 0; i < 50; i++) expect((await find(emu, token, body)).status).toBe(200);
		const limited = await find(emu, token, body);
		expect([limited.status, limited.data.code, limited.headers['x-ogw-ratelimit-limit']]).toEqual([
			429,
			99991400,
			'50',
		]);
		expect((await getTalent(emu, token, emu.data.talentIds[0])).status).toBe(200);
		const added = await probe(emu, 'POST', addPath(emu.data.pools[0].id), {
			token,
			body: { talent_id: emu.data.talentIds[0], add_type: 1 },
		});
		expect(added.status).toBe(200);
	});

	it('batch_get_id: 1000 a minute', async () => {
		let now = 60_000 * 4000;
		const emu = await emulator({ rateLimits: undefined, clock: () => now });
		const token = await fetchToken(emu);
		const body = { email_list: [emu.data.talents[0].basic_info.email] };
		for (let i = 0; i < 1000; i++) {
			if (i % 50 === 0) now += 1000;
			expect((await find(emu, token, body)).status).toBe(200);
		}
		now += 1000;
		const limited = await find(emu, token, body);
		expect([limited.status, limited.headers['x-ogw-ratelimit-limit']]).toEqual([429, '1000']);
	});

	it('overrides apply to the endpoints named, the others keep their documented limits', async () => {
		const now = 3_000_000_000;
		const emu = await emulator({
			rateLimits: { findTalents: { perSecond: 2, perMinute: 1000 }, listPools: false },
			clock: () => now,
		});
		const token = await fetchToken(emu);
		const body = { email_list: [emu.data.talents[0].basic_info.email] };
		const found = [
			await find(emu, token, body),
			await find(emu, token, body),
			await find(emu, token, body),
		];
		expect(found.map((answer) => answer.status)).toEqual([200, 200, 429]);
		const details = [];
		for (let i = 0; i < 21; i++)
			details.push((await getTalent(emu, token, emu.data.talentIds[0])).status);
		expect(details.filter((status) => status === 429)).toHaveLength(1);
		const lists = [];
		for (let i = 0; i < 60; i++)
			lists.push((await probe(emu, 'GET', '/open-apis/hire/v1/talent_pools/', { token })).status);
		expect(lists.every((status) => status === 200)).toBe(true);
	});

	it('setRateLimits replaces the limits of every endpoint, false turning them all off', async () => {
		const now = 3_000_000_000;
		const emu = await emulator({ rateLimits: undefined, clock: () => now });
		const token = await fetchToken(emu);
		emu.setRateLimits({ getTalent: { perSecond: 1, perMinute: 1200 } });
		expect([
			(await getTalent(emu, token, emu.data.talentIds[0])).status,
			(await getTalent(emu, token, emu.data.talentIds[0])).status,
		]).toEqual([200, 429]);
		emu.setRateLimits(false);
		const statuses = [];
		for (let i = 0; i < 30; i++)
			statuses.push((await getTalent(emu, token, emu.data.talentIds[0])).status);
		expect(statuses.every((status) => status === 200)).toBe(true);
	});
});

describe('talent inspection', () => {
	let emu: Emulator;
	let token: string;
	beforeEach(async () => {
		emu = await emulator({ talents: 40 });
		token = await fetchToken(emu);
	});
	const summaryOf = ({ talent_id, basic_info: info }: Talent) => ({
		talent_id,
		name: info.name,
		email: info.email,
		mobile_code: info.mobile_code,
		mobile_number: info.mobile_number,
	});

	it('lists talents with offset and limit, in-process and over HTTP', async () => {
		expect(emu.talents()).toEqual(emu.data.talents.map(summaryOf));
		expect(emu.talents(2, 3)).toEqual(emu.data.talents.slice(2, 5).map(summaryOf));
		const { data } = await axios.get(`${emu.url}${INSPECTION_PREFIX}/talents`, {
			params: { offset: 2, limit: 3 },
		});
		expect(data).toEqual(emu.talents(2, 3));
		expect((await axios.get(`${emu.url}${INSPECTION_PREFIX}/talents`)).data).toHaveLength(40);
		const bad = await axios.get(`${emu.url}${INSPECTION_PREFIX}/talents?limit=-1`, {
			validateStatus: () => true,
		});
		expect(bad.status).toBe(400);
	});

	it('creates a duplicate talent in-process: the next ID, found beside the original, usable in pools', async () => {
		const original = emu.data.talents[5];
		const duplicate = emu.addTalent({
			name: original.basic_info.name,
			email: original.basic_info.email,
		});
		expect(duplicate.talent_id).toBe(talentIdAt(40));
		expect(duplicate.basic_info.email).toBe(original.basic_info.email);
		expect(duplicate.basic_info.mobile_number).not.toBe(original.basic_info.mobile_number);
		const { data } = await find(emu, token, { email_list: [original.basic_info.email] });
		expect(data.data.talent_list.map((entry: { talent_id: string }) => entry.talent_id)).toEqual([
			original.talent_id,
			duplicate.talent_id,
		]);
		const added = await probe(emu, 'POST', addPath(emu.data.pools[0].id), {
			token,
			body: { talent_id: duplicate.talent_id, add_type: 1 },
		});
		expect(added.data.code).toBe(0);
		const details = await getTalent(emu, token, duplicate.talent_id);
		expect(details.data.data).toMatchObject({
			talent_id: duplicate.talent_id,
			is_onboarded: false,
			talent_pool_id_list: [emu.data.pools[0].id],
		});
		expect(emu.talents().at(-1)).toEqual(summaryOf(duplicate));
	});

	it('creates a talent over HTTP from a partial basic_info, and rejects anything else', async () => {
		const original = withCode(emu, '86');
		const { mobile_code, mobile_number } = original.basic_info;
		const created = await axios.post(`${emu.url}${INSPECTION_PREFIX}/talents`, {
			mobile_code,
			mobile_number,
		});
		expect(created.data.talent_id).toBe(talentIdAt(40));
		const { data } = await find(emu, token, { mobile_number_list: [mobile_number] });
		expect(data.data.talent_list.map((entry: { talent_id: string }) => entry.talent_id)).toEqual([
			original.talent_id,
			talentIdAt(40),
		]);
		for (const body of [
			{ phone: '1' },
			{ name: 7 },
			{ identification: { identification_type: '1' } },
			[1],
		]) {
			const rejected = await axios.post(`${emu.url}${INSPECTION_PREFIX}/talents`, body, {
				validateStatus: () => true,
			});
			expect(rejected.status).toBe(400);
		}
		expect(emu.talents()).toHaveLength(41);
	});

	it('reset removes added talents', async () => {
		const added = emu.addTalent({ email: emu.data.talents[0].basic_info.email });
		expect((await getTalent(emu, token, added.talent_id)).status).toBe(200);
		await axios.post(`${emu.url}${INSPECTION_PREFIX}/reset`);
		expect((await getTalent(emu, token, added.talent_id)).status).toBe(404);
		expect(emu.talents()).toHaveLength(40);
		expect(emu.addTalent().talent_id).toBe(added.talent_id);
	});

	it('logs the talent endpoints with their bodies (none for the token request) and counts them in the stats', async () => {
		await find(emu, token, { email_list: [emu.data.talents[0].basic_info.email] });
		await find(emu, token, { mobile_number_list: ['123'] });
		await getTalent(emu, token, emu.data.talentIds[0]);
		await getTalent(emu, token, '7000000000000000001');
		expect(emu.log.slice(1).map((entry) => [entry.endpoint, entry.code])).toEqual([
			['findTalents', 0],
			['findTalents', 1002009],
			['getTalent', 0],
			['getTalent', 1002102],
		]);
		expect(emu.requests('findTalents').map((entry) => entry.body)).toEqual([
			{ email_list: [emu.data.talents[0].basic_info.email] },
			{ mobile_number_list: ['123'] },
		]);
		expect(emu.requests('token')[0].body).toBeUndefined();
		const stats = emu.stats();
		expect(stats.endpoints.findTalents).toMatchObject({
			requests: 2,
			admitted: 2,
			byCode: { 0: 1, 1002009: 1 },
		});
		expect(stats.endpoints.getTalent).toMatchObject({
			requests: 2,
			admitted: 2,
			byCode: { 0: 1, 1002102: 1 },
		});
		expect(Object.keys(stats.endpoints)).toEqual([
			'token',
			'listPools',
			'addTalent',
			'batchChange',
			'findTalents',
			'getTalent',
			'getTalentV1',
			'listTalents',
			'createTalent',
			'updateTalent',
			'queryLocations',
			'listJobs',
			'getJob',
			'listApplications',
			'getApplicationDetail',
			'createApplication',
			'transferStage',
			'terminateApplication',
			'recoverApplication',
			'listTerminationReasons',
			'listJobProcesses',
			'getApplication',
			'createNote',
			'updateNote',
			'getNote',
			'listNotes',
			'deleteNote',
			'listTalentTags',
			'tagTalent',
			'listTalentFolders',
			'addToFolder',
			'removeFromFolder',
			'unknown',
		]);
	});
});

describe('command line', () => {
	it('prints talents as CSV with --list-talents and exits', async () => {
		const { stdout } = await promisify(execFile)(
			process.execPath,
			[
				'-r',
				'ts-node/register/transpile-only',
				'emulator/cli.ts',
				'--list-talents',
				'3',
				'--talents',
				'2',
				'--seed',
				'4',
			],
			{ cwd: `${__dirname}/../..`, timeout: 25_000 },
		);
		const expected = seedData(0, 2, 4).talents.map(({ talent_id, basic_info: info }) =>
			[talent_id, info.name, info.email, info.mobile_code, info.mobile_number].join(','),
		);
		expect(stdout).toBe(
			['talent_id,name,email,mobile_code,mobile_number', ...expected, ''].join('\n'),
		);
	});
});
