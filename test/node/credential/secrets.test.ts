import { captureOutput } from '../../helpers/console';
import { perTalentAdds, useEmulator } from '../../helpers/fixture';
import { changeByKey, findTalents, getTalent } from '../../helpers/talents';

const SECRET = 'S3CRET-recognisable-app-secret-7f1bcd13';
const t = useEmulator({ appSecret: SECRET });

it('neither the app secret nor any token appears in output items, errors or log lines', async () => {
	const seen: unknown[] = [];
	const pool = t.emulator.data.pools[0].id;
	const add = (talents: string[], continueOnFail = false, credentialId?: string) =>
		t.n8n.run(perTalentAdds(pool, talents, { continueOnFail, credentialId }));

	const logged = await captureOutput(async () => {
		seen.push(
			await t.n8n.run({
				parameters: { resource: 'talentPool', operation: 'getAll', returnAll: true },
			}),
		);
		seen.push(await add(t.emulator.data.talentIds.slice(0, 5)));
		seen.push(await add(['7000000000000000001']));
		seen.push(await add([t.emulator.data.talentIds[9], '7000000000000000001'], true));
		t.emulator.expireTokensAfter(2);
		seen.push(await add(t.emulator.data.talentIds.slice(10, 20)));
		t.emulator.setFaults({ seed: 2, errorRate: 0.2, dropRate: 0.2 });
		seen.push(await add(t.emulator.data.talentIds.slice(20, 40)));
		t.emulator.setFaults({ dropRate: 1 });
		seen.push(await add(t.emulator.data.talentIds.slice(40, 41)));
		t.emulator.setFaults({});
		const emails = [
			{ email: t.emulator.data.talents[0].basic_info.email },
			{ email: 'nobody.here@example.com' },
		];
		seen.push(await t.n8n.run(findTalents('email', emails, { errorWhenNotFound: true })));
		seen.push(
			await t.n8n.run({ ...changeByKey('addTalent', pool, 'email', emails), continueOnFail: true }),
		);
		seen.push(await t.n8n.run(getTalent(['7000000000000000001'])));
		seen.push(await t.n8n.searchPools('Engineers'));
		seen.push(await t.n8n.testCredential(t.credentialId));
		const wrong = t.n8n.addCredential({ appSecret: `${SECRET}-wrong` }, 'wrong');
		seen.push(await t.n8n.testCredential(wrong));
		seen.push(await add(t.emulator.data.talentIds.slice(50, 51), false, wrong));
		seen.push(await add(t.emulator.data.talentIds.slice(50, 51), true, wrong));
	});

	const tokens = t.emulator.issuedTokens();
	expect(tokens.length).toBeGreaterThanOrEqual(2);
	const everything = `${JSON.stringify(seen)}\n${logged}`;
	expect(everything).toContain('Feishu error 1002102');
	expect(everything).toContain('No talent in Feishu Hire with email nobody.here@example.com');
	expect(everything).toContain('app secret invalid');
	for (const secret of [SECRET, ...tokens]) expect(everything).not.toContain(secret);
});
