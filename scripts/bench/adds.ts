import { setTimeout as sleep } from 'node:timers/promises';

import { type Emulator } from '../../emulator';
import { DOCUMENTED_ENDPOINT_LIMITS, paceFloorMs } from '../../emulator/rate-limit';
import { addTalentParameters, FAULTS, s, table, timed, withEmulator } from './common';

export interface AddRow {
	talents: number;
	faults: boolean;
	where: string;
	wallMs: number;
	floorMs: number;
	overFloor: number;
	rateLimited: number;
	retries: number;
	failedItems: number;
	lost: number;
}

export function addRowFrom(
	emulator: Emulator,
	talents: number,
	faults: boolean,
	where: string,
	run: { startedAt: number; wallMs: number },
	outputs: Array<Record<string, unknown>>,
): AddRow {
	const { wallMs } = run;
	// From that start: the emulator's minutes are fixed, so a late start gets a new one sooner.
	const floorMs = paceFloorMs(run.startedAt, talents, DOCUMENTED_ENDPOINT_LIMITS.addTalent);
	const pool = emulator.data.pools[0].id;
	const wanted = new Set(emulator.data.talentIds.slice(0, talents));
	const members = new Set(emulator.members(pool));
	const stats = emulator.stats().endpoints.addTalent;
	return {
		talents,
		faults,
		where,
		wallMs,
		floorMs,
		overFloor: wallMs / floorMs,
		rateLimited: stats.rateLimited,
		retries: stats.requests - talents,
		failedItems:
			outputs.filter((json) => json.error !== undefined).length + (talents - outputs.length),
		lost: [...wanted].filter((talent) => !members.has(talent)).length,
	};
}

/** Waits for the given second of the clock's (and the emulator's) minute. */
export async function untilSecondOfMinute(second: number): Promise<void> {
	await sleep((second * 1000 + 60_000 - (Date.now() % 60_000)) % 60_000);
}

/** Per-talent adds through n8n-core; `lateStart` waits for second 30 of a minute first. */
export async function addRow(talents: number, faults: boolean, lateStart = false): Promise<AddRow> {
	return await withEmulator(
		{ talents, faults: faults ? FAULTS : undefined },
		async (emulator, n8n) => {
			if (lateStart) await untilSecondOfMinute(30);
			const startedAt = Date.now();
			const [result, wallMs] = await timed(() =>
				n8n.run({
					parameters: addTalentParameters(emulator.data.pools[0].id, false),
					items: emulator.data.talentIds.map((talent) => ({ talent })),
					continueOnFail: true,
				}),
			);
			return addRowFrom(
				emulator,
				talents,
				faults,
				lateStart ? 'n8n-core, started 30 s into a minute' : 'n8n-core',
				{ startedAt, wallMs },
				result.items.map((item) => item.json),
			);
		},
	);
}

export function printAdd(rows: AddRow[]) {
	console.log(
		table(
			[
				'talents',
				'faults',
				'path',
				'wall',
				'floor (50/s, 1000 per gateway minute, from its start)',
				'wall / floor (target <= 1.05)',
				'429s',
				'retries',
				'failed items',
				'lost',
			],
			rows.map((row) => [
				String(row.talents),
				row.faults ? 'on' : 'off',
				row.where,
				s(row.wallMs),
				s(row.floorMs),
				row.overFloor.toFixed(3),
				String(row.rateLimited),
				String(row.retries),
				String(row.failedItems),
				String(row.lost),
			]),
		),
	);
}
