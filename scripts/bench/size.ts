import { s, table } from './common';
import { batchFloorMs } from './floors';
import { executionMsOf, inRealN8n } from './real-n8n';

/** n8n 2.x evaluates expressions in an isolate (`vm`, its default); `legacy` is its deprecated in-process engine. */
export type ExpressionEngine = 'vm' | 'legacy';

export interface SizeRow {
	talents: number;
	expressionEngine: ExpressionEngine;
	batchRequests: number;
	executionMs: number;
	floorMs: number;
	overFloor: number;
	peakRssBytes: number;
	/** n8n's own time for each node (executionTime in the run data). */
	nodeMs: Record<string, number>;
	/** From the Add node's start to its first batch request: reading and checking 100,000 items' parameters. */
	beforeFirstRequestMs: number;
	/** From the first batch request to the last. */
	sendingMs: number;
	failedItems: number;
	lost: number;
}

/** Many talents in batches of 50 through a real n8n execution (`n8n execute`), with its peak memory. */
export async function sizeRow(
	talents: number,
	expressionEngine: ExpressionEngine,
): Promise<SizeRow> {
	const env = { N8N_EXPRESSION_ENGINE: expressionEngine };
	return await inRealN8n(
		talents,
		true,
		({ result }, emulator) => {
			const outputs = result.data.resultData.runData.Add?.[0]?.data?.main[0] ?? [];
			const executionMs = executionMsOf(result);
			const members = new Set(emulator.members(emulator.data.pools[0].id));
			const runData = result.data.resultData.runData as Record<
				string,
				Array<{ startTime?: number; executionTime?: number }>
			>;
			const batchTimes = emulator.requests('batchChange').map((entry) => entry.time);
			return {
				talents,
				expressionEngine,
				nodeMs: Object.fromEntries(
					Object.entries(runData).map(([node, runs]) => [node, runs[0]?.executionTime ?? NaN]),
				),
				beforeFirstRequestMs: Math.min(...batchTimes) - (runData.Add?.[0]?.startTime ?? NaN),
				sendingMs: Math.max(...batchTimes) - Math.min(...batchTimes),
				batchRequests: batchTimes.length,
				executionMs,
				floorMs: batchFloorMs(talents),
				overFloor: executionMs / batchFloorMs(talents),
				peakRssBytes: result.peakRssBytes,
				failedItems:
					outputs.filter((item) => item.json.error !== undefined).length +
					(talents - outputs.length),
				lost: emulator.data.talentIds.filter((talent) => !members.has(talent)).length,
			};
		},
		env,
	);
}

export async function runSize(quick: boolean): Promise<SizeRow[]> {
	const rows: SizeRow[] = [];
	const talents = quick ? 20_000 : 100_000;
	console.log(
		`\n${talents.toLocaleString('en')} talents in batches of 50 through a real n8n execution (n8n execute):\n`,
	);
	// The second run shows how much of the time is n8n's expression isolate.
	for (const engine of ['vm', 'legacy'] as const) {
		const row = await sizeRow(talents, engine);
		rows.push(row);
		console.log(
			`  ${engine} expression engine: n8n's time per node: ${Object.entries(row.nodeMs)
				.map(([node, ms]) => `${node} ${s(ms)}`)
				.join(
					', ',
				)}; within Add, ${s(row.beforeFirstRequestMs)} before the first batch request (n8n resolving and the node checking every item's parameters), then ${s(row.sendingMs)} of sending`,
		);
	}
	console.log('');
	console.log(
		table(
			[
				'talents',
				'expression engine',
				'batch requests',
				'execution',
				'floor',
				'execution / floor (target <= 1.1)',
				'n8n peak RSS (target < 1 GiB)',
				'failed items',
				'lost',
			],
			rows.map((size) => [
				String(size.talents),
				size.expressionEngine === 'vm' ? 'vm (default)' : 'legacy (deprecated)',
				String(size.batchRequests),
				s(size.executionMs),
				s(size.floorMs),
				size.overFloor.toFixed(3),
				`${Math.round(size.peakRssBytes / 2 ** 20)} MiB`,
				String(size.failedItems),
				String(size.lost),
			]),
		),
	);
	return rows;
}
