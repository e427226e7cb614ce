import { existsSync, readFileSync } from 'node:fs';

import type { AddRow } from './adds';
import type { ApplicationsRow } from './applications';
import type { BatchRow } from './batch';
import type { ConcurrencyRow } from './concurrency';
import type { EmailRow } from './email';
import type { ListRow } from './list';
import type { EventLatencyRow, ReconnectRow } from './long-connection';
import type { OutageRow, RecoveryRow } from './outage';
import type { QueueRow } from './queue';
import type { SizeRow } from './size';
import type { SyncRow } from './sync';

export interface BenchResults {
	machine: string;
	list: ListRow[];
	add: AddRow[];
	batch: BatchRow[];
	concurrency: ConcurrencyRow[];
	email: EmailRow[];
	sync: SyncRow[];
	outage: OutageRow[];
	recovery: RecoveryRow[];
	size: SizeRow[];
	queue: QueueRow[];
	applications: ApplicationsRow[];
	/** --only long-connection: the two triggers' event-to-emit latency, and a dropped long connection. */
	eventLatency: EventLatencyRow[];
	reconnect: ReconnectRow[];
	date: string;
	/** When each table's rows were measured: a run with --only keeps the other tables' figures. */
	measured?: Record<string, string>;
	totalMs?: number;
}

/** This run's tables, and for those it did not measure, the rows (and dates) of the run that did. */
export function withEarlierTables(results: BenchResults, file: string): BenchResults {
	const earlier = existsSync(file)
		? (JSON.parse(readFileSync(file, 'utf8')) as Partial<BenchResults>)
		: {};
	const measured: Record<string, string> = { ...earlier.measured };
	const merged: Record<string, unknown> = { ...results };
	for (const [table, rows] of Object.entries(results)) {
		if (!Array.isArray(rows)) continue;
		const before = (earlier as Record<string, unknown>)[table];
		if (rows.length) measured[table] = results.date;
		else if (Array.isArray(before)) merged[table] = before;
	}
	// Clean and faulty add rows come from different tables (--only clean, --only faults).
	if (results.add.length && earlier.add) {
		const remeasured = new Set(results.add.map((row) => row.faults));
		merged.add = [...earlier.add.filter((row) => !remeasured.has(row.faults)), ...results.add];
	}
	return { ...(merged as unknown as BenchResults), measured };
}

export function emptyResults(machine: string): BenchResults {
	return {
		machine,
		list: [],
		add: [],
		batch: [],
		concurrency: [],
		email: [],
		sync: [],
		outage: [],
		recovery: [],
		size: [],
		queue: [],
		applications: [],
		eventLatency: [],
		reconnect: [],
		date: new Date().toISOString(),
	};
}
