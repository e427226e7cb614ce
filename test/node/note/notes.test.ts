import { useEmulator } from '../../helpers/fixture';

/**
 * Note → Create, Get Many, Update and Delete against the emulator. Creating a note is not
 * idempotent in Feishu: a rerun, a repeated row and a lost answer each leave one note.
 */
const t = useEmulator();
const talentId = (index: number) => t.emulator.data.talentIds[2000 + index];
const applicationOf = (index: number) => t.emulator.applications()[index];
const create = (extra: Record<string, unknown>) => ({
	parameters: { resource: 'note', operation: 'create', ...extra },
});
const note = (id: string, content: string, extra: Record<string, unknown> = {}) =>
	create({ talentId: id, content, ...extra });

describe('Note → Create', () => {
	it('leaves a public note on a talent and outputs it with ISO times and created: true', async () => {
		const id = talentId(0);
		const { items, error } = await t.n8n.run(note(id, 'Strong Go background'));
		expect(error).toBeUndefined();
		const [stored] = t.emulator.notes(id);
		expect(items[0].json).toMatchObject({
			note_id: stored.id,
			talent_id: id,
			content: 'Strong Go background',
			is_private: false,
			privacy: 'public',
			created_at: new Date(stored.create_time).toISOString(),
			created: true,
		});
		expect(typeof items[0].json.note_id).toBe('string');
		expect(t.emulator.requests('createNote')[0].body).toEqual({
			talent_id: id,
			content: 'Strong Go background',
			privacy: 2,
		});
	});

	it('ties a private note to an application of the talent', async () => {
		const application = applicationOf(3);
		const { items } = await t.n8n.run(
			note(application.talent_id, 'Offer approved', {
				applicationId: application.id,
				privacy: 'private',
			}),
		);
		expect(items[0].json).toMatchObject({
			application_id: application.id,
			is_private: true,
			privacy: 'private',
		});
		expect(t.emulator.notes(application.talent_id)).toHaveLength(1);
	});

	it('the same run twice and the same row twice leave one note; the repeats are created: false', async () => {
		const id = talentId(1);
		const run = {
			parameters: create({ talentId: '={{ $json.talent }}', content: '={{ $json.text }}' })
				.parameters,
			items: [
				{ talent: id, text: 'Called, no answer' },
				{ talent: id, text: 'Called, no answer' },
			],
		};
		const first = await t.n8n.run(run);
		expect(first.items.map((item) => item.json.created)).toEqual([true, false]);
		const again = await t.n8n.run(run);
		expect(again.items.map((item) => item.json.created)).toEqual([false, false]);
		expect(t.emulator.notes(id)).toHaveLength(1);
		expect(new Set([...first.items, ...again.items].map((item) => item.json.note_id)).size).toBe(1);
		const strict = await t.n8n.run(
			note(id, 'Called, no answer', { options: { failIfUnchanged: true } }),
		);
		expect(strict.error?.message).toContain('The talent has this note already');
	});

	it('another content, application or privacy is another note', async () => {
		const application = applicationOf(4);
		const id = application.talent_id;
		await t.n8n.run(note(id, 'Follow up'));
		await t.n8n.run(note(id, 'Follow up', { privacy: 'private' }));
		await t.n8n.run(note(id, 'Follow up', { applicationId: application.id }));
		await t.n8n.run(note(id, 'Follow up later'));
		expect(t.emulator.notes(id)).toHaveLength(4);
	});

	it('a create whose answer is lost after Feishu applied it is looked up, not sent again', async () => {
		t.emulator.setFaults({ lostWriteAnswerRate: 1 });
		const rows = Array.from({ length: 4 }, (_row, index) => ({ talent: talentId(10 + index) }));
		const { items, error } = await t.n8n.run({
			parameters: create({ talentId: '={{ $json.talent }}', content: 'Referred by Wang Wei' })
				.parameters,
			items: rows,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.created)).toEqual([true, true, true, true]);
		expect(t.emulator.requests('createNote')).toHaveLength(4);
		// One lookup before each create and one after each lost answer.
		expect(t.emulator.requests('listNotes')).toHaveLength(8);
		for (const [index, row] of rows.entries())
			expect(t.emulator.notes(row.talent).map((one) => one.id)).toEqual([
				items[index].json.note_id,
			]);
	});

	it("an application of another talent is Feishu's 1002002 with the hint; Continue On Fail goes on", async () => {
		const { items } = await t.n8n.run({
			...note(talentId(20), 'Wrong application', { applicationId: applicationOf(5).id }),
			items: [{}, {}],
			continueOnFail: true,
		});
		expect(items[0].json.error).toEqual(expect.stringContaining('1002002'));
		expect(t.emulator.notes(talentId(20))).toHaveLength(0);
	});

	it.each([
		['an empty content', note('7012345678901234567', '   '), 'Content'],
		['a content that is not text', note('7012345678901234567', '={{ 42 }}'), 'Content'],
		['a Talent ID that is no Feishu ID', note('talent-1', 'Hello'), 'Talent ID'],
		[
			'an Application ID that is no Feishu ID',
			note('7012345678901234567', 'Hello', { applicationId: 'app-1' }),
			'Application ID',
		],
		[
			'a Privacy that is neither public nor private',
			note('7012345678901234567', 'Hello', { privacy: 'secret' }),
			'Privacy',
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

describe('Note → Get Many, Update and Delete', () => {
	const seedNotes = async (id: string, applicationId?: string) => {
		await t.n8n.run(note(id, 'First'));
		await t.n8n.run(note(id, 'On the application', { applicationId }));
		await t.n8n.run(note(id, 'Third'));
	};

	it("lists a talent's notes oldest first, all of them or only one application's", async () => {
		const application = applicationOf(6);
		await seedNotes(application.talent_id, application.id);
		const all = await t.n8n.run({
			parameters: {
				resource: 'note',
				operation: 'getAll',
				talentId: application.talent_id,
				returnAll: true,
			},
		});
		expect(all.items.map((item) => item.json.content)).toEqual([
			'First',
			'On the application',
			'Third',
		]);
		const filtered = await t.n8n.run({
			parameters: {
				resource: 'note',
				operation: 'getAll',
				talentId: application.talent_id,
				applicationId: application.id,
				returnAll: true,
			},
		});
		expect(filtered.items.map((item) => item.json.content)).toEqual(['On the application']);
		const limited = await t.n8n.run({
			parameters: {
				resource: 'note',
				operation: 'getAll',
				talentId: application.talent_id,
				limit: 2,
			},
		});
		expect(limited.items).toHaveLength(2);
		expect(t.emulator.requests('listNotes').at(-1)!.query).toContain('page_size=2');
	});

	it('updates the content; the same content again is changed: false without a write', async () => {
		const id = talentId(30);
		const created = await t.n8n.run(note(id, 'Draft'));
		const noteId = created.items[0].json.note_id as string;
		const update = (content: string) => ({
			parameters: { resource: 'note', operation: 'update', noteId, content },
		});
		const first = await t.n8n.run(update('Final'));
		expect(first.items[0].json).toMatchObject({ note_id: noteId, content: 'Final', changed: true });
		const again = await t.n8n.run(update('Final'));
		expect(again.items[0].json).toMatchObject({ changed: false });
		expect(t.emulator.requests('updateNote')).toHaveLength(1);
		expect(t.emulator.notes(id)[0].content).toBe('Final');
	});

	it('deletes a note; deleting it again is deleted: false (or an error with Fail If Already So)', async () => {
		const id = talentId(31);
		const created = await t.n8n.run(note(id, 'Temporary'));
		const remove = (options = {}) => ({
			parameters: {
				resource: 'note',
				operation: 'delete',
				noteId: created.items[0].json.note_id,
				options,
			},
		});
		expect((await t.n8n.run(remove())).items[0].json).toMatchObject({ deleted: true });
		expect(t.emulator.notes(id)).toHaveLength(0);
		expect((await t.n8n.run(remove())).items[0].json).toMatchObject({ deleted: false });
		const strict = await t.n8n.run(remove({ failIfUnchanged: true }));
		expect(strict.error?.message).toContain('The note is deleted already');
	});

	it("an unknown note on Update is Feishu's 1002002 with what to check", async () => {
		const { error } = await t.n8n.run({
			parameters: {
				resource: 'note',
				operation: 'update',
				noteId: '7041205467799999999',
				content: 'x',
			},
		});
		expect(error).toMatchObject({
			message: expect.stringContaining('1002002'),
			description: expect.stringContaining('Note ID'),
		});
	});

	it.each([
		[
			'a Note ID with a slash',
			{ resource: 'note', operation: 'delete', noteId: 'notes/1' },
			'Note ID',
		],
		[
			'an empty Note ID',
			{ resource: 'note', operation: 'update', noteId: '={{ "" }}', content: 'x' },
			'Note ID',
		],
		[
			'an Update without content',
			{
				resource: 'note',
				operation: 'update',
				noteId: '7041205467799530001',
				content: '={{ $json.missing }}',
			},
			'Content',
		],
		[
			'a Get Many without a Talent ID',
			{ resource: 'note', operation: 'getAll', talentId: '={{ "" }}' },
			'Talent ID',
		],
	])(
		'refuses %s before anything is sent, naming the parameter and the item',
		async (_case, parameters, label) => {
			const { error } = await t.n8n.run({ parameters });
			expect(error).toMatchObject({
				message: expect.stringMatching(new RegExp(`^${label} .*\\(item 0\\)$`)),
			});
			expect(t.emulator.log).toHaveLength(0);
		},
	);
});
