import { sleep } from 'n8n-workflow';

/** How late a stopped wait may notice it: the only timer a stopped connection can leave behind. */
const STEP_MS = 100;

/**
 * Waits `ms`, or less once `signal` is aborted. Built on n8n's `sleep` (community nodes may
 * not use timers directly, and n8n 2.x has no abortable sleep): short steps, so a stopped
 * trigger leaves no timer for longer than one step.
 */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
	const until = Date.now() + ms;
	while (!signal.aborted && Date.now() < until) await sleep(Math.min(STEP_MS, until - Date.now()));
}
