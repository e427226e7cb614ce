import { SCOPE_READ, SCOPE_TALENT_READ, SCOPE_WRITE } from '../../../emulator';
import { startFixture, useEmulator } from '../../helpers/fixture';
import { membershipParameters } from '../../helpers/parameters';
import { fetchToken, probe, talentPath } from '../../helpers/probe';
import { findBodies, findTalents, getTalent } from '../../helpers/talents';

const t = useEmulator();
const talent = (index: number) => t.emulator.data.talents[index];
const UNKNOWN_EMAIL = 'nobody.here@example.com';

describe('Talent → Find', () => {
	it("finds a talent by email: Feishu's record, paired with its item; only email_list is sent", async () => {
		const { talent_id: id, basic_info: info } = talent(3);
		const { items, error } = await t.n8n.run(findTalents('email', [{ email: info.email }]));
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				json: { talent_id: id, email: info.email, is_onboarded: talent(3).is_onboarded },
				pairedItem: { item: 0 },
			},
		]);
		expect(findBodies(t.emulator)).toEqual([{ email_list: [info.email] }]);
	});

	it('finds by mobile number, one request per mobile code, echoing mobile_code and mobile_number', async () => {
		const mainland = t.emulator.data.talents.find(
			(candidate) => candidate.basic_info.mobile_code === '86',
		)!;
		const abroad = t.emulator.data.talents.find(
			(candidate) => candidate.basic_info.mobile_code !== '86',
		)!;
		const rows = [mainland, abroad].map(({ basic_info: info }) => ({
			code: info.mobile_code,
			mobile: info.mobile_number,
		}));
		const { items } = await t.n8n.run(findTalents('mobile', rows));
		expect(
			items.map((item) => [
				item.json.talent_id,
				item.json.mobile_code,
				item.json.mobile_number,
				item.pairedItem,
			]),
		).toEqual([
			[mainland.talent_id, '86', mainland.basic_info.mobile_number, { item: 0 }],
			[
				abroad.talent_id,
				abroad.basic_info.mobile_code,
				abroad.basic_info.mobile_number,
				{ item: 1 },
			],
		]);
		expect(
			findBodies(t.emulator).sort((a, b) =>
				String(a.mobile_code).localeCompare(String(b.mobile_code)),
			),
		).toEqual(
			[
				{ mobile_code: '86', mobile_number_list: [mainland.basic_info.mobile_number] },
				{
					mobile_code: abroad.basic_info.mobile_code,
					mobile_number_list: [abroad.basic_info.mobile_number],
				},
			].sort((a, b) => a.mobile_code.localeCompare(b.mobile_code)),
		);
	});

	it('finds by ID document number and type', async () => {
		const { talent_id: id, basic_info: info } = talent(5);
		const { identification_type: type, identification_number: number } = info.identification;
		// A type read from a CSV column arrives as text.
		const { items } = await t.n8n.run(
			findTalents('identification', [{ type: String(type), number }]),
		);
		expect(items[0].json).toMatchObject({
			talent_id: id,
			identification_type: type,
			identification_number: number,
		});
		expect(findBodies(t.emulator)).toEqual([
			{ identification_type: type, identification_number_list: [number] },
		]);
	});

	it('trims keys and ignores separators in mobile numbers', async () => {
		const info = talent(8).basic_info;
		const spaced =
			info.mobile_code === '86'
				? `${info.mobile_number.slice(0, 3)}-${info.mobile_number.slice(3, 7)} ${info.mobile_number.slice(7)}`
				: info.mobile_number;
		const byEmail = await t.n8n.run(findTalents('email', [{ email: `  ${info.email}\t` }]));
		const byMobile = await t.n8n.run(
			findTalents('mobile', [{ code: ` +${info.mobile_code} `, mobile: ` ${spaced} ` }]),
		);
		expect(byEmail.items[0].json.talent_id).toBe(talent(8).talent_id);
		expect(byMobile.items[0].json.talent_id).toBe(talent(8).talent_id);
	});

	it('a key that matches nothing is { talent_id: null, <the key> }, so an IF node can route it', async () => {
		const { items, error } = await t.n8n.run(
			findTalents('email', [{ email: talent(0).basic_info.email }, { email: UNKNOWN_EMAIL }]),
		);
		expect(error).toBeUndefined();
		expect(items[1]).toEqual({
			json: { talent_id: null, email: UNKNOWN_EMAIL },
			pairedItem: { item: 1 },
		});
		const mobile = await t.n8n.run(findTalents('mobile', [{ code: '86', mobile: '19999999999' }]));
		expect(mobile.items).toEqual([
			{
				json: { talent_id: null, mobile_code: '86', mobile_number: '19999999999' },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('Error When Not Found makes a miss an item error naming the key; with Continue On Fail the others go on', async () => {
		const known = talent(1).basic_info.email;
		const stopped = await t.n8n.run(
			findTalents('email', [{ email: known }, { email: UNKNOWN_EMAIL }], {
				errorWhenNotFound: true,
			}),
		);
		expect(stopped.error?.name).toBe('NodeOperationError');
		expect(stopped.error?.message).toBe(
			`No talent in Feishu Hire with email ${UNKNOWN_EMAIL} (item 1)`,
		);
		expect(stopped.error?.context?.itemIndex).toBe(1);
		const continued = await t.n8n.run({
			...findTalents('email', [{ email: UNKNOWN_EMAIL }, { email: known }], {
				errorWhenNotFound: true,
			}),
			continueOnFail: true,
		});
		expect(
			continued.items.map((item) => [item.json.error ?? item.json.talent_id, item.pairedItem]),
		).toEqual([
			[`No talent in Feishu Hire with email ${UNKNOWN_EMAIL} (item 0)`, { item: 0 }],
			[talent(1).talent_id, { item: 1 }],
		]);
	});

	it('120 items with repeated emails: each distinct email looked up once, 50 per request, output in input order', async () => {
		const emails = Array.from({ length: 120 }, (_, i) => talent(i % 90).basic_info.email);
		const { items } = await t.n8n.run(
			findTalents(
				'email',
				emails.map((email) => ({ email })),
			),
		);
		expect(items.map((item) => [item.json.talent_id, item.pairedItem])).toEqual(
			emails.map((_e, i) => [talent(i % 90).talent_id, { item: i }]),
		);
		const sent = findBodies(t.emulator).map((body) => body.email_list as string[]);
		expect(sent.map((list) => list.length).sort((a, b) => b - a)).toEqual([50, 40]);
		expect(new Set(sent.flat()).size).toBe(90);
	});

	it('a lookup Feishu refuses as too long (1002002) is halved until it is accepted: nothing is lost', async () => {
		const fixture = await startFixture({ maxLookupList: 20 });
		try {
			const emails = fixture.emulator.data.talents
				.slice(0, 60)
				.map((candidate) => candidate.basic_info.email);
			const { items, error } = await fixture.n8n.run(
				findTalents(
					'email',
					emails.map((email) => ({ email })),
				),
			);
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.talent_id)).toEqual(
				fixture.emulator.data.talentIds.slice(0, 60),
			);
			const sizes = findBodies(fixture.emulator).map(
				(body) => (body.email_list as string[]).length,
			);
			expect(sizes.filter((size) => size > 20).sort((a, b) => b - a)).toEqual([50, 25, 25]);
			expect(sizes.filter((size) => size <= 20).reduce((sum, size) => sum + size, 0)).toBe(60);
		} finally {
			await fixture.emulator.close();
		}
	});

	it('an email that several talents share gives one item per talent, all paired to that input', async () => {
		const email = talent(2).basic_info.email;
		const twin = t.emulator.addTalent({ name: 'Duplicate', email });
		const { items } = await t.n8n.run(
			findTalents('email', [{ email: talent(4).basic_info.email }, { email }]),
		);
		expect(items.map((item) => [item.json.talent_id, item.pairedItem])).toEqual([
			[talent(4).talent_id, { item: 0 }],
			[talent(2).talent_id, { item: 1 }],
			[twin.talent_id, { item: 1 }],
		]);
	});

	it('never mixes kinds of key or mobile codes in one request (Feishu ANDs them)', async () => {
		const byCode = new Map<string, string[]>();
		for (const { basic_info: info } of t.emulator.data.talents.slice(0, 60)) {
			byCode.set(info.mobile_code, [...(byCode.get(info.mobile_code) ?? []), info.mobile_number]);
		}
		expect(byCode.size).toBeGreaterThanOrEqual(3);
		const rows = t.emulator.data.talents
			.slice(0, 60)
			.map(({ basic_info: info }) => ({ code: info.mobile_code, mobile: info.mobile_number }));
		const { items } = await t.n8n.run(findTalents('mobile', rows));
		expect(items.map((item) => item.json.talent_id)).toEqual(
			t.emulator.data.talentIds.slice(0, 60),
		);
		const bodies = findBodies(t.emulator);
		for (const body of bodies)
			expect(Object.keys(body).sort()).toEqual(['mobile_code', 'mobile_number_list']);
		expect(bodies.map((body) => body.mobile_code).sort()).toEqual([...byCode.keys()].sort());
		for (const body of bodies)
			expect(body.mobile_number_list).toEqual(byCode.get(body.mobile_code as string));
	});

	it('emails that differ only in letter case are looked up as written, each once', async () => {
		const email = talent(11).basic_info.email;
		const shouted = email.toUpperCase();
		const { items } = await t.n8n.run(
			findTalents('email', [{ email }, { email: shouted }, { email }]),
		);
		// The emulator compares exactly (Feishu's rule is not documented): only the stored spelling matches.
		expect(items.map((item) => item.json)).toEqual([
			{ talent_id: talent(11).talent_id, email, is_onboarded: talent(11).is_onboarded },
			{ talent_id: null, email: shouted },
			{ talent_id: talent(11).talent_id, email, is_onboarded: talent(11).is_onboarded },
		]);
		expect(items[0].json).not.toBe(items[2].json);
		expect(findBodies(t.emulator)).toEqual([{ email_list: [email, shouted] }]);
	});

	it('a number Feishu refuses (1002009) fails only its own item: the request is halved until it stands alone', async () => {
		// 120… passes the node's check (11 digits from 1) but no mainland mobile range starts 12.
		const rows = [0, 1, 2].map((i) => ({
			code: '86',
			mobile: t.emulator.data.talents.filter((c) => c.basic_info.mobile_code === '86')[i].basic_info
				.mobile_number,
		}));
		rows.splice(1, 0, { code: '86', mobile: '12000138000' });
		const { items, error } = await t.n8n.run({
			...findTalents('mobile', rows),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.error ?? typeof item.json.talent_id)).toEqual([
			'string',
			'Feishu error 1002009: invalid mobile number: 12000138000',
			'string',
			'string',
		]);
		const stopped = await t.n8n.run(findTalents('mobile', rows));
		expect(stopped.error?.context?.itemIndex).toBe(1);
		expect(stopped.error?.description).toMatch(/Mobile Number and the Mobile Code/);
	});

	it('Mobile Code left at its default is 86', async () => {
		const mainland = t.emulator.data.talents.find(
			(candidate) => candidate.basic_info.mobile_code === '86',
		)!;
		const { parameters } = findTalents('mobile', []);
		const { mobileCode: _default, ...withoutCode } = parameters;
		const { items } = await t.n8n.run({
			parameters: withoutCode,
			items: [{ mobile: mainland.basic_info.mobile_number }],
		});
		expect(items[0].json.talent_id).toBe(mainland.talent_id);
		expect(findBodies(t.emulator)).toEqual([
			{ mobile_code: '86', mobile_number_list: [mainland.basic_info.mobile_number] },
		]);
	});

	it('lookups answered with 1002001 (HTTP 200, as the page lists it) are retried: nothing lost', async () => {
		t.emulator.setFaults({ seed: 3, errorRate: 0.3 });
		const emails = t.emulator.data.talents
			.slice(0, 200)
			.map((candidate) => ({ email: candidate.basic_info.email }));
		const { items, error } = await t.n8n.run(findTalents('email', emails));
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.talent_id)).toEqual(
			t.emulator.data.talentIds.slice(0, 200),
		);
		const refused = t.emulator.requests('findTalents').filter((entry) => entry.code === 1002001);
		expect(refused.length).toBeGreaterThan(0);
		expect(refused.every((entry) => entry.status === 200)).toBe(true);
	});

	it('is_onboarded is passed on only when Feishu returns it (its own field scope)', async () => {
		const fixture = await startFixture({ scopes: [SCOPE_READ, SCOPE_WRITE, SCOPE_TALENT_READ] });
		try {
			const { items } = await fixture.n8n.run(
				findTalents('email', [{ email: talent(0).basic_info.email }]),
			);
			expect(items[0].json).toEqual({
				talent_id: talent(0).talent_id,
				email: talent(0).basic_info.email,
			});
		} finally {
			await fixture.emulator.close();
		}
	});

	it("without a talent scope, Feishu's 99991672 says which scope to add", async () => {
		const fixture = await startFixture({ scopes: [SCOPE_READ, SCOPE_WRITE] });
		try {
			const { error } = await fixture.n8n.run(
				findTalents('email', [{ email: talent(0).basic_info.email }]),
			);
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
			parameters: membershipParameters('addTalent', pool, { talentId: id }),
		});
		const { items, error } = await t.n8n.run(getTalent([id]));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const asFeishuAnswers = await probe(t.emulator, 'GET', talentPath(id), {
			token: await fetchToken(t.emulator),
		});
		expect(items[0].json).toEqual(asFeishuAnswers.data.data);
		expect(items[0].json).toMatchObject({
			talent_id: id,
			basic_info: talent(6).basic_info,
			talent_pool_id_list: [pool],
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it("an unknown talent is Feishu's HTTP 404 / 1002102 with a hint, naming the item", async () => {
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
