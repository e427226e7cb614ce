/** Floors: the least time Feishu's documented limits allow a scenario, each written once. */

/** n adds at 50 per second, each further 1000 only a minute after the previous 1000 began: a trailing window's floor. */
export function addFloorMs(talents: number): number {
	const fullMinutes = Math.ceil(talents / 1000) - 1;
	return fullMinutes * 60_000 + ((talents - fullMinutes * 1000) / 50) * 1000;
}

/** ceil(N/50) batch requests at 10 a second. */
export const batchFloorMs = (talents: number) => (Math.ceil(talents / 50) / 10) * 1000;

/** ceil(N/50) lookups at 50 a second, then ceil(N/50) batch adds at 10 a second. */
export const emailFloorMs = (emails: number) =>
	(Math.ceil(emails / 50) / 50) * 1000 + batchFloorMs(emails);

/** ceil(N/50) lookups at 50/s + one create per new key at 50/s + ceil(N/50) batch adds at 10/s. */
export const syncFloorMs = (rows: number, creates: number) =>
	(Math.ceil(rows / 50) / 50) * 1000 + (creates / 50) * 1000 + batchFloorMs(rows);
