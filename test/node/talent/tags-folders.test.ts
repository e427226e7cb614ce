import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_SCOPES, SCOPE_TAG_READ, TALENT_FOLDERS, TALENT_TAGS } from '../../../emulator';
import { useEmulator } from '../../helpers/fixture';

/** Talent → Add Tags / Remove Tags and Add to Folder / Remove from Folder: each safe to run twice. */
const [OFFER, REFERRAL, HIGH_POTENTIAL, RETIRED] = TALENT_TAGS.map((tag) => tag.id);
const [CAMPUS_FOLDER, SALES_FOLDER] = TALENT_FOLDERS.map((folder) => folder.folder_id);
const tagRun = (operation: string, talentId: string, tagIds: unknown, options = {}) => ({
	parameters: { resource: 'talent', operation, talentId, tagIds, options },
});

describe('Talent → Add Tags / Remove Tags, reading the talent’s tags', () => {
	const t = useEmulator();
	const talent = (index: number) => t.emulator.data.talentIds[index];

	it('adds only the tags the talent lacks, in one request', async () => {
		await t.n8n.run(tagRun('addTags', talent(0), [OFFER]));
		const { items, error } = await t.n8n.run(tagRun('addTags', talent(0), [OFFER, REFERRAL]));
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			talent_id: talent(0),
			tag_ids: [OFFER, REFERRAL],
			added_tag_ids: [REFERRAL],
			changed: true,
		});
		expect(t.emulator.tagsOf(talent(0)).sort()).toEqual([OFFER, REFERRAL].sort());
		expect(t.emulator.requests('tagTalent').map((entry) => entry.body)).toEqual([
			{ operation: 1, tag_id_list: [OFFER] },
			{ operation: 1, tag_id_list: [REFERRAL] },
		]);
	});

	it('tags it has already: no request, changed false (or an error with Fail If Already So)', async () => {
		await t.n8n.run(tagRun('addTags', talent(1), [OFFER]));
		const again = await t.n8n.run(tagRun('addTags', talent(1), [OFFER]));
		expect(again.items[0].json).toMatchObject({ added_tag_ids: [], changed: false });
		expect(t.emulator.requests('tagTalent')).toHaveLength(1);
		const strict = await t.n8n.run(
			tagRun('addTags', talent(1), [OFFER], { failIfUnchanged: true }),
		);
		expect(strict.error?.message).toContain('The talent has these tags already');
	});

	it('removes only the tags the talent has; removing again is no change', async () => {
		await t.n8n.run(tagRun('addTags', talent(2), [OFFER, HIGH_POTENTIAL]));
		const first = await t.n8n.run(tagRun('removeTags', talent(2), [OFFER, REFERRAL]));
		expect(first.items[0].json).toMatchObject({ removed_tag_ids: [OFFER], changed: true });
		expect(t.emulator.tagsOf(talent(2))).toEqual([HIGH_POTENTIAL]);
		const again = await t.n8n.run(tagRun('removeTags', talent(2), [OFFER]));
		expect(again.items[0].json).toMatchObject({ removed_tag_ids: [], changed: false });
	});

	it("a disabled tag is Feishu's 1002112 with the hint, and nothing changes", async () => {
		const { error } = await t.n8n.run(tagRun('addTags', talent(3), [OFFER, RETIRED]));
		expect(error).toMatchObject({
			message: expect.stringContaining('1002112'),
			description: expect.stringContaining('disabled'),
		});
		expect(t.emulator.tagsOf(talent(3))).toEqual([]);
	});

	it('the tag picker lists the enabled tags by their names', async () => {
		const { options } = await t.n8n.loadOptions('getTalentTags', {});
		expect(options.map((option) => option.value).sort()).toEqual(
			TALENT_TAGS.filter((tag) => tag.active_status === 1)
				.map((tag) => tag.id)
				.sort(),
		);
		expect(options.map((option) => option.name)).toContain('内推 · Referral');
	});

	it.each([
		['no tag', tagRun('addTags', '7012345678901234567', '={{ [] }}'), 'Tag Names or IDs'],
		[
			'a tag ID that is no Feishu ID',
			tagRun('addTags', '7012345678901234567', ['vip']),
			'Tag Names or IDs',
		],
		['a Talent ID with letters', tagRun('removeTags', 'abc', [OFFER]), 'Talent ID'],
	])(
		'refuses %s before anything is sent, naming the parameter and the item',
		async (_case, run, label) => {
			const { error } = await t.n8n.run(run);
			expect(error).toMatchObject({
				message: expect.stringMatching(new RegExp(`^${label} .*\\(item 0\\)$`)),
			});
			expect(t.emulator.log).toHaveLength(0);
		},
	);
});

