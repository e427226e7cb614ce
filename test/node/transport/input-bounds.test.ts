import { startEmulator } from '../../../emulator';
import { EMAIL_PATTERN, MAX_EMAIL_LENGTH } from '../../../nodes/FeishuHire/identify/keys';
import { resolveOrigin } from '../../../nodes/shared/origin';
import { endpointPath } from '../../../nodes/shared/transport/endpoints';
import { useEmulator } from '../../helpers/fixture';
import { findTalents } from '../../helpers/talents';

/**
 * Item data and credential fields that could make the node slow or send a request
 * elsewhere: each is refused or neutralised before anything is sent.
 */
const t = useEmulator();
/** Backtracking bait for a pattern whose quantifiers overlap: every dot could end the domain. */
const crafted = (length: number) => `a@${'.'.repeat(length - 3)}@`;

describe('no slow regular expressions on item data', () => {
	it('refuses a 200,000-character crafted email as bad input, naming the field and the item, sending nothing', async () => {
		const { error } = await t.n8n.run(
			findTalents('email', [{ email: 'someone@example.com' }, { email: crafted(200_000) }]),
		);
		expect(error).toMatchObject({
			message: expect.stringMatching(
				new RegExp(
					`^Email "a@\\.{38}…" is 200000 characters long: an email address has at most ${MAX_EMAIL_LENGTH} \\(item 1\\)$`,
				),
			),
		});
		expect(t.emulator.requests('findTalents')).toHaveLength(0);
	});

	// A generous bound: the pattern this replaced took about 18 s on this input.
	it('matches a crafted 200,000-character value with the email pattern in linear time', () => {
		const started = process.hrtime.bigint();
		expect(EMAIL_PATTERN.test(crafted(200_000))).toBe(false);
		expect(EMAIL_PATTERN.test(`a@${'b.'.repeat(100_000)} `)).toBe(false);
		expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
		expect(EMAIL_PATTERN.test('first.last@mail.example.com')).toBe(true);
		expect(EMAIL_PATTERN.test('a@b..c')).toBe(false);
	});

	it("trims the Base URL's trailing slashes in linear time, and still refuses a path", () => {
		const started = process.hrtime.bigint();
		const result = resolveOrigin({
			domain: 'custom',
			baseUrl: `https://a.example${'/'.repeat(200_000)}x`,
		});
		expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
		expect(result).toHaveProperty('problem');
		expect(resolveOrigin({ domain: 'custom', baseUrl: 'https://open.feishu.cn///' })).toEqual({
			origin: 'https://open.feishu.cn',
		});
	});
});

describe('the token follows its origin', () => {
	it('after the Base URL changes, fetches a new token instead of sending the old one to the new host', async () => {
		const listAll = { resource: 'talentPool', operation: 'getAll', returnAll: true };
		await t.n8n.run({ parameters: listAll });
		const first = t.n8n.storedToken();
		expect(first).toMatch(/^t-/);
		const other = await startEmulator({ rateLimits: false, appSecret: t.emulator.appSecret });
		try {
			t.n8n.credentials.store.get(t.credentialId)!.data.baseUrl = other.url;
			const { error } = await t.n8n.run({ parameters: listAll });
			expect(error).toBeUndefined();
			// The other host issued a token before the first call, and no call carried one it had not issued.
			expect(other.requests('token')).toHaveLength(1);
			expect(other.requests('token')[0].time).toBeLessThanOrEqual(
				other.requests('listPools')[0].time,
			);
			expect(other.requests('listPools').map((entry) => entry.code)).toEqual(
				other.requests('listPools').map(() => 0),
			);
			expect(t.n8n.storedToken()).not.toBe(first);
		} finally {
			await other.close();
		}
	});
});

describe('IDs in paths', () => {
	it.each([
		'../../auth/v3/tenant_access_token/internal',
		'7012345678901234567/../x',
		'7012345678901234567?x=1',
		'',
		undefined,
	])('puts only a 19-digit ID into a path, not %p', (id) => {
		expect(endpointPath('getTalent', id)).toHaveProperty('problem');
	});

	it.each(['..', '6001/..', 'a b', '6001?x=1', ''])(
		'puts into a job path (an ID Feishu types only as text) neither %p nor any other path or query',
		(id) => {
			expect(endpointPath('getJob', id)).toHaveProperty('problem');
		},
	);

	it('puts a short job ID into its path as given, percent-encoded', () => {
		expect(endpointPath('getJob', '6001')).toEqual({ path: '/open-apis/hire/v1/jobs/6001' });
		expect(endpointPath('getJob', 'job:7')).toEqual({ path: '/open-apis/hire/v1/jobs/job%3A7' });
	});

	it('fills the path of an endpoint that names an ID, and leaves the others as they are', () => {
		expect(endpointPath('getTalent', '7012345678901234567')).toEqual({
			path: '/open-apis/hire/v2/talents/7012345678901234567',
		});
		expect(endpointPath('findTalents', undefined)).toEqual({
			path: '/open-apis/hire/v1/talents/batch_get_id',
		});
	});
});
