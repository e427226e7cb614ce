import {
	startEmulator,
	type Emulator,
	type EmulatorOptions,
	type FaultOptions,
} from '../../emulator';
import { N8nHarness } from '../../test/helpers/n8n';
import { membershipParameters } from '../../test/helpers/parameters';

/** The faults of the "with faults" tables. */
export const FAULTS: FaultOptions = { seed: 7, errorRate: 0.1, dropRate: 0.05 };

/** Add Talent on one pool, the talent read from each item's `talent`. */
export const addTalentParameters = (poolId: string, batching: boolean) =>
	membershipParameters('addTalent', poolId, { options: { batching } });

/** An emulator and an n8n harness with one stored credential, for one scenario. */
export async function withEmulator<T>(
	options: EmulatorOptions,
	work: (emulator: Emulator, n8n: N8nHarness) => Promise<T>,
): Promise<T> {
	const emulator = await startEmulator(options);
	const n8n = new N8nHarness(emulator);
	n8n.addCredential();
	try {
		return await work(emulator, n8n);
	} finally {
		await emulator.close();
	}
}

export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
	const started = process.hrtime.bigint();
	const result = await work();
	return [result, Number(process.hrtime.bigint() - started) / 1e6];
}

/** "840 ms", "19.61 s". */
export const s = (ms: number) =>
	ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;

/** A Markdown table, columns padded. */
export function table(headers: string[], rows: string[][]): string {
	const widths = headers.map((header, column) =>
		Math.max(header.length, ...rows.map((row) => row[column].length)),
	);
	const line = (cells: string[]) =>
		`| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	return [
		line(headers),
		`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
		...rows.map(line),
	].join('\n');
}
