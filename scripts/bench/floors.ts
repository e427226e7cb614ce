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

/** ceil(N/200) list pages at 50/s, then one read per application at 50/s (1000/min: addFloorMs). */
export const applicationsFloorMs = (applications: number) =>
	(Math.ceil(applications / 200) / 50) * 1000 + addFloorMs(applications);

/** One terminate per application at 20/s (1200/min, never the tighter one). */
export const terminateFloorMs = (applications: number) => (applications / 20) * 1000;
