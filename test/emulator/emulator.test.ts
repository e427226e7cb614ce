import axios from 'axios';

import { addPath, batchPath, fetchToken, LIST_PATH, probe } from '../helpers/probe';
import { FaultPlan } from '../../emulator/faults';
import { decodePageToken, encodePageToken } from '../../emulator/page-token';
import {
	FixedWindowLimiter,
	paceFloorMs,
	peakInFixedWindows,
	peakInWindow,
} from '../../emulator/rate-limit';
import { TokenStore } from '../../emulator/tokens';
import {
	INSPECTION_PREFIX,
	startEmulator,
	type Emulator,
	type EmulatorOptions,
} from '../../emulator';

const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';

let open: Emulator[] = [];
async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const started = await startEmulator({ rateLimits: false, ...options });
	open.push(started);
	return started;
}
afterEach(async () => {
	await Promise.all(open.map((e) => e.close()));
	open = [];
});

describe('starting', () => {
	it('listens on 127.0.0.1 on an ephemeral port and closes', async () => {
		const emu = await startEmulator();
		expect(emu.url).toBe(`http://127.0.0.1:${emu.port}`);
		expect(emu.port).toBeGreaterThan(0);
		await emu.close();
		await expect(axios.get(emu.url)).rejects.toThrow();
	});
});

describe('token endpoint', () => {
	it('issues a t- token for the right app ID and secret', async () => {
		const emu = await emulator();
		const { status, data } = await probe(emu, 'POST', TOKEN_PATH, {
			body: { app_id: emu.appId, app_secret: emu.appSecret },
		});
		expect(status).toBe(200);
		expect(data).toMatchObject({ code: 0, msg: 'ok', expire: 7200 });
		expect(data.tenant_access_token).toMatch(/^t-/);
	});

	it('returns the same token while enough lifetime is left, then a new one, and both stay valid', () => {
		let now = 0;
		const store = new TokenStore(7200, () => now);
		const first = store.issue();
		now = 5000 * 1000; // 2200 s left: more than 30 min
		expect(store.issue()).toEqual({ token: first.token, expire: 2200 });
		now = 5500 * 1000; // 1700 s left: less than 30 min
		const second = store.issue();
		expect(second.token).not.toBe(first.token);
		expect(second.expire).toBe(7200);
		expect(store.isValid(first.token)).toBe(true);
		expect(store.isValid(second.token)).toBe(true);
		now = 7200 * 1000;
		expect(store.isValid(first.token)).toBe(false);
		expect(store.isValid(second.token)).toBe(true);
	});

	it('scales the renewal threshold to a short configured lifetime', () => {
		let now = 0;
		const store = new TokenStore(8, () => now);
		const first = store.issue();
		now = 5000; // 3 s of 8 left: at least a quarter
		expect(store.issue().token).toBe(first.token);
		now = 6500; // 1.5 s left: under a quarter
		expect(store.issue().token).not.toBe(first.token);
	});

	it('makes tokens expire after a configured lifetime', async () => {
		let now = 1_000_000;
		const emu = await emulator({ tokenLifetimeSeconds: 5, clock: () => now });
		const token = await fetchToken(emu);
		expect((await probe(emu, 'GET', LIST_PATH, { token })).data.code).toBe(0);
		now += 5000;
		expect((await probe(emu, 'GET', LIST_PATH, { token })).data.code).toBe(99991663);
	});

	it.each([
		['wrong secret', (e: Emulator) => ({ app_id: e.appId, app_secret: 'wrong' }), 10014],
		['wrong app ID', (e: Emulator) => ({ app_id: 'cli_other', app_secret: e.appSecret }), 10003],
		['missing fields', () => ({}), 10003],
		['a non-string secret', (e: Emulator) => ({ app_id: e.appId, app_secret: 12 }), 10003],
		['a body that is not JSON', () => 'app_id=x', 10003],
	])('rejects %s with code %s', async (_name, body, code) => {
		const emu = await emulator();
		const { data } = await probe(emu, 'POST', TOKEN_PATH, { body: body(emu) });
		expect(data.code).toBe(code);
		expect(data.tenant_access_token).toBeUndefined();
	});
});

