import { SCOPE_READ } from '../../../emulator';
import { useEmulator } from '../../helpers/fixture';

describe('credential test', () => {
	const t = useEmulator();

	it('succeeds with the right app ID and secret, listing one pool', async () => {
		expect(await t.n8n.testCredential(t.credentialId)).toEqual({
			status: 'OK',
			message: 'Connection tested successfully',
		});
		expect(t.emulator.requests('listPools').map((entry) => entry.query)).toEqual(['page_size=1']);
		expect(t.n8n.storedToken()).toMatch(/^t-/);
	});

	it("shows Feishu's message and code for a wrong secret, without the secret", async () => {
		const id = t.n8n.addCredential({ appSecret: 'wrong-secret-value' }, 'wrong');
		const result = await t.n8n.testCredential(id);
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'Feishu did not issue a tenant access token: app secret invalid (code 10014). Check the App Secret (Developer Console → Credentials & Basic Info).',
		);
		expect(result.message).not.toContain('wrong-secret-value');
		expect(t.emulator.requests('listPools')).toHaveLength(0);
	});

	it('names the app ID problem for a wrong app ID', async () => {
		const id = t.n8n.addCredential({ appId: 'cli_unknown' }, 'wrong');
		expect((await t.n8n.testCredential(id)).message).toMatch(
			/invalid param \(code 10003\)\. Check the App ID/,
		);
	});

	it('says the host could not be reached', async () => {
		const id = t.n8n.addCredential({ baseUrl: 'http://127.0.0.1:1' }, 'down');
		expect((await t.n8n.testCredential(id)).message).toBe(
			'Could not reach http://127.0.0.1:1 to get a tenant access token (ECONNREFUSED)',
		);
	});

	it('rejects an unusable base URL before sending anything', async () => {
		const id = t.n8n.addCredential({ baseUrl: 'http://feishu.example.com' }, 'http');
		expect((await t.n8n.testCredential(id)).message).toMatch(
			/plain http:\/\/ to feishu\.example\.com/,
		);
		expect(t.emulator.log).toEqual([]);
	});
});

describe('credential test without the Hire scope', () => {
	const t = useEmulator({ scopes: [] });

	it('explains which scope to grant', async () => {
		const result = await t.n8n.testCredential(t.credentialId);
		expect(result.status).toBe('Error');
		expect(result.message).toContain(SCOPE_READ);
	});

	it('the node shows Feishu 99991672 with the same hint', async () => {
		const { error } = await t.n8n.run({
			parameters: { resource: 'talentPool', operation: 'getAll', limit: 1 },
		});
		expect(error?.message).toMatch(/^Feishu error 99991672: Access denied/);
		expect(error?.description).toContain('hire:talent_folder');
	});
});
