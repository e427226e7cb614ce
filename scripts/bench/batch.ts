import { addTalentParameters, FAULTS, s, table, timed, withEmulator } from './common';
import { addFloorMs, batchFloorMs } from './floors';
import type { AddRow } from './adds';

export interface BatchRow {
	talents: number;
	variant: string;
	batchRequests: number;
	perTalentRequests: number;
	wallMs: number;
	floorMs: number;
	overFloor: number;
	perTalentMs: number;
	perTalentMeasured: boolean;
	speedUp: number;
	failedItems: number;
	expectedFailures: number;
	lost: number;
}

export async function batchRow(
	talents: number,
	variant: 'clean' | 'faults' | '1% unknown',
	perTalentWall: Map<number, number>,
): Promise<BatchRow> {
	return await withEmulator(
		{ talents, faults: variant === 'faults' ? FAULTS : undefined },
		async (emulator, n8n) => {
			const ids = emulator.data.talentIds.map((talent, i) =>
				variant === '1% unknown' && i % 100 === 50
					? (7000000000000000000n + BigInt(i)).toString()
					: talent,
			);
			const [result, wallMs] = await timed(() =>
				n8n.run({
					parameters: addTalentParameters(emulator.data.pools[0].id, true),
					items: ids.map((talent) => ({ talent })),
					continueOnFail: true,
				}),
			);
			const members = new Set(emulator.members(emulator.data.pools[0].id));
			const good = ids.filter((id) => !id.startsWith('7000'));
			const measured = perTalentWall.get(talents);
			const perTalentMs = measured ?? addFloorMs(talents);
			return {
				talents,
				variant,
				batchRequests: emulator.requests('batchChange').length,
				perTalentRequests: emulator.requests('addTalent').length,
				wallMs,
				floorMs: batchFloorMs(talents),
				overFloor: wallMs / batchFloorMs(talents),
				perTalentMs,
				perTalentMeasured: measured !== undefined,
				speedUp: perTalentMs / wallMs,
				failedItems: result.items.filter((item) => item.json.error !== undefined).length,
				expectedFailures: ids.length - good.length,
				lost: good.filter((id) => !members.has(id)).length,
			};
		},
	);
}

export function printBatch(rows: BatchRow[]) {
	console.log(
		table(
			[
				'talents',
				'variant',
				'batch requests',
				'per-talent requests',
				'wall',
				'batch floor',
				'wall / floor (target <= 1.1)',
				'per-talent',
				'speed-up',
				'failed items (expected)',
				'lost',
			],
			rows.map((row) => [
				String(row.talents),
				row.variant,
				String(row.batchRequests),
				String(row.perTalentRequests),
				s(row.wallMs),
				s(row.floorMs),
				row.overFloor.toFixed(3),
				`${s(row.perTalentMs)}${row.perTalentMeasured ? '' : ' (floor)'}`,
				`${row.speedUp.toFixed(0)}x`,
				`${row.failedItems} (${row.expectedFailures})`,
				String(row.lost),
			]),
		),
	);
}

/** The table: batches against one request per talent (`add`: the per-talent rows measured before, if any). */
export async function runBatch(quick: boolean, add: AddRow[]): Promise<BatchRow[]> {
	const rows: BatchRow[] = [];
	console.log(
		'\nAdd Talent in batches of 50 (batch endpoint: 10 requests/s), against one request per talent:\n',
	);
	const perTalentWall = new Map(
		add
			.filter((row) => !row.faults && row.where === 'n8n-core')
			.map((row) => [row.talents, row.wallMs]),
	);
	for (const talents of quick ? [3000] : [3000, 20_000]) {
		for (const variant of ['clean', 'faults', '1% unknown'] as const) {
			rows.push(await batchRow(talents, variant, perTalentWall));
		}
	}
	printBatch(rows);
	return rows;
}
