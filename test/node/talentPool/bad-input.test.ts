import { byId, useEmulator } from '../../helpers/fixture';
import { membershipParameters } from '../../helpers/parameters';

const t = useEmulator();
const POOL = '6930815272790114324';
const TALENT = '7012345678901234567';

const add = (overrides: Record<string, unknown>) =>
	membershipParameters('addTalent', POOL, {
		talentId: TALENT,
		options: { batching: false },
		...overrides,
	});
const getMany = (overrides: Record<string, unknown>) => ({
	resource: 'talentPool',
	operation: 'getAll',
	...overrides,
});
const get = (talentPoolId: unknown) => ({ resource: 'talentPool', operation: 'get', talentPoolId });
const manyIds = (count: number, bad: string) =>
	[
		...Array.from({ length: count }, (_, i) => (6930815272790114324n + BigInt(i)).toString()),
		bad,
	].join(',');

const cases: Array<[string, Record<string, unknown>, RegExp]> = [
	['an empty Talent ID', add({ talentId: '={{ "" }}' }), /^Talent ID is empty \(item 0\)$/],
	['a whitespace Talent ID', add({ talentId: '   ' }), /^Talent ID is empty \(item 0\)$/],
	[
		'a non-digit Talent ID',
		add({ talentId: 'abc' }),
		/^Talent ID "abc" is not a Feishu ID \(19 digits\) \(item 0\)$/,
	],
	[
		'an over-long Talent ID',
		add({ talentId: '70123456789012345670' }),
		/^Talent ID "70123456789012345670" is not a Feishu ID/,
	],
	['a short Talent ID', add({ talentId: '123' }), /^Talent ID "123" is not a Feishu ID/],
	[
		'a Talent ID that became a number',
		add({ talentId: '={{ 7012345678901234567 }}' }),
		/^Talent ID is the number 7012345678901235000: IDs must be text/,
	],
	[
		'an empty pool ID',
		add({ talentPoolId: byId('={{ "" }}') }),
		/^Talent Pool is empty \(item 0\)$/,
	],
	[
		'a non-digit pool ID',
		add({ talentPoolId: byId('={{ "pool-1" }}') }),
		/^Talent Pool "pool-1" is not a Feishu ID/,
	],
	[
		'a pool ID with a digit too many',
		get(byId(`={{ "${POOL}1" }}`)),
		/^Talent Pool "69308152727901143241" is not a Feishu ID/,
	],
	['a pool ID of spaces for Get', get(byId('={{ "  " }}')), /^Talent Pool is empty \(item 0\)$/],
	[
		'Remove From Other Pools as a string',
		add({ removeFromOtherPools: '={{ "yes" }}' }),
		/^Remove From Other Pools must be true or false, not "yes" \(item 0\)$/,
	],
	[
		'Remove From Other Pools as a number',
		add({ removeFromOtherPools: '={{ 1 }}' }),
		/^Remove From Other Pools must be true or false, not 1 \(item 0\)$/,
	],
	[
		'Return All as a string',
		getMany({ returnAll: '={{ "true" }}' }),
		/^Return All must be true or false, not "true" \(item 0\)$/,
	],
	[
		'Limit 0',
		getMany({ limit: 0 }),
		/^Limit must be a whole number of at least 1, not 0 \(item 0\)$/,
	],
	[
		'a negative Limit',
		getMany({ limit: -5 }),
		/^Limit must be a whole number of at least 1, not -5 \(item 0\)$/,
	],
	[
		'a fractional Limit',
		getMany({ limit: 2.5 }),
		/^Limit must be a whole number of at least 1, not 2.5 \(item 0\)$/,
	],
	[
		'pool IDs with a non-digit entry',
		getMany({ filters: { talentPoolIds: `${POOL}, abc` } }),
		/^Talent Pool IDs entry 2 "abc" is not a Feishu ID/,
	],
	[
		'51+ pool IDs with a malformed one',
		getMany({ filters: { talentPoolIds: manyIds(55, '69308152727901x4324') } }),
		/^Talent Pool IDs entry 56 "69308152727901x4324" is not a Feishu ID/,
	],
	[
		'pool IDs that are only separators',
		getMany({ filters: { talentPoolIds: ' , ,, ' } }),
		/^Talent Pool IDs holds separators but no ID \(item 0\)$/,
	],
	[
		'pool IDs as numbers in an array',
		getMany({ filters: { talentPoolIds: '={{ [6930815272790114324] }}' } }),
		/^Talent Pool IDs entry 1 is the number/,
	],
	[
		'pool IDs as an object',
		getMany({ filters: { talentPoolIds: '={{ { id: 1 } }}' } }),
		/^Talent Pool IDs must be IDs separated by commas, or a list of IDs, not object \(item 0\)$/,
	],
];

