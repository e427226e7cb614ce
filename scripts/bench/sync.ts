import type { Emulator } from '../../emulator';
import type { N8nHarness } from '../../test/helpers/n8n';
import { membershipParameters } from '../../test/helpers/parameters';
import { writeTalents } from '../../test/helpers/talents';
import { s, table, timed, withEmulator } from './common';
import { syncFloorMs } from './floors';

/**
 * The ATS sync: an export of 3000 rows, 20 % of them new candidates, through Create or Update
 * (by email, 50 keys per lookup, one create per new key) and then Add Talent by talent_id in
 * batches of 50, with Feishu's documented limits on. Run once, run again on the same tenant,
 * and once more on a fresh tenant with 10 % of the creates' answers lost after Feishu applied
 * them.
 */
export interface SyncRow {
	rows: number;
	variant: string;
	lookups: number;
	creates: number;
	batches: number;
	wallMs: number;
	floorMs: number;
	overFloor: number;
	created: number;
	/** Creates whose answer was lost, and the lookups that checked them (the extra requests). */
	lostAnswers: number;
	extraLookups: number;
	doubled: number;
	lost: number;
	failedItems: number;
	rateLimited: number;
}

const ROWS = 3000;
const NEW_SHARE = 0.2;

export async function syncRows(): Promise<SyncRow[]> {
	const known = Math.round(ROWS * (1 - NEW_SHARE));
	const rows = (emulator: Emulator) => [
		...emulator.data.talents.map((talent) => ({
			name: talent.basic_info.name,
			email: talent.basic_info.email,
		})),
		...Array.from({ length: ROWS - known }, (_row, index) => ({
			name: `New Candidate ${index}`,
			email: `new.candidate.${index}@applicants.example.org`,
		})),
	];
	const results: SyncRow[] = [];
	await withEmulator({ talents: known }, async (emulator, n8n) => {
		const export_ = rows(emulator);
		results.push(await syncOnce(emulator, n8n, export_, 'first run'));
		results.push(await syncOnce(emulator, n8n, export_, 'same export again'));
	});
	await withEmulator(
		{ talents: known, faults: { seed: 11, lostWriteAnswerRate: 0.1 } },
		async (emulator, n8n) => {
			results.push(await syncOnce(emulator, n8n, rows(emulator), '10 % of create answers lost'));
		},
	);
	return results;
}

async function syncOnce(
	emulator: Emulator,
	n8n: N8nHarness,
	rows: Array<{ name: string; email: string }>,
	variant: string,
): Promise<SyncRow> {
	const pool = emulator.data.pools[0].id;
	const before = emulator.stats().endpoints;
	const talentsBefore = emulator.talents().length;
	const [[upsert, added], wallMs] = await timed(async () => {
		const synced = await n8n.run({ ...writeTalents('upsert', rows), continueOnFail: true });
		const ids = synced.items.flatMap((item) =>
			typeof item.json.talent_id === 'string' ? [{ talent: item.json.talent_id }] : [],
		);
		const add = await n8n.run({
			parameters: membershipParameters('addTalent', pool, { options: { batching: true } }),
			items: ids,
			continueOnFail: true,
		});
		return [synced, add] as const;
	});
	const after = emulator.stats().endpoints;
	const delta = (endpoint: 'findTalents' | 'createTalent' | 'batchChange') =>
		after[endpoint].requests - before[endpoint].requests;
	const creates = delta('createTalent');
	const created = upsert.items.filter((item) => item.json.created === true).length;
	const byEmail = new Map<string, number>();
	for (const talent of emulator.talents())
		byEmail.set(talent.email, (byEmail.get(talent.email) ?? 0) + 1);
	const members = new Set(emulator.members(pool));
	const lostAnswers = emulator
		.requests('createTalent')
		.filter((entry) => entry.status === 0).length;
	const floorMs = syncFloorMs(rows.length, created);
	return {
		rows: rows.length,
		variant,
		lookups: delta('findTalents'),
		creates,
		batches: delta('batchChange'),
		wallMs,
		floorMs,
		overFloor: wallMs / floorMs,
		created: emulator.talents().length - talentsBefore,
		lostAnswers,
		extraLookups: delta('findTalents') - Math.ceil(rows.length / 50),
		doubled: rows.filter((row) => (byEmail.get(row.email) ?? 0) > 1).length,
		lost: upsert.items.filter(
			(item) => typeof item.json.talent_id !== 'string' || !members.has(item.json.talent_id),
		).length,
		failedItems: [...upsert.items, ...added.items].filter((item) => item.json.error !== undefined)
			.length,
		rateLimited:
			after.findTalents.rateLimited -
			before.findTalents.rateLimited +
			after.createTalent.rateLimited -
			before.createTalent.rateLimited +
			after.batchChange.rateLimited -
			before.batchChange.rateLimited,
	};
}

export function printSync(rows: SyncRow[]) {
	console.log(
		table(
			[
				'rows',
				'run',
				'lookups',
				'creates (answers lost)',
				'extra lookups',
				'batch adds',
				'wall',
				'floor',
				'wall / floor (target <= 1.15)',
				'talents created',
				'doubled',
				'lost',
				'failed items',
				'429s',
			],
			rows.map((row) => [
				String(row.rows),
				row.variant,
				String(row.lookups),
				`${row.creates} (${row.lostAnswers})`,
				String(row.extraLookups),
				String(row.batches),
				s(row.wallMs),
				s(row.floorMs),
				row.overFloor.toFixed(3),
				String(row.created),
				String(row.doubled),
				String(row.lost),
				String(row.failedItems),
				String(row.rateLimited),
			]),
		),
	);
}

export async function runSync(): Promise<SyncRow[]> {
	console.log(
		'\nATS sync by email, 3000 rows of which 20 % new: Create or Update (lookups 50 keys per request at 50/s, one create per new key at 50/s), then Add Talent in batches of 50 (10/s):\n',
	);
	const rows = await syncRows();
	printSync(rows);
	return rows;
}