describe('authorization on Hire endpoints', () => {
	const endpoints: Array<[string, 'GET' | 'POST', (e: Emulator) => string]> = [
		['list', 'GET', () => LIST_PATH],
		['add', 'POST', (e) => addPath(e.data.pools[0].id)],
	];
	const body = (e: Emulator) => ({ talent_id: e.data.talentIds[0], add_type: 1 });

	it.each(endpoints)('%s: a missing header is 400 / 99991661', async (_n, method, path) => {
		const emu = await emulator();
		const response = await probe(emu, method, path(emu), {
			body: method === 'POST' ? body(emu) : undefined,
		});
		expect([response.status, response.data.code]).toEqual([400, 99991661]);
	});

	it.each(endpoints)(
		'%s: a token not starting with t- is 400 / 99991671',
		async (_n, method, path) => {
			const emu = await emulator();
			const response = await probe(emu, method, path(emu), {
				token: 'abc',
				body: method === 'POST' ? body(emu) : undefined,
			});
			expect([response.status, response.data.code]).toEqual([400, 99991671]);
		},
	);

	it.each(endpoints)(
		'%s: an unknown or expired token is 400 / 99991663',
		async (_n, method, path) => {
			const emu = await emulator();
			const unknown = await probe(emu, method, path(emu), {
				token: 't-unknown',
				body: method === 'POST' ? body(emu) : undefined,
			});
			expect([unknown.status, unknown.data.code]).toEqual([400, 99991663]);
			const token = await fetchToken(emu);
			emu.expireTokens();
			const expired = await probe(emu, method, path(emu), {
				token,
				body: method === 'POST' ? body(emu) : undefined,
			});
			expect([expired.status, expired.data.code]).toEqual([400, 99991663]);
			expect(await fetchToken(emu)).not.toBe(token);
		},
	);

	it('answers 99991672 when the app lacks the scope', async () => {
		const emu = await emulator({ scopes: [] });
		const token = await fetchToken(emu);
		const { status, data } = await probe(emu, 'GET', LIST_PATH, { token });
		expect([status, data.code]).toEqual([400, 99991672]);
		const readOnly = await emulator({ scopes: ['hire:talent_folder:readonly'] });
		const readToken = await fetchToken(readOnly);
		expect((await probe(readOnly, 'GET', LIST_PATH, { token: readToken })).data.code).toBe(0);
		const add = await probe(readOnly, 'POST', addPath(readOnly.data.pools[0].id), {
			token: readToken,
			body: body(readOnly),
		});
		expect(add.data.code).toBe(99991672);
	});
});

