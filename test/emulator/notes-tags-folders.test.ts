import { fetchToken, probe } from '../helpers/probe';
import {
	DEFAULT_SCOPES,
	SCOPE_TALENT_WRITE,
	startEmulator,
	TALENT_FOLDERS,
	TALENT_TAGS,
	type Emulator,
} from '../../emulator';

/** Notes, talent tags and folders, strict to their pages and to the facts sheet's assumptions. */
let emulator: Emulator;
let token: string;
beforeEach(async () => {
	emulator = await startEmulator({ talents: 300, rateLimits: false });
	token = await fetchToken(emulator);
});
afterEach(async () => {
	await emulator.close();
});

const talent = (index: number) => emulator.data.talentIds[index];
const call = async (
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
	path: string,
	body?: unknown,
	query?: string,
) => {
	const { status, data } = await probe(emulator, method, `/open-apis/hire/v1/${path}`, {
		token,
		body,
		query,
	});
	return { status, code: data.code, data: data.data };
};

describe('notes', () => {
	it('creates a note with int ms times and privacy as a bool; lists, patches and deletes it', async () => {
		const created = await call('POST', 'notes', {
			talent_id: talent(0),
			content: 'Hello',
			privacy: 1,
		});
		expect(created.code).toBe(0);
		const { note } = created.data;
		expect(note).toMatchObject({ talent_id: talent(0), is_private: true, content: 'Hello' });
		expect(Number.isInteger(note.create_time)).toBe(true);
		expect(note.id).toMatch(/^\d{19}$/);
		const patched = await call('PATCH', `notes/${note.id}`, { content: 'Bye' });
		expect(patched.data.note).toMatchObject({ id: note.id, content: 'Bye', is_private: true });
		const listed = await call('GET', 'notes', undefined, `talent_id=${talent(0)}`);
		expect(listed.data.items.map((one: { id: string }) => one.id)).toEqual([note.id]);
		expect((await call('DELETE', `notes/${note.id}`)).code).toBe(0);
		expect((await call('GET', `notes/${note.id}`)).code).toBe(1002002);
		expect((await call('DELETE', `notes/${note.id}`)).code).toBe(1002002);
	});

	it('creating the same note twice makes two notes (not idempotent)', async () => {
		for (let i = 0; i < 2; i++)
			await call('POST', 'notes', { talent_id: talent(1), content: 'Same' });
		expect(emulator.notes(talent(1))).toHaveLength(2);
	});

	it.each([
		['no content', { talent_id: '7012345678901234567' }],
		['an unknown talent', { talent_id: '6999999999999999999', content: 'x' }],
		['privacy 3', { talent_id: 'T', content: 'x', privacy: 3 }],
		[
			'a mention without user_id',
			{ talent_id: 'T', content: 'x', mention_entity_list: [{ offset: 0 }] },
		],
		['an unknown field', { talent_id: 'T', content: 'x', colour: 'red' }],
	])('refuses a note with %s: 400 / 1002002', async (_case, body) => {
		const real = { ...body, talent_id: body.talent_id === 'T' ? talent(2) : body.talent_id };
		const { status, code } = await call('POST', 'notes', real);
		expect([status, code]).toEqual([400, 1002002]);
	});

	it("refuses an application that is not the talent's, a patch of privacy, and a list without talent_id or over 200", async () => {
		const [application] = emulator.applications();
		const other = talent(299);
		expect(
			(
				await call('POST', 'notes', {
					talent_id: other,
					application_id: application.id,
					content: 'x',
				})
			).code,
		).toBe(1002002);
		const { data } = await call('POST', 'notes', { talent_id: other, content: 'x' });
		expect((await call('PATCH', `notes/${data.note.id}`, { content: 'y', privacy: 2 })).code).toBe(
			1002002,
		);
		expect((await call('GET', 'notes')).code).toBe(1002002);
		expect((await call('GET', 'notes', undefined, `talent_id=${other}&page_size=201`)).code).toBe(
			1002002,
		);
	});
});

