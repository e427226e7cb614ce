import { addTalentParameters, s, table, timed, withEmulator } from './common';

export interface ConcurrencyRow {
	executions: number;
	talents: number;
	wallMs: number;
	/** Admitted in any of the emulator's (the gateway's) whole seconds and minutes. */
	gatewayPeakPerSecond: number;
	gatewayPeakPerMinute: number;
	/** Admitted in any 60 s: above 1000 when the gateway's minute renewed in between. */
	peakPerMinute: number;
	rateLimited: number;
	lost: number;
}

/** Executions sharing one credential in one process, at the documented limits. */
export async function concurrencyRow(executions: number): Promise<ConcurrencyRow> {
	return await withEmulator({ talents: executions * 500 }, async (emulator, n8n) => {
		const [, wallMs] = await timed(() =>
			Promise.all(
				Array.from({ length: executions }, (_, e) =>
					n8n.run({
						parameters: addTalentParameters(emulator.data.pools[e].id, false),
						items: emulator.data.talentIds
							.slice(e * 500, e * 500 + 500)
							.map((talent) => ({ talent })),
					}),
				),
			),
		);
		const stats = emulator.stats().endpoints.addTalent;
		const lost = Array.from({ length: executions }, (_, e) => {
			const members = new Set(emulator.members(emulator.data.pools[e].id));
			return emulator.data.talentIds
				.slice(e * 500, e * 500 + 500)
				.filter((talent) => !members.has(talent)).length;
		}).reduce((a, b) => a + b, 0);
		return {
			executions,
			talents: executions * 500,
			wallMs,
			gatewayPeakPerSecond: stats.gatewayPeakPerSecond,
			gatewayPeakPerMinute: stats.gatewayPeakPerMinute,
			peakPerMinute: stats.peakPerMinute,
			rateLimited: stats.rateLimited,
			lost,
		};
	});
}

/** The table: two and four executions at once. */
export async function runConcurrency(): Promise<ConcurrencyRow[]> {
	const rows: ConcurrencyRow[] = [];
	console.log(
		'\nConcurrent executions sharing one credential, 500 per-talent adds each (documented limits 50/s, 1000/min):\n',
	);
	for (const executions of [2, 4]) rows.push(await concurrencyRow(executions));
	console.log(
		table(
			[
				'executions',
				'talents',
				'wall',
				"peak in a gateway's second (<= 50)",
				"peak in a gateway's minute (<= 1000)",
				'peak in any 60 s',
				'429s',
				'lost',
			],
			rows.map((row) => [
				String(row.executions),
				String(row.talents),
				s(row.wallMs),
				String(row.gatewayPeakPerSecond),
				String(row.gatewayPeakPerMinute),
				String(row.peakPerMinute),
				String(row.rateLimited),
				String(row.lost),
			]),
		),
	);
	return rows;
}
