import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';
import { N8nHarness, type RunOptions } from './n8n';
import { fromList, membershipParameters } from './parameters';

export { byId, fromList } from './parameters';

export interface Fixture {
	emulator: Emulator;
	n8n: N8nHarness;
	/** The stored credential's ID. */
	credentialId: string;
}

/** An emulator (rate limits off unless given) and an n8n harness with one stored credential. */
export async function startFixture(options: EmulatorOptions = {}): Promise<Fixture> {
	const emulator = await startEmulator({ rateLimits: false, ...options });
	const n8n = new N8nHarness(emulator);
	return { emulator, n8n, credentialId: n8n.addCredential() };
}

/** A fresh fixture for every test of the file (or of the describe block it is called in). */
export function useEmulator(options: EmulatorOptions = {}): Fixture {
	const fixture = {} as Fixture;
	beforeEach(async () => {
		Object.assign(fixture, await startFixture(options));
	});
	afterEach(async () => {
		await fixture.emulator.close();
	});
	return fixture;
}

/** An Add Talent run that sends one request per talent (batching off), one input item `{ talent }` each. */
export function perTalentAdds(
	poolId: string,
	talents: string[],
	options: Omit<RunOptions, 'parameters' | 'items'> = {},
): RunOptions {
	return {
		parameters: membershipParameters('addTalent', fromList(poolId), {
			options: { batching: false },
		}),
		items: talents.map((talent) => ({ talent })),
		...options,
	};
}

/** Page sizes the emulator was asked for, in order. */
export function requestedPageSizes(emulator: Emulator): number[] {
	return emulator
		.requests('listPools')
		.map((entry) => Number(new URLSearchParams(entry.query).get('page_size')));
}
