import axios from 'axios';

import { type Emulator } from '../../emulator';
import { fetchToken } from '../../test/helpers/probe';
import { FAULTS, s, table, timed, withEmulator } from './common';
import type { FaultOptions } from '../../emulator';

export interface ListRow {
	pools: number;
	faults: boolean;
	listRequests: number;
	target: number;
	tokenRequests: number;
	wallMs: number;
	bareWallMs: number;
	overhead: number;
	naiveRequests: number;
}

/** What a careful hand-written client does: pages of 100, at most 50 requests a second. */
export async function bareListLoop(emulator: Emulator, token: string): Promise<number> {
	const headers = { Authorization: `Bearer ${token}` };
	const starts: number[] = [];
	let pageToken: string | undefined;
	let count = 0;
	do {
		if (starts.length >= 50) {
			const wait = starts[starts.length - 50] + 1005 - Date.now();
			if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		}
		starts.push(Date.now());
		const { data } = await axios.get(`${emulator.url}/open-apis/hire/v1/talent_pools/`, {
			headers,
			params: { page_size: 100, page_token: pageToken },
		});
		count += data.data.items.length;
		pageToken = data.data.has_more ? data.data.page_token : undefined;
	} while (pageToken);
	return count;
}

export const RUNS = 5;

/** The median of RUNS timed runs after one warm-up, each starting with fresh rate-limit windows. */
export async function medianWall(
	emulator: Emulator,
	run: () => Promise<void>,
	faults?: FaultOptions,
): Promise<number> {
	const walls: number[] = [];
	for (let i = 0; i <= RUNS; i++) {
		await new Promise((resolve) => setTimeout(resolve, 1100));
		emulator.reset();
		emulator.setFaults(faults ?? {});
		const [, wall] = await timed(run);
		if (i > 0) walls.push(wall);
	}
	return walls.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

export async function listRow(pools: number, faults: boolean): Promise<ListRow> {
	return await withEmulator(
		{ pools, faults: faults ? FAULTS : undefined },
		async (emulator, n8n) => {
			const listAll = async () => {
				const result = await n8n.run({
					parameters: { resource: 'talentPool', operation: 'getAll', returnAll: true },
				});
				if (result.error || result.items.length !== pools)
					throw new Error(
						`list of ${pools} failed: ${result.error?.message ?? result.items.length}`,
					);
			};
			// The first execution, as a user's first run: request counts include the token.
			await listAll();
			const listRequests = emulator.requests('listPools').length;
			const tokenRequests = emulator.requests('token').length;
			const wallMs = await medianWall(emulator, listAll, faults ? FAULTS : undefined);
			// The bare loop gets no faults: it does not retry.
			const token = await fetchToken(emulator);
			const bareWallMs = await medianWall(emulator, async () => {
				const count = await bareListLoop(emulator, token);
				if (count !== pools) throw new Error(`bare loop read ${count} pools`);
			});
			return {
				pools,
				faults,
				listRequests,
				target: Math.ceil(pools / 100),
				tokenRequests,
				wallMs,
				bareWallMs,
				overhead: wallMs / bareWallMs,
				naiveRequests: Math.ceil(pools / 10),
			};
		},
	);
}

export function printList(rows: ListRow[], faults: boolean) {
	// With faults the node retries with backoff and the bare loop (which cannot retry) runs
	// without them: the ratio then shows what the retries cost, and has no target.
	const ratio = faults
		? 'node with faults / bare without (no target)'
		: 'node / bare (target <= 1.2)';
	console.log(
		table(
			[
				'pools',
				'faults',
				'list requests (target)',
				'token requests',
				'node wall (median of 5)',
				'bare loop wall',
				ratio,
				'naive page_size 10',
			],
			rows.map((row) => [
				String(row.pools),
				row.faults ? 'on' : 'off',
				`${row.listRequests} (${row.target})`,
				String(row.tokenRequests),
				s(row.wallMs),
				s(row.bareWallMs),
				row.overhead.toFixed(2),
				`${row.naiveRequests} requests`,
			]),
		),
	);
}
