import type { Emulator } from '../../emulator';
import type { N8nHarness } from '../../test/helpers/n8n';
import { s, table, timed, withEmulator } from './common';
import { applicationsFloorMs, terminateFloorMs } from './floors';

/**
 * Application → Get Many (Return All, each application read) over 1000 applications, and
 * Terminate on 500 active ones, with Feishu's documented limits on: the list 200 IDs a page
 * and the reads at 50/s (1000/min), terminate at 20/s.
 */
export interface ApplicationsRow {
	operation: string;
	applications: number;
	listRequests: number;
	/** Reads (Get Many) or terminates: one per application. */
	perApplicationRequests: number;
	wallMs: number;
	floorMs: number;
	overFloor: number;
	items: number;
	/** Get Many: distinct application IDs out; Terminate: items with changed: true. */
	distinct: number;
	/** Get Many: applications read as seeded; Terminate: terminated in the emulator afterwards. */
	confirmed: number;
	lost: number;
	doubled: number;
	failedItems: number;
	rateLimited: number;
}

const GET_MANY = 1000;
const TERMINATE = 500;

/** Seeded applications, one per talent: about a quarter of them terminated already. */
const emulatorOptions = { talents: GET_MANY, applications: GET_MANY };

const rateLimited = (emulator: Emulator) => {
	const stats = emulator.stats().endpoints;
	return (
		stats.listApplications.rateLimited +
		stats.getApplication.rateLimited +
		stats.terminateApplication.rateLimited
	);
};

async function getManyRow(emulator: Emulator, n8n: N8nHarness): Promise<ApplicationsRow> {
	const seeded = new Map(
		emulator.applications().map((application) => [application.id, application]),
	);
	const [result, wallMs] = await timed(() =>
		n8n.run({
			parameters: {
				resource: 'application',
				operation: 'getAll',
				returnAll: true,
				filters: { status: 'all' },
				options: { idsOnly: false },
			},
		}),
	);
	if (result.error) throw new Error(`Get Many of ${GET_MANY} failed: ${result.error.message}`);
	const ids = result.items.map((item) => item.json.id);
	const distinct = new Set(ids);
	const floorMs = applicationsFloorMs(GET_MANY);
	return {
		operation: 'Get Many, Return All (each read)',
		applications: seeded.size,
		listRequests: emulator.requests('listApplications').length,
		perApplicationRequests: emulator.requests('getApplication').length,
		wallMs,
		floorMs,
		overFloor: wallMs / floorMs,
		items: result.items.length,
		distinct: distinct.size,
		confirmed: result.items.filter(
			(item) =>
				typeof item.json.id === 'string' &&
				item.json.talent_id === seeded.get(item.json.id)?.talent_id,
		).length,
		lost: [...seeded.keys()].filter((id) => !distinct.has(id)).length,
		doubled: ids.length - distinct.size,
		failedItems: result.items.filter((item) => item.json.error !== undefined).length,
		rateLimited: rateLimited(emulator),
	};
}

async function terminateRow(emulator: Emulator, n8n: N8nHarness): Promise<ApplicationsRow> {
	const targets = emulator
		.applications()
		.filter((application) => application.active_status === 1)
		.slice(0, TERMINATE)
		.map((application) => application.id);
	if (targets.length !== TERMINATE)
		throw new Error(`only ${targets.length} active applications seeded`);
	const [result, wallMs] = await timed(() =>
		n8n.run({
			parameters: {
				resource: 'application',
				operation: 'terminate',
				applicationId: '={{ $json.application }}',
				terminationType: 'rejectedByUs',
				terminationReasonIds: ['6891560630172518670'],
				note: 'Position filled',
			},
			items: targets.map((application) => ({ application })),
			continueOnFail: true,
		}),
	);
	const after = new Map(
		emulator.applications().map((application) => [application.id, application]),
	);
	const changed = new Set(
		result.items.flatMap((item) =>
			item.json.changed === true && typeof item.json.application_id === 'string'
				? [item.json.application_id]
				: [],
		),
	);
	const floorMs = terminateFloorMs(TERMINATE);
	return {
		operation: 'Terminate',
		applications: TERMINATE,
		listRequests: emulator.requests('listApplications').length,
		perApplicationRequests: emulator.requests('terminateApplication').length,
		wallMs,
		floorMs,
		overFloor: wallMs / floorMs,
		items: result.items.length,
		distinct: changed.size,
		confirmed: targets.filter((id) => after.get(id)?.active_status === 2).length,
		lost: targets.filter((id) => !changed.has(id)).length,
		doubled:
			result.items.length - new Set(result.items.map((item) => item.json.application_id)).size,
		failedItems: result.items.filter((item) => item.json.error !== undefined).length,
		rateLimited: rateLimited(emulator),
	};
}

export function printApplications(rows: ApplicationsRow[]) {
	console.log(
		table(
			[
				'operation',
				'applications',
				'list requests',
				'reads / terminates',
				'wall',
				'floor',
				'wall / floor (target <= 1.1)',
				'items',
				'distinct IDs / changed',
				'as seeded / terminated after',
				'lost',
				'doubled',
				'failed items',
				'429s',
			],
			rows.map((row) => [
				row.operation,
				String(row.applications),
				String(row.listRequests),
				String(row.perApplicationRequests),
				s(row.wallMs),
				s(row.floorMs),
				row.overFloor.toFixed(3),
				String(row.items),
				String(row.distinct),
				String(row.confirmed),
				String(row.lost),
				String(row.doubled),
				String(row.failedItems),
				String(row.rateLimited),
			]),
		),
	);
}

/** Each row on a fresh tenant; afterwards, fails the run if an application was lost, doubled or left active. */
export async function runApplications(): Promise<ApplicationsRow[]> {
	console.log(
		`\nApplications: Get Many of ${GET_MANY} (list 200 IDs per request at 50/s, then one read each at 50/s and 1000/min), and ${TERMINATE} terminations (20/s):\n`,
	);
	const rows = [
		await withEmulator(emulatorOptions, getManyRow),
		await withEmulator(emulatorOptions, terminateRow),
	];
	printApplications(rows);
	const expected = [GET_MANY, TERMINATE];
	const wrong = rows.filter(
		(row, i) =>
			row.items !== expected[i] ||
			row.distinct !== expected[i] ||
			row.confirmed !== expected[i] ||
			row.failedItems > 0,
	);
	if (wrong.length)
		throw new Error(`applications: ${wrong.map((row) => row.operation).join(', ')} incomplete`);
	return rows;
}