describe('talent tags', () => {
	const [A, B, , DISABLED] = TALENT_TAGS.map((tag) => tag.id);

	it('lists enabled tags 20 a page by default, disabled ones only on request, at most 100 a page', async () => {
		const enabled = await call('GET', 'talent_tags');
		expect(enabled.data.items).toHaveLength(TALENT_TAGS.length - 1);
		const all = await call('GET', 'talent_tags', undefined, 'include_inactive=true');
		expect(all.data.items).toHaveLength(TALENT_TAGS.length);
		expect((await call('GET', 'talent_tags', undefined, 'page_size=101')).code).toBe(1002002);
	});

	it('tags all or nothing: one tag already there (1002113) and the other is not added', async () => {
		expect(
			(await call('POST', `talents/${talent(0)}/tag`, { operation: 1, tag_id_list: [A] })).code,
		).toBe(0);
		const twice = await call('POST', `talents/${talent(0)}/tag`, {
			operation: 1,
			tag_id_list: [B, A],
		});
		expect([twice.status, twice.code]).toEqual([400, 1002113]);
		expect(emulator.tagsOf(talent(0))).toEqual([A]);
		expect(
			(await call('POST', `talents/${talent(0)}/tag`, { operation: 2, tag_id_list: [B] })).code,
		).toBe(1002114);
		expect(
			(await call('POST', `talents/${talent(0)}/tag`, { operation: 1, tag_id_list: [DISABLED] }))
				.code,
		).toBe(1002112);
		expect(
			(
				await call('POST', `talents/${talent(0)}/tag`, {
					operation: 1,
					tag_id_list: ['7000000000000000000'],
				})
			).code,
		).toBe(1002111);
	});

	it('the v2 talent get shows the tags only with the tag field scope', async () => {
		await call('POST', `talents/${talent(3)}/tag`, { operation: 1, tag_id_list: [A] });
		const { data } = await probe(emulator, 'GET', `/open-apis/hire/v2/talents/${talent(3)}`, {
			token,
		});
		expect(data.data.tag_list.map((tag: { id: string }) => tag.id)).toEqual([A]);
		await emulator.close();
		emulator = await startEmulator({ talents: 10, scopes: [SCOPE_TALENT_WRITE] });
		token = await fetchToken(emulator);
		const bare = await probe(emulator, 'GET', `/open-apis/hire/v2/talents/${talent(3)}`, { token });
		expect(bare.data.data).not.toHaveProperty('tag_list');
		expect(bare.data.data).not.toHaveProperty('talent_folder_ref_list_v2');
	});
});

describe('talent folders', () => {
	const [FOLDER] = TALENT_FOLDERS.map((folder) => folder.folder_id);

	it('adds 1 to 200 talents; a talent already there is a no-op and listed; remove answers only those removed', async () => {
		const ids = [talent(0), talent(1)];
		const added = await call('POST', 'talents/add_to_folder', {
			talent_id_list: ids,
			folder_id: FOLDER,
		});
		expect(added.data).toEqual({ talent_id_list: ids, folder_id: FOLDER });
		const again = await call('POST', 'talents/add_to_folder', {
			talent_id_list: ids,
			folder_id: FOLDER,
		});
		expect(again.data.talent_id_list).toEqual(ids);
		const removed = await call('POST', 'talents/remove_to_folder', {
			talent_id_list: [talent(0), talent(5)],
			folder_id: FOLDER,
		});
		expect(removed.data.talent_id_list).toEqual([talent(0)]);
		expect(emulator.folderMembers(FOLDER)).toEqual([talent(1)]);
	});

	it('refuses 201 talents, an unknown talent (1002102) and an unknown folder', async () => {
		const many = emulator.data.talentIds.slice(0, 201);
		expect(
			(await call('POST', 'talents/add_to_folder', { talent_id_list: many, folder_id: FOLDER }))
				.code,
		).toBe(1002002);
		expect(
			(
				await call('POST', 'talents/add_to_folder', {
					talent_id_list: ['6999999999999999999'],
					folder_id: FOLDER,
				})
			).code,
		).toBe(1002102);
		expect(
			(await call('POST', 'talents/add_to_folder', { talent_id_list: [talent(0)], folder_id: '1' }))
				.code,
		).toBe(1002002);
		expect(emulator.folderMembers(FOLDER)).toEqual([]);
	});

	it('remove takes only hire:talent_folder_association; add also hire:talent', async () => {
		await emulator.close();
		emulator = await startEmulator({
			talents: 10,
			scopes: DEFAULT_SCOPES.filter((scope) => scope !== 'hire:talent_folder_association'),
		});
		token = await fetchToken(emulator);
		const body = { talent_id_list: [talent(0)], folder_id: FOLDER };
		expect((await call('POST', 'talents/add_to_folder', body)).code).toBe(0);
		expect((await call('POST', 'talents/remove_to_folder', body)).code).toBe(99991672);
	});
});
