import { perTalentAdds } from '../../test/helpers/fixture';
import { membershipParameters } from '../../test/helpers/parameters';
import { s, table, timed, withEmulator } from './common';

export interface OutageRow {
	case: string;
	talents: number;
	wallMs: number;
	/** Requests Feishu saw for the adds (none can be counted when nothing listens). */
	requests?: number;
	failedItems: number;
	/** Items that carry neither an output nor an error. */
	silent: number;
	target: string;
}

/** Per-talent moves (Remove From Other Pools on: one request per talent) while every request fails. */
export async function outageRow(
	talents: number,
	how: 'HTTP 500' | 'refused',
	continueOnFail: boolean,
): Promise<OutageRow> {
	return await withEmulator({ talents, faults: { errorRate: 1 } }, async (emulator, n8n) => {
		if (how === 'refused') await emulator.close();
		const parameters = membershipParameters('addTalent', emulator.data.pools[0].id, {
			removeFromOtherPools: true,
		});
		const [result, wallMs] = await timed(() =>
			n8n.run({
				parameters,
				items: emulator.data.talentIds.map((talent) => ({ talent })),
				continueOnFail,
			}),
		);
		const errors = result.items.filter((item) => item.json.error !== undefined).length;
		return {
			case: `${how}, ${continueOnFail ? 'Continue On Fail' : 'stops at the first error'}`,
			talents,
			wallMs,
			requests: how === 'refused' ? undefined : emulator.requests('addTalent').length,
			failedItems: continueOnFail ? errors : result.error ? 1 : 0,
			silent: continueOnFail ? talents - result.items.length : 0,
			target: talents <= 200 || !continueOnFail ? '30 s' : '60 s',
		};
	});
}

export interface RecoveryRow {
	outageMs: number;
	executions: number;
	failedDuringOutage: number;
	recoveredAfterMs: number;
	failedAfterRecovery: number;
}

/**
 * Executions of 20 per-talent adds back to back, as a trigger or schedule brings them, while
 * Feishu is down for 20 s and then healthy: how soon after Feishu is back the adds succeed.
 */
export async function recoveryRow(outageMs = 20_000, totalMs = 35_000): Promise<RecoveryRow> {
	return await withEmulator({ talents: 3000, faults: { errorRate: 1 } }, async (emulator, n8n) => {
		const pool = emulator.data.pools[0].id;
		const started = Date.now();
		let recoveredAt: number | undefined;
		const healthy = setTimeout(() => {
			emulator.setFaults({});
			recoveredAt = Date.now();
		}, outageMs);
		const row: RecoveryRow = {
			outageMs,
			executions: 0,
			failedDuringOutage: 0,
			recoveredAfterMs: NaN,
			failedAfterRecovery: 0,
		};
		let next = 0;
		try {
			while (Date.now() - started < totalMs) {
				const talents = emulator.data.talentIds.slice(next, next + 20);
				next += 20;
				const startedRun = Date.now();
				const { items } = await n8n.run({ ...perTalentAdds(pool, talents), continueOnFail: true });
				row.executions++;
				const failed = items.filter((item) => item.json.error !== undefined).length;
				if (recoveredAt === undefined || startedRun < recoveredAt) row.failedDuringOutage += failed;
				else if (failed === 0 && Number.isNaN(row.recoveredAfterMs))
					row.recoveredAfterMs = Date.now() - recoveredAt;
				else if (!Number.isNaN(row.recoveredAfterMs)) row.failedAfterRecovery += failed;
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
		} finally {
			clearTimeout(healthy);
		}
		return row;
	});
}

export async function runOutage(): Promise<{ outage: OutageRow[]; recovery: RecoveryRow[] }> {
	const outage: OutageRow[] = [];
	const recovery: RecoveryRow[] = [];
	console.log(
		'\nFeishu down (every request fails), per-talent moves, 10 in flight: time until every item has its error:\n',
	);
	for (const [talents, how, continueOnFail] of [
		[200, 'HTTP 500', true],
		[3000, 'HTTP 500', true],
		[3000, 'refused', true],
		[200, 'HTTP 500', false],
	] as const)
		outage.push(await outageRow(talents, how, continueOnFail));
	console.log(
		table(
			['case', 'talents', 'wall', 'target', 'requests sent', 'items failed', 'items silent'],
			outage.map((row) => [
				row.case,
				String(row.talents),
				s(row.wallMs),
				`<= ${row.target}`,
				row.requests === undefined ? '- (nothing listens)' : String(row.requests),
				String(row.failedItems),
				String(row.silent),
			]),
		),
	);
	console.log(
		'\nFeishu down for 20 s, then healthy; executions of 20 per-talent adds back to back for 35 s:\n',
	);
	recovery.push(await recoveryRow());
	console.log(
		table(
			[
				'outage',
				'executions',
				'items failed during the outage',
				'first full success after recovery',
				'items failed after it',
			],
			recovery.map((row) => [
				s(row.outageMs),
				String(row.executions),
				String(row.failedDuringOutage),
				`${s(row.recoveredAfterMs)} (cool-down 5 s)`,
				String(row.failedAfterRecovery),
			]),
		),
	);
	return { outage, recovery };
}
