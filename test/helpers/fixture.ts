import type { INodeParameterResourceLocator } from 'n8n-workflow';

import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator';
import { N8nHarness } from './n8n';

export interface Fixture {
	emulator: Emulator;
	n8n: N8nHarness;
	/** The stored credential's ID. */
	credentialId: string;
}

/** A fresh emulator and n8n harness with one stored credential for every test of the file. */
export function useEmulator(options: EmulatorOptions = {}): Fixture {
	const fixture = {} as Fixture;
	beforeEach(async () => {
		fixture.emulator = await startEmulator({ rateLimits: false, ...options });
		fixture.n8n = new N8nHarness(fixture.emulator);
		fixture.credentialId = fixture.n8n.addCredential();
	});
	afterEach(async () => {
		await fixture.emulator.close();
	});
	return fixture;
}

export const byId = (value: string): INodeParameterResourceLocator => ({ __rl: true, mode: 'id', value });
export const fromList = (value: string): INodeParameterResourceLocator => ({ __rl: true, mode: 'list', value });

/** Page sizes the emulator was asked for, in order. */
export function requestedPageSizes(emulator: Emulator): number[] {
	return emulator.requests('listPools').map((entry) => Number(new URLSearchParams(entry.query).get('page_size')));
}