describe('Talent → Add Tags without the field scope that shows a talent’s tags', () => {
	const t = useEmulator({ scopes: DEFAULT_SCOPES.filter((scope) => scope !== SCOPE_TAG_READ) });
	const talent = (index: number) => t.emulator.data.talentIds[index];

	it('sends one tag per request and takes 1002113 / 1002114 as already so', async () => {
		await t.n8n.run(tagRun('addTags', talent(5), [OFFER]));
		const { items } = await t.n8n.run(tagRun('addTags', talent(5), [OFFER, REFERRAL]));
		expect(items[0].json).toMatchObject({ added_tag_ids: [REFERRAL], changed: true });
		expect(t.emulator.tagsOf(talent(5)).sort()).toEqual([OFFER, REFERRAL].sort());
		const removed = await t.n8n.run(tagRun('removeTags', talent(5), [REFERRAL, HIGH_POTENTIAL]));
		expect(removed.items[0].json).toMatchObject({ removed_tag_ids: [REFERRAL], changed: true });
		const codes = t.emulator.requests('tagTalent').map((entry) => entry.code);
		expect(codes).toEqual([0, 1002113, 0, 0, 1002114]);
	});
});

describe('Talent → Add to Folder / Remove from Folder', () => {
	const t = useEmulator();
	const talent = (index: number) => t.emulator.data.talentIds[index];
	const folderRun = (operation: string, folderId: string, rows: IDataObject[], extra = {}) => ({
		parameters: {
			resource: 'talent',
			operation,
			folderId,
			identifyBy: 'talentId',
			talentId: '={{ $json.talent }}',
			...extra,
		},
		items: rows,
	});

	it('adds 450 talents in three requests of at most 200, each talent once', async () => {
		const rows = Array.from({ length: 450 }, (_row, index) => ({ talent: talent(index % 440) }));
		const { items, error } = await t.n8n.run(folderRun('addToFolder', CAMPUS_FOLDER, rows));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(450);
		expect(items.every((item) => item.json.added === true)).toBe(true);
		const sizes = t.emulator
			.requests('addToFolder')
			.map((entry) => (entry.body as { talent_id_list: string[] }).talent_id_list.length);
		expect(sizes).toEqual([200, 200, 40]);
		expect(t.emulator.folderMembers(CAMPUS_FOLDER)).toHaveLength(440);
	});

	it('adds by email, as Add Talent finds talents', async () => {
		const { email, talent_id } = t.emulator.talents(7, 1)[0];
		const { items } = await t.n8n.run({
			parameters: {
				resource: 'talent',
				operation: 'addToFolder',
				folderId: SALES_FOLDER,
				identifyBy: 'email',
				email,
			},
		});
		expect(items[0].json).toEqual({ folder_id: SALES_FOLDER, talent_id, added: true });
		expect(t.emulator.folderMembers(SALES_FOLDER)).toEqual([talent_id]);
	});

	it('removes talents; those not in the folder come out as removed: false', async () => {
		await t.n8n.run(folderRun('addToFolder', CAMPUS_FOLDER, [{ talent: talent(0) }]));
		const { items } = await t.n8n.run(
			folderRun('removeFromFolder', CAMPUS_FOLDER, [{ talent: talent(0) }, { talent: talent(1) }]),
		);
		expect(items.map((item) => item.json)).toEqual([
			{ folder_id: CAMPUS_FOLDER, talent_id: talent(0), removed: true },
			{ folder_id: CAMPUS_FOLDER, talent_id: talent(1), removed: false },
		]);
		expect(t.emulator.folderMembers(CAMPUS_FOLDER)).toEqual([]);
	});

	it("an unknown talent is Feishu's 1002102 on the items of its request; Continue On Fail goes on", async () => {
		const { items } = await t.n8n.run({
			...folderRun('addToFolder', CAMPUS_FOLDER, [{ talent: '6999999999999999999' }]),
			continueOnFail: true,
		});
		expect(items[0].json.error).toEqual(expect.stringContaining('1002102'));
	});

	it('the folder picker lists the folders by name', async () => {
		const { options } = await t.n8n.loadOptions('getTalentFolders', {});
		expect(options.map((option) => option.value).sort()).toEqual(
			TALENT_FOLDERS.map((folder) => folder.folder_id).sort(),
		);
	});

	it.each([
		[
			'a Folder that is no Feishu ID',
			folderRun('addToFolder', 'campus', [{ talent: '7012345678901234567' }]),
			'Folder',
		],
		[
			'a Talent ID that is a number',
			folderRun('removeFromFolder', CAMPUS_FOLDER, [{ talent: 7012345678901234 }]),
			'Talent ID',
		],
	])(
		'refuses %s before anything is sent, naming the parameter and the item',
		async (_case, run, label) => {
			const { error } = await t.n8n.run(run);
			expect(error).toMatchObject({
				message: expect.stringMatching(new RegExp(`^${label} .*\\(item 0\\)$`)),
			});
			expect(t.emulator.log).toHaveLength(0);
		},
	);
});
