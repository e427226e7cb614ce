import type { IDataObject } from 'n8n-workflow';

import { useEmulator } from '../../helpers/fixture';
import { writeTalents } from '../../helpers/talents';
import type { RunOptions } from '../../helpers/n8n';

/**
 * Bad input to Create, Create or Update, Update and Get Many: a NodeOperationError naming the
 * field and the item, and nothing sent to Feishu (the second item is the bad one).
 */
const t = useEmulator();
const good = { name: 'Good Row', email: 'good.row@example.org' };
const create = (bad: IDataObject, extra: IDataObject = {}) =>
	writeTalents('create', [good, bad], extra);
const upsert = (bad: IDataObject, extra: IDataObject = {}) =>
	writeTalents('upsert', [good, bad], extra);
const update = (updateFields: Record<string, unknown>, talentId = '7012345678901234567') => ({
	parameters: { resource: 'talent', operation: 'update', talentId, updateFields },
	items: [{}, {}],
});
const getMany = (filters: Record<string, unknown>) => ({
	parameters: { resource: 'talent', operation: 'getAll', filters },
	items: [{}, {}],
});
const byExpression = (field: string) => ({ [field]: `={{ $itemIndex === 1 ? $json.bad : "" }}` });

const cases: Array<[string, RunOptions, RegExp]> = [
	[
		'a row to be created without a name',
		create({ email: 'x@example.org' }),
		/^Name is empty \(item 1\)$/,
	],
	[
		'a name that is a number',
		create({ name: 12345 }),
		/^Name must be text, not number \(12345\) \(item 1\)$/,
	],
	[
		'an email that is not one',
		create({ name: 'A', email: 'not-an-email' }),
		/^Email "not-an-email" is not an email address \(item 1\)$/,
	],
	[
		'letters in a mobile number',
		create({ name: 'A', mobile: '139abc45678' }),
		/^Mobile Number "139abc45678" is not a mobile number/,
	],
	[
		'a mobile number with its "+" code',
		create({ name: 'A', mobile: '+8613912345678' }),
		/^Mobile Number "\+8613912345678" starts with "\+"/,
	],
	[
		'letters in a mobile code',
		create({ name: 'A', mobile: '51234567', code: 'HK' }),
		/^Mobile Code "HK" is not a country calling code/,
	],
	[
		'a non-86 dialing code without a location code',
		create({ name: 'A', mobile: '51234567', code: '852' }),
		/^Mobile Country Code is required for mobile code 852 \(item 1\)$/,
	],
	[
		'a dialing code in the location-code field',
		create(
			{ name: 'A', mobile: '51234567', code: '852', bad: '852' },
			{ additionalFields: { mobileCountryCode: '={{ $json.bad ?? "CN_1" }}' } },
		),
		/^Mobile Country Code "852" is a dialing code, not a location code \(item 1\)$/,
	],
	[
		'a location code of another shape',
		create(
			{ name: 'A', mobile: '51234567', code: '852', bad: 'Hong Kong' },
			{ additionalFields: { mobileCountryCode: '={{ $json.bad ?? "CN_1" }}' } },
		),
		/^Mobile Country Code "Hong Kong" is not a location code/,
	],
	[
		'an unknown gender',
		create(
			{ name: 'A', bad: 'unknown' },
			{ additionalFields: { gender: '={{ $json.bad ?? 1 }}' } },
		),
		/^Gender must be Male, Female or Other \(1, 2 or 3\), not "unknown" \(item 1\)$/,
	],
	[
		'an ID number without its type',
		create(
			{ name: 'A', bad: 'E12345678' },
			{ additionalFields: byExpression('identificationNumber') },
		),
		/^ID Document Type is required with an ID Document Number \(item 1\)$/,
	],
	[
		'a resume source that is no Feishu ID',
		create({ name: 'A', bad: 'linkedin' }, { additionalFields: byExpression('resumeSourceId') }),
		/^Resume Source ID "linkedin" is not a Feishu ID \(19 digits\) \(item 1\)$/,
	],
	[
		'Create or Update by email without an email',
		upsert({ name: 'A' }),
		/^Email is empty \(item 1\)$/,
	],
	[
		'Create or Update of a row without a name',
		upsert({ email: 'x@example.org' }),
		/^Name is empty \(item 1\)$/,
	],
	[
		'Create or Update by mobile with letters in the number',
		writeTalents(
			'upsert',
			[
				{ name: 'A', mobile: '13900001111' },
				{ name: 'B', mobile: 'call me' },
			],
			{
				identifyBy: 'mobile',
			},
		),
		/^Mobile Number "call me" is not a mobile number/,
	],
	[
		'an Update that sets nothing',
		update({ email: '={{ "" }}' }),
		/^Update Fields sets nothing \(item 0\)$/,
	],
	[
		'an Update of a Talent ID that is no ID',
		update({ name: 'A' }, 'abc'),
		/^Talent ID "abc" is not a Feishu ID \(19 digits\) \(item 0\)$/,
	],
	[
		'an Update to an email that is not one',
		update({ email: 'nope' }),
		/^Email "nope" is not an email address \(item 0\)$/,
	],
	[
		'Get Many after a time that is not one',
		getMany({ updatedAfter: 'yesterday-ish' }),
		/^Updated After "yesterday-ish" is not a date and time \(item 0\)$/,
	],
	[
		'Get Many with the window upside down',
		getMany({ updatedAfter: '2026-12-02T00:00:00Z', updatedBefore: '2026-12-01T00:00:00Z' }),
		/^Updated Before is earlier than Updated After \(item 0\)$/,
	],
];

it.each(cases)(
	'%s: a NodeOperationError naming the field and the item, nothing sent',
	async (_case, run, message) => {
		const { error } = await t.n8n.run(run);
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: expect.stringMatching(message),
		});
		for (const endpoint of [
			'createTalent',
			'updateTalent',
			'findTalents',
			'listTalents',
			'getTalentV1',
		] as const)
			expect(t.emulator.requests(endpoint)).toHaveLength(0);
	},
);

it('with Continue On Fail the bad item carries its error and the others are written', async () => {
	const { items, error } = await t.n8n.run({
		...create({ name: 'A', email: 'not-an-email' }),
		continueOnFail: true,
	});
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ created: true });
	expect(items[1].json.error).toMatch(/^Email "not-an-email" is not an email address \(item 1\)$/);
	expect(t.emulator.requests('createTalent')).toHaveLength(1);
});
