import { perTalentAdds, useEmulator } from '../../helpers/fixture';

const t = useEmulator();
const listAll = { resource: 'talentPool', operation: 'getAll', returnAll: true };
const addTalents = (count: number) =>
	perTalentAdds(t.emulator.data.pools[0].id, t.emulator.data.talentIds.slice(0, count));

describe('tenant access token', () => {
	it('is fetched by preAuthentication, saved in the credential, and reused by the next execution', async () => {
		expect(t.n8n.storedToken()).toBe('');
		await t.n8n.run({ parameters: listAll });
		const saved = t.n8n.storedToken();
		expect(saved).toMatch(/^t-/);
		await t.n8n.run({ parameters: listAll });
		expect(t.emulator.stats().tokensIssued).toBe(1);
		expect(t.emulator.requests('token')).toHaveLength(1);
		expect(t.n8n.storedToken()).toBe(saved);
	});

	it('is fetched once when many requests start together', async () => {
		const { items, error } = await t.n8n.run(addTalents(30));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(30);
		expect(t.emulator.requests('token')).toHaveLength(1);
	});

	it('expired mid-pagination: renewed once, the page repeated, no pool missing or doubled', async () => {
		await t.n8n.run({ parameters: { ...listAll, returnAll: false, limit: 1 } });
		const first = t.n8n.storedToken();
		t.emulator.expireTokensAfter(1);
		const { items, error } = await t.n8n.run({ parameters: listAll });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(t.emulator.data.pools.map((pool) => pool.id));
		expect(t.emulator.requests('token')).toHaveLength(2);
		const codes = t.emulator.requests('listPools').map((entry) => entry.code);
		expect(codes).toEqual([0, 0, 99991663, 0, 0]);
		expect(t.n8n.storedToken()).not.toBe(first);
	});

	it('after a renewal, the next execution uses the new token without asking again', async () => {
		await t.n8n.run({ parameters: listAll });
		t.emulator.expireTokens();
		await t.n8n.run({ parameters: listAll });
		await t.n8n.run({ parameters: listAll });
		expect(t.emulator.requests('token')).toHaveLength(2);
	});

	it('expired in the middle of 40 concurrent adds: one renewal, every talent added', async () => {
		await t.n8n.run({ parameters: { ...listAll, returnAll: false, limit: 1 } });
		t.emulator.expireTokensAfter(15);
		const { items, error } = await t.n8n.run(addTalents(40));
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.talent_id)).toEqual(
			t.emulator.data.talentIds.slice(0, 40),
		);
		expect(t.emulator.members(t.emulator.data.pools[0].id)).toHaveLength(40);
		expect(t.emulator.requests('token')).toHaveLength(2);
	});

	it('uses a token another execution already saved instead of fetching one', async () => {
		await t.n8n.run({ parameters: listAll });
		const stale = t.n8n.storedToken() as string;
		t.emulator.expireTokens();
		await t.n8n.run({ parameters: listAll });
		const fresh = t.n8n.storedToken() as string;
		// This execution starts with the stale token, as one started before the renewal would.
		t.n8n.credentials.store.get(t.credentialId)!.data.tenantAccessToken = stale;
		const started = t.n8n.run({ parameters: listAll });
		t.n8n.credentials.store.get(t.credentialId)!.data.tenantAccessToken = fresh;
		expect((await started).items).toHaveLength(237);
		expect(t.emulator.requests('token')).toHaveLength(2);
	});
});