describe('list talent pools', () => {
	let emu: Emulator;
	let token: string;
	beforeEach(async () => {
		emu = await emulator();
		token = await fetchToken(emu);
	});
	const list = (query?: string) => probe(emu, 'GET', LIST_PATH, { token, query });

	it('answers with and without the trailing slash, 10 items by default', async () => {
		const withSlash = await list();
		const without = await probe(emu, 'GET', LIST_PATH.slice(0, -1), { token });
		expect(withSlash.data.data.items).toHaveLength(10);
		expect(without.data.data.items).toEqual(withSlash.data.data.items);
	});

	it('walks every pool once, in a stable order, with URL-encoded page tokens', async () => {
		const seen: string[] = [];
		let pageToken: string | undefined;
		let pages = 0;
		do {
			const query = `page_size=100${pageToken ? `&page_token=${encodeURIComponent(pageToken)}` : ''}`;
			const { data } = await list(query);
			expect(data.code).toBe(0);
			seen.push(...data.data.items.map((pool: { id: string }) => pool.id));
			pageToken = data.data.page_token;
			expect(pageToken === undefined).toBe(!data.data.has_more);
			pages++;
		} while (pageToken);
		expect(pages).toBe(3);
		expect(seen).toEqual(emu.data.pools.map((pool) => pool.id));
	});

	it('page tokens hold +, / and =, so an unencoded one is rejected', async () => {
		const { data } = await list('page_size=100');
		const pageToken: string = data.data.page_token;
		expect(pageToken).toMatch(/\+/);
		expect(pageToken).toMatch(/\//);
		expect(pageToken).toMatch(/=/);
		expect((await list(`page_token=${pageToken}`)).data.code).toBe(1002002);
		expect((await list(`page_token=${encodeURIComponent(pageToken)}`)).data.code).toBe(0);
	});

	it('rejects page tokens it did not issue, or issued for another id_list', async () => {
		expect((await list('page_token=abc')).data.code).toBe(1002002);
		const forged = encodeURIComponent(encodePageToken('other-secret', 10, ''));
		expect((await list(`page_token=${forged}`)).data.code).toBe(1002002);
		const ids = emu.data.pools
			.slice(0, 3)
			.map((pool) => `id_list=${pool.id}`)
			.join('&');
		const { data } = await list(`page_size=1&${ids}`);
		const scoped = encodeURIComponent(data.data.page_token);
		expect((await list(`page_size=1&${ids}&page_token=${scoped}`)).data.code).toBe(0);
		expect((await list(`page_size=1&page_token=${scoped}`)).data.code).toBe(1002002);
	});

	it.each([
		['0', 1002004],
		['101', 1002004],
		['-5', 1002004],
		['abc', 1002002],
		['1.5', 1002002],
		['', 1002002],
	])('page_size=%s is rejected with %s', async (size, code) => {
		const response = await list(`page_size=${size}`);
		expect([response.status, response.data.code]).toEqual([400, code]);
	});

	it('accepts page_size 1 and 100', async () => {
		expect((await list('page_size=1')).data.data.items).toHaveLength(1);
		expect((await list('page_size=100')).data.data.items).toHaveLength(100);
	});

	it('filters by a repeated id_list, keeping the pool order', async () => {
		const [a, b] = [emu.data.pools[7].id, emu.data.pools[3].id];
		const { data } = await list(`id_list=${a}&id_list=${b}`);
		expect(data.data.items.map((pool: { id: string }) => pool.id)).toEqual([b, a]);
		expect(data.data.has_more).toBe(false);
		expect(data.data.page_token).toBeUndefined();
	});

	it('returns min(page_size, len(id_list)) pools', async () => {
		const ids = emu.data.pools
			.slice(0, 5)
			.map((pool) => `id_list=${pool.id}`)
			.join('&');
		const { data } = await list(`page_size=2&${ids}`);
		expect(data.data.items).toHaveLength(2);
		expect(data.data.has_more).toBe(true);
	});

	it('rejects more than 50 IDs with 1002005', async () => {
		const ids = Array.from({ length: 51 }, (_, i) => `id_list=${emu.data.pools[i].id}`).join('&');
		const response = await list(ids);
		expect([response.status, response.data.code]).toEqual([400, 1002005]);
		const fifty = Array.from({ length: 50 }, (_, i) => `id_list=${emu.data.pools[i].id}`).join('&');
		expect((await list(`page_size=100&${fifty}`)).data.data.items).toHaveLength(50);
	});

	it.each([
		['id_list[]=', (ids: string[]) => ids.map((id) => `id_list[]=${id}`).join('&')],
		['id_list[0]=', (ids: string[]) => ids.map((id, i) => `id_list[${i}]=${id}`).join('&')],
		['comma-joined', (ids: string[]) => `id_list=${ids.join(',')}`],
	])('rejects id_list sent as %s with 1002002', async (_name, encode) => {
		const ids = emu.data.pools.slice(0, 2).map((pool) => pool.id);
		expect((await list(encode(ids))).data.code).toBe(1002002);
	});

	it('items carry every documented field, with IDs as strings', async () => {
		const response = await list('page_size=100');
		for (const pool of response.data.data.items) {
			expect(Object.keys(pool).sort()).toEqual(
				[
					'create_time',
					'i18n_description',
					'i18n_name',
					'id',
					'is_private',
					'modify_time',
					'parent_id',
				].sort(),
			);
			expect(pool.id).toMatch(/^\d{19}$/);
			expect(pool.parent_id).toMatch(/^\d{19}$/);
			expect(pool.create_time).toMatch(/^\d{13}$/);
			expect([1, 2]).toContain(pool.is_private);
			expect(Object.keys(pool.i18n_name).sort()).toEqual(['en_us', 'zh_cn']);
		}
	});
});

describe('add talent', () => {
	let emu: Emulator;
	let token: string;
	beforeEach(async () => {
		emu = await emulator();
		token = await fetchToken(emu);
	});
	const add = (poolId: string, body: unknown, headers?: Record<string, string>) =>
		probe(emu, 'POST', addPath(poolId), { token, body, headers });

	it('adds a talent and returns both IDs', async () => {
		const [pool, talent] = [emu.data.pools[0].id, emu.data.talentIds[0]];
		const { status, data } = await add(pool, { talent_id: talent, add_type: 1 });
		expect(status).toBe(200);
		expect(data).toEqual({
			code: 0,
			msg: 'SUCCESS',
			data: { talent_pool_id: pool, talent_id: talent },
		});
		expect(emu.members(pool)).toEqual([talent]);
	});

	it('is idempotent for a talent already in the pool', async () => {
		const [pool, talent] = [emu.data.pools[0].id, emu.data.talentIds[0]];
		await add(pool, { talent_id: talent, add_type: 1 });
		expect((await add(pool, { talent_id: talent, add_type: 1 })).data.code).toBe(0);
		expect(emu.members(pool)).toEqual([talent]);
	});

	it('add_type 1 keeps other pools, add_type 2 removes the talent from every other pool', async () => {
		const [p1, p2, p3] = emu.data.pools.map((pool) => pool.id);
		const talent = emu.data.talentIds[5];
		await add(p1, { talent_id: talent, add_type: 1 });
		await add(p2, { talent_id: talent, add_type: 1 });
		expect([emu.members(p1), emu.members(p2)]).toEqual([[talent], [talent]]);
		await add(p3, { talent_id: talent, add_type: 2 });
		expect([emu.members(p1), emu.members(p2), emu.members(p3)]).toEqual([[], [], [talent]]);
	});

	it.each<[string, (talent: string) => unknown]>([
		['a missing talent_id', () => ({ add_type: 1 })],
		['an empty talent_id', () => ({ talent_id: '', add_type: 1 })],
		['a numeric talent_id', () => ({ talent_id: Number('7012345678901234567'), add_type: 1 })],
		['a missing add_type', (talent) => ({ talent_id: talent })],
		['add_type 3', (talent) => ({ talent_id: talent, add_type: 3 })],
		['add_type as a string', (talent) => ({ talent_id: talent, add_type: '1' })],
		['an array body', () => [1]],
		['a body that is not JSON', () => '{talent_id:'],
	])('rejects %s with 400 / 1002002', async (_name, body) => {
		const pool = emu.data.pools[0].id;
		const response = await add(pool, body(emu.data.talentIds[0]));
		expect([response.status, response.data.code]).toEqual([400, 1002002]);
		expect(emu.members(pool)).toEqual([]);
	});

	it('rejects a body that is not sent as JSON with 1002002', async () => {
		const body = JSON.stringify({ talent_id: emu.data.talentIds[0], add_type: 1 });
		const response = await add(emu.data.pools[0].id, body, { 'Content-Type': 'text/plain' });
		expect(response.data.code).toBe(1002002);
	});

	it('answers 1002109 for an unknown pool and 1002102 for an unknown talent', async () => {
		const unknownPool = await add('6930815272790000000', {
			talent_id: emu.data.talentIds[0],
			add_type: 1,
		});
		expect([unknownPool.status, unknownPool.data.code]).toEqual([400, 1002109]);
		const unknownTalent = await add(emu.data.pools[0].id, {
			talent_id: '7000000000000000001',
			add_type: 1,
		});
		expect([unknownTalent.status, unknownTalent.data.code]).toEqual([400, 1002102]);
	});
});

describe('batch change talent pool', () => {
	let emu: Emulator;
	let token: string;
	beforeEach(async () => {
		emu = await emulator();
		token = await fetchToken(emu);
	});
	const batch = (poolId: string, body: unknown) =>
		probe(emu, 'POST', batchPath(poolId), { token, body });

	it('adds up to 50 talents with option_type 1 and answers an empty data', async () => {
		const pool = emu.data.pools[0].id;
		const talents = emu.data.talentIds.slice(0, 50);
		const { status, data } = await batch(pool, { talent_id_list: talents, option_type: 1 });
		expect([status, data]).toEqual([200, { code: 0, msg: 'SUCCESS', data: {} }]);
		expect(emu.members(pool).sort()).toEqual([...talents].sort());
	});

	it('passes over talents already in the pool, and removes with option_type 2 (silent for talents not in it)', async () => {
		const pool = emu.data.pools[0].id;
		const [a, b, c] = emu.data.talentIds;
		await batch(pool, { talent_id_list: [a, b], option_type: 1 });
		expect((await batch(pool, { talent_id_list: [a, b], option_type: 1 })).data.code).toBe(0);
		expect(emu.members(pool).sort()).toEqual([a, b].sort());
		expect((await batch(pool, { talent_id_list: [a, c], option_type: 2 })).data.code).toBe(0);
		expect(emu.members(pool)).toEqual([b]);
	});

	it('fails the whole call without effect when any talent is unknown', async () => {
		const pool = emu.data.pools[0].id;
		const { status, data } = await batch(pool, {
			talent_id_list: [emu.data.talentIds[0], '7000000000000000001'],
			option_type: 1,
		});
		expect(status).toBe(400);
		expect(data.code).toBe(1002102);
		expect(emu.members(pool)).toEqual([]);
	});

	it.each<[string, unknown]>([
		['an empty list', { talent_id_list: [], option_type: 1 }],
		[
			'51 IDs',
			{
				talent_id_list: Array.from({ length: 51 }, (_, i) =>
					String(7012345678901234567n + BigInt(i)),
				),
				option_type: 1,
			},
		],
		['a list that is not an array', { talent_id_list: '7012345678901234567', option_type: 1 }],
		['a numeric ID', { talent_id_list: [Number('7012345678901234567')], option_type: 1 }],
		['option_type 3', { talent_id_list: ['7012345678901234567'], option_type: 3 }],
		['a missing option_type', { talent_id_list: ['7012345678901234567'] }],
	])('rejects %s with 1002002', async (_name, body) => {
		const response = await batch(emu.data.pools[0].id, body);
		expect([response.status, response.data.code]).toEqual([400, 1002002]);
	});

	it('answers 1002109 for an unknown pool', async () => {
		expect(
			(
				await batch('6930815272790000001', {
					talent_id_list: [emu.data.talentIds[0]],
					option_type: 1,
				})
			).data.code,
		).toBe(1002109);
	});

	it('has its own limit of 10 requests a second', async () => {
		const now = 2_000_000_000;
		const limited = await startEmulator({ clock: () => now });
		open.push(limited);
		const t = await fetchToken(limited);
		const answers = [];
		for (let i = 0; i < 11; i++) {
			answers.push(
				await probe(limited, 'POST', batchPath(limited.data.pools[0].id), {
					token: t,
					body: { talent_id_list: [limited.data.talentIds[i]], option_type: 1 },
				}),
			);
		}
		expect(answers.slice(0, 10).every((a) => a.status === 200)).toBe(true);
		expect([answers[10].status, answers[10].headers['x-ogw-ratelimit-limit']]).toEqual([429, '10']);
		expect(
			(
				await probe(limited, 'POST', addPath(limited.data.pools[0].id), {
					token: t,
					body: { talent_id: limited.data.talentIds[20], add_type: 1 },
				})
			).status,
		).toBe(200);
	});

	it('drops connections after the change like the other endpoints', async () => {
		const faulty = await emulator({ faults: { dropRate: 1, dropAfterEffectShare: 1 } });
		const t = await fetchToken(faulty);
		const pool = faulty.data.pools[0].id;
		await expect(
			probe(faulty, 'POST', batchPath(pool), {
				token: t,
				body: { talent_id_list: [faulty.data.talentIds[0]], option_type: 1 },
			}),
		).rejects.toThrow();
		expect(faulty.members(pool)).toEqual([faulty.data.talentIds[0]]);
	});
});

describe('rate limits', () => {
	it('counts fixed one-second and one-minute windows and reports the reset', () => {
		const limiter = new FixedWindowLimiter({ perSecond: 3, perMinute: 5 });
		expect([0, 10, 20].map((t) => limiter.admit('k', t).admitted)).toEqual([true, true, true]);
		expect(limiter.admit('k', 400)).toEqual({ admitted: false, limit: 3, resetSeconds: 1 });
		expect(limiter.admit('other', 400).admitted).toBe(true);
		expect(limiter.admit('k', 1000).admitted).toBe(true);
		expect(limiter.admit('k', 1001).admitted).toBe(true);
		expect(limiter.admit('k', 2000)).toEqual({ admitted: false, limit: 5, resetSeconds: 58 });
		expect(limiter.admit('k', 60000).admitted).toBe(true);
	});

	it('applies the documented 50 per second by default: 429, 99991400 and the headers, without effect', async () => {
		const now = 1_000_000_000;
		const emu = await startEmulator({ clock: () => now });
		open.push(emu);
		const token = await fetchToken(emu);
		const pool = emu.data.pools[0].id;
		const answers = [];
		for (let i = 0; i < 51; i++) {
			answers.push(
				await probe(emu, 'POST', addPath(pool), {
					token,
					body: { talent_id: emu.data.talentIds[i], add_type: 1 },
				}),
			);
		}
		expect(answers.slice(0, 50).every((a) => a.data.code === 0)).toBe(true);
		const limited = answers[50];
		expect([limited.status, limited.data.code]).toEqual([429, 99991400]);
		expect(limited.headers['x-ogw-ratelimit-limit']).toBe('50');
		expect(limited.headers['x-ogw-ratelimit-reset']).toBe('1');
		expect(emu.members(pool)).toHaveLength(50);
		expect(emu.members(pool)).not.toContain(emu.data.talentIds[50]);
		// The other endpoint has its own window.
		expect((await probe(emu, 'GET', LIST_PATH, { token })).data.code).toBe(0);
	});

	it('applies the per-minute budget and reports seconds until the minute frees', async () => {
		let now = 60_000 * 1000 + 10_000;
		const emu = await emulator({
			rateLimits: { listPools: { perSecond: 1000, perMinute: 3 } },
			clock: () => now,
		});
		const token = await fetchToken(emu);
		for (let i = 0; i < 3; i++)
			expect((await probe(emu, 'GET', LIST_PATH, { token })).status).toBe(200);
		const limited = await probe(emu, 'GET', LIST_PATH, { token });
		expect(limited.status).toBe(429);
		expect(limited.headers['x-ogw-ratelimit-limit']).toBe('3');
		expect(limited.headers['x-ogw-ratelimit-reset']).toBe('50');
		now += 50_000;
		expect((await probe(emu, 'GET', LIST_PATH, { token })).status).toBe(200);
	});

	it('can be turned off', async () => {
		const now = 5_000_000;
		const emu = await emulator({ rateLimits: false, clock: () => now });
		const token = await fetchToken(emu);
		const answers = await Promise.all(
			Array.from({ length: 60 }, () => probe(emu, 'GET', LIST_PATH, { token })),
		);
		expect(answers.every((a) => a.status === 200)).toBe(true);
	});
});

describe('faults', () => {
	it('answers HTTP 500 / 1002001 without effect', async () => {
		const emu = await emulator({ faults: { errorRate: 1 } });
		const token = await fetchToken(emu);
		const pool = emu.data.pools[0].id;
		const response = await probe(emu, 'POST', addPath(pool), {
			token,
			body: { talent_id: emu.data.talentIds[0], add_type: 1 },
		});
		expect([response.status, response.data.code]).toEqual([500, 1002001]);
		expect(emu.members(pool)).toEqual([]);
		expect((await probe(emu, 'GET', LIST_PATH, { token })).status).toBe(500);
	});

	it('drops connections before or after the talent was added', async () => {
		const before = await emulator({ faults: { dropRate: 1, dropAfterEffectShare: 0 } });
		const after = await emulator({ faults: { dropRate: 1, dropAfterEffectShare: 1 } });
		for (const [emu, added] of [
			[before, false],
			[after, true],
		] as const) {
			const token = await fetchToken(emu);
			const [pool, talent] = [emu.data.pools[0].id, emu.data.talentIds[0]];
			await expect(
				probe(emu, 'POST', addPath(pool), { token, body: { talent_id: talent, add_type: 1 } }),
			).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|ERR_BAD_RESPONSE|EPIPE/) });
			expect(emu.members(pool).includes(talent)).toBe(added);
			expect(emu.log.at(-1)).toMatchObject({ endpoint: 'addTalent', status: 0 });
		}
	});

	it('repeats the same fault sequence for the same seed', () => {
		const options = { seed: 42, errorRate: 0.1, dropRate: 0.05 };
		const a = new FaultPlan(options);
		const b = new FaultPlan(options);
		const seqA = Array.from({ length: 500 }, () => a.next());
		expect(Array.from({ length: 500 }, () => b.next())).toEqual(seqA);
		expect(seqA.filter((f) => f === 'error').length).toBeGreaterThan(25);
		expect(seqA.filter((f) => f.startsWith('drop')).length).toBeGreaterThan(10);
		const other = new FaultPlan({ ...options, seed: 7 });
		expect(Array.from({ length: 500 }, () => other.next())).not.toEqual(seqA);
	});

	it('adds latency to Hire answers', async () => {
		const slow = await emulator({ faults: { latencyMs: 300 } });
		const fast = await emulator();
		const [slowToken, fastToken] = await Promise.all([fetchToken(slow), fetchToken(fast)]);
		const answered: string[] = [];
		await Promise.all([
			probe(slow, 'GET', LIST_PATH, { token: slowToken }).then(() => answered.push('slow')),
			probe(fast, 'GET', LIST_PATH, { token: fastToken }).then(() => answered.push('fast')),
		]);
		// Sent together: the answer with added latency comes second.
		expect(answered).toEqual(['fast', 'slow']);
	});

	it('leaves the token endpoint alone', async () => {
		const emu = await emulator({ faults: { errorRate: 1 } });
		expect(await fetchToken(emu)).toMatch(/^t-/);
	});
});

