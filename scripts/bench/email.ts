import { membershipParameters } from '../../test/helpers/parameters';
import { s, table, timed, withEmulator } from './common';
import { emailFloorMs } from './floors';

export interface EmailRow {
	emails: number;
	variant: string;
	lookupRequests: number;
	batchRequests: number;
	wallMs: number;
	floorMs: number;
	overFloor: number;
	rateLimited: number;
	failedItems: number;
	expectedFailures: number;
	/** Items that failed although known, or went through although unknown. */
	unexpected: number;
	lost: number;
}

/** An ATS export of emails added to a pool: the node looks the talents up, then adds them in batches. */
export async function emailRow(
	emails: number,
	variant: 'clean' | '100 ms latency' | '2% unknown',
): Promise<EmailRow> {
	const faults = variant === '100 ms latency' ? { latencyMs: 100 } : undefined;
	return await withEmulator({ talents: emails, faults }, async (emulator, n8n) => {
		const pool = emulator.data.pools[0].id;
		const unknown = (i: number) => variant === '2% unknown' && i % 50 === 25;
		const rows = emulator.data.talents.map((talent, i) => ({
			email: unknown(i) ? `not.in.feishu.${i}@example.com` : talent.basic_info.email,
		}));
		const [result, wallMs] = await timed(() =>
			n8n.run({
				parameters: membershipParameters('addTalent', pool, {
					identifyBy: 'email',
					email: '={{ $json.email }}',
				}),
				items: rows,
				continueOnFail: true,
			}),
		);
		const members = new Set(emulator.members(pool));
		const stats = emulator.stats().endpoints;
		return {
			emails,
			variant,
			lookupRequests: stats.findTalents.requests,
			batchRequests: stats.batchChange.requests,
			wallMs,
			floorMs: emailFloorMs(emails),
			overFloor: wallMs / emailFloorMs(emails),
			rateLimited: stats.findTalents.rateLimited + stats.batchChange.rateLimited,
			failedItems: result.items.filter((item) => item.json.error !== undefined).length,
			expectedFailures: rows.filter((_row, i) => unknown(i)).length,
			unexpected: result.items.filter((item, i) => (item.json.error !== undefined) !== unknown(i))
				.length,
			lost: emulator.data.talents.filter(
				(talent, i) => !unknown(i) && !members.has(talent.talent_id),
			).length,
		};
	});
}

export function printEmail(rows: EmailRow[]) {
	console.log(
		table(
			[
				'emails',
				'variant',
				'lookup requests',
				'batch requests',
				'wall',
				'floor',
				'wall / floor (target <= 1.15)',
				'429s',
				'failed items (expected)',
				'lost',
			],
			rows.map((row) => [
				String(row.emails),
				row.variant,
				String(row.lookupRequests),
				String(row.batchRequests),
				s(row.wallMs),
				s(row.floorMs),
				row.overFloor.toFixed(3),
				String(row.rateLimited),
				`${row.failedItems} (${row.expectedFailures}${row.unexpected ? `; ${row.unexpected} unexpected` : ''})`,
				String(row.lost),
			]),
		),
	);
}

export async function runEmail(): Promise<EmailRow[]> {
	const rows: EmailRow[] = [];
	console.log(
		'\nATS export by email: lookups (batch_get_id, 50 keys per request, 50/s) then batched adds (10/s):\n',
	);
	for (const variant of ['clean', '100 ms latency', '2% unknown'] as const)
		rows.push(await emailRow(3000, variant));
	printEmail(rows);
	return rows;
}