const find = (identifyBy: string, overrides: Record<string, unknown>) => ({
	resource: 'talent',
	operation: 'find',
	identifyBy,
	...overrides,
});
const addBy = (identifyBy: string, overrides: Record<string, unknown>) =>
	add({ identifyBy, ...overrides });

const keyCases: Array<[string, Record<string, unknown>, RegExp]> = [
	[
		'an email without @',
		find('email', { email: 'li.na.example.com' }),
		/^Email "li\.na\.example\.com" is not an email address \(item 0\)$/,
	],
	[
		'an email with a space inside',
		find('email', { email: 'li na@example.com' }),
		/^Email "li na@example\.com" is not an email address/,
	],
	['an empty email', find('email', { email: '={{ "  " }}' }), /^Email is empty \(item 0\)$/],
	[
		'a number in place of an email',
		find('email', { email: '={{ 12345 }}' }),
		/^Email must be text, not number \(12345\) \(item 0\)$/,
	],
	[
		'letters in a mobile number',
		find('mobile', { mobileNumber: '138OO138000' }),
		/^Mobile Number "138OO138000" is not a mobile number \(11 digits starting with 1 for mobile code 86\)/,
	],
	[
		'a +86 number too short',
		find('mobile', { mobileNumber: '1380013800' }),
		/^Mobile Number "1380013800" is not a mobile number/,
	],
	[
		'a mobile number with its "+" code',
		find('mobile', { mobileNumber: '+86 13800138000' }),
		/^Mobile Number "\+86 13800138000" starts with "\+": put the country calling code in Mobile Code/,
	],
	[
		'an empty mobile number',
		find('mobile', { mobileNumber: '={{ "" }}' }),
		/^Mobile Number is empty \(item 0\)$/,
	],
	[
		'a mobile code with letters',
		find('mobile', { mobileNumber: '13800138000', mobileCode: 'CN' }),
		/^Mobile Code "CN" is not a country calling code/,
	],
	[
		'a mobile number as an object',
		find('mobile', { mobileNumber: '={{ { n: 1 } }}' }),
		/^Mobile Number must be text, not object \(item 0\)$/,
	],
	[
		'an ID number without its type',
		find('identification', { identificationType: '={{ "" }}', identificationNumber: 'E12345678' }),
		/^ID Document Type must be one of 1, 2, 3, 4, 5, 6, 9, not "" \(item 0\)$/,
	],
	[
		'an ID type outside the enum',
		find('identification', { identificationType: '={{ 7 }}', identificationNumber: 'E12345678' }),
		/^ID Document Type must be one of .*, not 7/,
	],
	[
		'an ID number with spaces inside',
		find('identification', { identificationNumber: '1101 0119 9003' }),
		/^ID Document Number "1101 0119 9003" is not an ID document number/,
	],
	[
		'an ID number as a number',
		find('identification', { identificationNumber: '={{ 110101199003071234 }}' }),
		/^ID Document Number must be text, not number/,
	],
	[
		'Error When Not Found as a string',
		find('email', { email: 'a@b.cn', options: { errorWhenNotFound: '={{ "yes" }}' } }),
		/^Error When Not Found must be true or false, not "yes"/,
	],
	[
		'Get with a talent ID that became a number',
		{ resource: 'talent', operation: 'get', talentId: '={{ 7012345678901234567 }}' },
		/^Talent ID is the number/,
	],
	[
		'Add Talent by email with no @',
		addBy('email', { email: 'nobody' }),
		/^Email "nobody" is not an email address \(item 0\)$/,
	],
	[
		'Remove Talent by mobile with letters',
		{ ...addBy('mobile', { mobileNumber: 'call me' }), operation: 'removeTalent' },
		/^Mobile Number "call me" is not a mobile number/,
	],
	[
		'All Matches as a number',
		addBy('email', { email: 'a@b.cn', options: { allMatches: '={{ 1 }}' } }),
		/^All Matches must be true or false, not 1 \(item 0\)$/,
	],
];