describe('seeded data', () => {
	it('is deterministic: 237 pools and 5000 talents by default, 19-digit string IDs', async () => {
		const a = await emulator();
		const b = await emulator();
		expect(a.data).toEqual(b.data);
		expect(a.data.pools).toHaveLength(237);
		expect(a.data.talentIds).toHaveLength(5000);
		const ids = [...a.data.pools.map((pool) => pool.id), ...a.data.talentIds];
		expect(ids.every((id) => /^\d{19}$/.test(id))).toBe(true);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.every((id) => BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER))).toBe(true);
	});

	it('has roots and children with Chinese and English texts, and takes sizes and a seed', async () => {
		const emu = await emulator({ pools: 12, talents: 3, seed: 9 });
		expect(emu.data.pools).toHaveLength(12);
		expect(emu.data.talentIds).toHaveLength(3);
		const roots = emu.data.pools.filter((pool) => pool.parent_id === pool.id);
		const children = emu.data.pools.filter((pool) => pool.parent_id !== pool.id);
		expect(roots.length).toBeGreaterThan(0);
		expect(children.length).toBeGreaterThan(0);
		for (const child of children) expect(roots.map((root) => root.id)).toContain(child.parent_id);
		expect(emu.data.pools[1].i18n_name.zh_cn).toMatch(/[\u4e00-\u9fff]/);
		expect(emu.data.pools[1].i18n_name.en_us).toMatch(/^[A-Za-z ]+\d+$/);
		const other = await emulator({ pools: 12, talents: 3, seed: 10 });
		expect(other.data.pools.map((pool) => pool.create_time)).not.toEqual(
			emu.data.pools.map((pool) => pool.create_time),
		);
	});
});

