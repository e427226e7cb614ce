import type { Emulator } from '../emulator';
import type { ExecutionResult } from '../tools/n8n/instance';
import { loadExample } from '../tools/n8n/workspace';

/** What the demo reads from the examples' runs, and how it prints a table. */

/** "2 batch + 1 per-talent requests": what a sync cost. */
export function writes(requests: { addTalent: number; batchChange: number }): string {
	const parts = [
		`${requests.batchChange} batch`,
		...(requests.addTalent ? [`${requests.addTalent} per-talent`] : []),
	];
	return `${parts.join(' + ')} request${requests.batchChange + requests.addTalent === 1 ? '' : 's'}`;
}

export function count(result: ExecutionResult, node: string): number {
	return result.data.resultData.runData[node]?.[0]?.data?.main[0]?.length ?? 0;
}

/** "10 created, 490 found, 500 added to the pool": what a CSV sync did. */
export function syncSummary(
	result: ExecutionResult,
	emulator: Emulator,
	membersBefore: Set<string>,
): string {
	const synced =
		result.data.resultData.runData['Create or update talent by email']?.[0]?.data?.main[0] ?? [];
	const talents = new Map(synced.map((item) => [item.json.talent_id as string, item.json.created]));
	const created = [...talents.values()].filter(Boolean).length;
	const added = emulator.members(csvPoolId()).filter((talent) => !membersBefore.has(talent)).length;
	return `${created} created, ${talents.size - created} found, ${added} added to the pool`;
}

export function csvPoolId(): string {
	const add = loadExample('atsCsvSync').nodes.find((node) => node.name === 'Add to talent pool')!;
	return (add.parameters.talentPoolId as { value: string }).value;
}

export function rowsNotSynced(
	result: ExecutionResult,
): Array<{ name: string; email: string; error: string }> {
	const collected =
		result.data.resultData.runData['Rows not synced']?.[0]?.data?.main[0]?.[0]?.json;
	return (
		(collected?.rows_not_synced as Array<{ name: string; email: string; error: string }>) ?? []
	);
}

export function failedTalents(
	result: ExecutionResult,
): Array<{ talent_id: string; name: string; error: string }> {
	const collected =
		result.data.resultData.runData['Collect failed talents']?.[0]?.data?.main[0]?.[0]?.json;
	return (
		(collected?.failed_talents as Array<{ talent_id: string; name: string; error: string }>) ?? []
	);
}

export function printTable(rows: string[][]) {
	const widths = rows[0].map((_cell, column) => Math.max(...rows.map((row) => row[column].length)));
	for (const row of rows)
		console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column])).join('   ')}`);
}