describe('bad input never reaches Feishu', () => {
	it.each([...cases, ...keyCases])('%s', async (_name, parameters, message) => {
		const { error, items } = await t.n8n.run({ parameters });
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(message);
		expect(error?.context?.itemIndex).toBe(0);
		expect(items).toEqual([]);
		expect(t.emulator.log).toEqual([]);
	});

	it.each([
		['an empty required Talent ID', add({ talentId: '' })],
		['a pool ID that fails the 19-digit check', add({ talentPoolId: byId('pool-1') })],
	])(
		'n8n itself refuses %s typed into the field, before the node runs',
		async (_name, parameters) => {
			await expect(t.n8n.run({ parameters })).rejects.toThrow('The workflow has issues');
			expect(t.emulator.log).toEqual([]);
		},
	);

	it('a bad second item stops the node before the first is sent, naming item 1', async () => {
		const { error } = await t.n8n.run({
			parameters: add({ talentId: '={{ $json.talent }}' }),
			items: [{ talent: t.emulator.data.talentIds[0] }, { talent: 'x' }],
		});
		expect(error?.message).toBe('Talent ID "x" is not a Feishu ID (19 digits) (item 1)');
		expect(error?.context?.itemIndex).toBe(1);
		expect(t.emulator.log).toEqual([]);
	});

	it('with Continue On Fail, the bad item carries the error and the good ones are sent', async () => {
		const [a, b] = t.emulator.data.talentIds;
		const { items, error } = await t.n8n.run({
			parameters: add({ talentId: '={{ $json.talent }}' }),
			items: [{ talent: a }, { talent: '' }, { talent: b }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{ json: { talent_pool_id: POOL, talent_id: a }, pairedItem: { item: 0 } },
			{ json: { error: 'Talent ID is empty (item 1)' }, pairedItem: { item: 1 } },
			{ json: { talent_pool_id: POOL, talent_id: b }, pairedItem: { item: 2 } },
		]);
		expect(t.emulator.requests('addTalent')).toHaveLength(2);
	});
});

describe('a credential that cannot work is refused before any request', () => {
	const credentialCases: Array<[string, Record<string, string>, RegExp]> = [
		['a base URL that is not a URL', { baseUrl: 'not a url' }, /Base URL "not a url" is not a URL/],
		[
			'a base URL that is not http(s)',
			{ baseUrl: 'ftp://127.0.0.1:21' },
			/Base URL must start with https:\/\/ \(got ftp:\/\/\)/,
		],
		[
			'plain http to a non-loopback host',
			{ baseUrl: 'http://open.feishu.example' },
			/plain http:\/\/ to open\.feishu\.example/,
		],
		[
			'a base URL with the /open-apis path',
			{ baseUrl: 'https://open.feishu.cn/open-apis' },
			/origin only/,
		],
		['an empty custom base URL', { baseUrl: '  ' }, /Base URL is empty/],
		[
			'an unknown domain',
			{ domain: 'https://example.com' },
			/Domain must be Feishu, Lark or Custom base URL/,
		],
		['an empty App ID', { appId: '' }, /App ID is empty/],
		['an App Secret of spaces', { appSecret: '   ' }, /App Secret is empty/],
	];

	it.each(credentialCases)('%s', async (_name, data, message) => {
		const credentialId = t.n8n.addCredential(data, 'bad');
		const { error } = await t.n8n.run({ parameters: getMany({ returnAll: true }), credentialId });
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(/^Credential "Feishu Hire API": /);
		expect(error?.message).toMatch(message);
		expect(error?.context?.itemIndex).toBe(0);
		expect(t.emulator.log).toEqual([]);
	});

	it('accepts localhost and 127.x over plain http, and a trailing slash', async () => {
		const port = new URL(t.emulator.url).port;
		for (const baseUrl of [`http://localhost:${port}`, `http://127.0.0.1:${port}/`]) {
			const credentialId = t.n8n.addCredential({ baseUrl }, 'local');
			expect(
				(await t.n8n.run({ parameters: getMany({ limit: 1 }), credentialId })).items,
			).toHaveLength(1);
		}
	});
});