describe('inspection', () => {
	it('logs method, path, query, status, code and time, without tokens or secrets', async () => {
		const emu = await emulator();
		const token = await fetchToken(emu);
		await probe(emu, 'GET', LIST_PATH, { token, query: 'page_size=5' });
		await probe(emu, 'GET', LIST_PATH, { token, query: 'page_size=0' });
		expect(emu.log).toHaveLength(3);
		expect(emu.log[1]).toMatchObject({
			method: 'GET',
			path: LIST_PATH,
			query: 'page_size=5',
			status: 200,
			code: 0,
			endpoint: 'listPools',
		});
		expect(emu.log[2]).toMatchObject({ status: 400, code: 1002004 });
		expect(typeof emu.log[2].time).toBe('number');
		const text = JSON.stringify((await axios.get(`${emu.url}${INSPECTION_PREFIX}/log`)).data);
		expect(text).toContain('page_size=5');
		expect(text).not.toContain(token);
		expect(text).not.toContain(emu.appSecret);
	});

	it('reports memberships, counters and window peaks in-process and over HTTP', async () => {
		const emu = await emulator();
		const token = await fetchToken(emu);
		const pool = emu.data.pools[2].id;
		await Promise.all(
			emu.data.talentIds
				.slice(0, 4)
				.map((talent) =>
					probe(emu, 'POST', addPath(pool), { token, body: { talent_id: talent, add_type: 1 } }),
				),
		);
		await probe(emu, 'POST', addPath(pool), {
			token,
			body: { talent_id: '7000000000000000001', add_type: 1 },
		});
		const stats = emu.stats();
		expect(stats.tokensIssued).toBe(1);
		expect(stats.endpoints.addTalent).toMatchObject({
			requests: 5,
			admitted: 5,
			byCode: { 0: 4, 1002102: 1 },
			peakPerSecond: 5,
			peakPerMinute: 5,
			gatewayPeakPerSecond: 5,
			gatewayPeakPerMinute: 5,
		});
		expect((await axios.get(`${emu.url}${INSPECTION_PREFIX}/stats`)).data).toEqual(stats);
		expect(
			(await axios.get(`${emu.url}${INSPECTION_PREFIX}/pools/${pool}/talents`)).data.sort(),
		).toEqual(emu.data.talentIds.slice(0, 4).sort());
	});

	it('computes the highest count in any sliding window', () => {
		expect(peakInWindow([], 1000)).toBe(0);
		expect(peakInWindow([0, 100, 999, 1000, 1001], 1000)).toBe(4);
		expect(peakInWindow([0, 1000, 2000], 1000)).toBe(1);
	});

	it('computes the floor for a run at the gateway: 50/s, at most 1000 in each of its minutes', () => {
		const limits = { perSecond: 50, perMinute: 1000 };
		// Starting as a minute starts: 1000 in 20 s, the rest from the next minute on.
		expect(paceFloorMs(120_000, 2000, limits)).toBe(60_000 + 20_000);
		// Starting 40 s into a minute: the minute boundary comes after 20 s and renews the budget.
		expect(paceFloorMs(100_000, 2000, limits)).toBe(40_000);
		// 50 s in: 500 fit before the boundary, 1000 in the next minute, 500 in the one after.
		expect(paceFloorMs(110_000, 2000, limits)).toBe(10_000 + 60_000 + 10_000);
		expect(paceFloorMs(100_000, 50, limits)).toBe(1000);
	});

	it("computes the highest count in the gateway's fixed windows, which a sliding window can exceed", () => {
		const times = [990, 995, 999, 1000, 1001, 1500];
		expect(peakInFixedWindows(times, 1000)).toBe(3);
		expect(peakInWindow(times, 1000)).toBe(6);
		expect(peakInFixedWindows([], 60_000)).toBe(0);
		expect(peakInFixedWindows([59_999, 60_000], 60_000)).toBe(1);
	});

	it('resets and expires tokens, in-process and over HTTP', async () => {
		const emu = await emulator();
		const token = await fetchToken(emu);
		await probe(emu, 'POST', addPath(emu.data.pools[0].id), {
			token,
			body: { talent_id: emu.data.talentIds[0], add_type: 1 },
		});
		await axios.post(`${emu.url}${INSPECTION_PREFIX}/reset`);
		expect(emu.log).toHaveLength(0);
		expect(emu.members(emu.data.pools[0].id)).toEqual([]);
		expect((await probe(emu, 'GET', LIST_PATH, { token })).data.code).toBe(0);
		await axios.post(`${emu.url}${INSPECTION_PREFIX}/expire-tokens`);
		expect((await probe(emu, 'GET', LIST_PATH, { token })).data.code).toBe(99991663);
	});

	it('expires tokens after a number of admitted Hire requests, in-process and over HTTP', async () => {
		const emu = await emulator();
		const token = await fetchToken(emu);
		emu.expireTokensAfter(2);
		expect((await probe(emu, 'GET', LIST_PATH, { token })).data.code).toBe(0);
		expect((await probe(emu, 'GET', LIST_PATH, { token })).data.code).toBe(0);
		expect((await probe(emu, 'GET', LIST_PATH, { token })).data.code).toBe(99991663);
		const fresh = await fetchToken(emu);
		await axios.post(`${emu.url}${INSPECTION_PREFIX}/expire-tokens`, { afterRequests: 1 });
		expect((await probe(emu, 'GET', LIST_PATH, { token: fresh })).data.code).toBe(0);
		expect((await probe(emu, 'GET', LIST_PATH, { token: fresh })).data.code).toBe(99991663);
	});

	it('sets faults over HTTP', async () => {
		const emu = await emulator();
		const token = await fetchToken(emu);
		await axios.post(`${emu.url}${INSPECTION_PREFIX}/faults`, { errorRate: 1 });
		expect((await probe(emu, 'GET', LIST_PATH, { token })).data.code).toBe(1002001);
	});

	it('answers 404 for paths it does not know', async () => {
		const emu = await emulator();
		const token = await fetchToken(emu);
		expect((await probe(emu, 'GET', '/open-apis/hire/v1/jobs_unknown', { token })).status).toBe(
			404,
		);
	});

	it('decodes only its own page tokens', () => {
		const token = encodePageToken('s', 20, 'a,b');
		expect(decodePageToken('s', token, 'a,b')).toBe(20);
		expect(decodePageToken('s', token, 'a')).toBeUndefined();
		expect(decodePageToken('s', token.replace('+', ' '), 'a,b')).toBeUndefined();
	});
});
