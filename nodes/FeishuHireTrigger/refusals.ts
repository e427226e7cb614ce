/** A refusal's reason is logged at most this often per trigger and cause. */
export const LOG_INTERVAL_MS = 60_000;

const lastLogged = new Map<string, number>();

/**
 * Whether to log a refusal now: a flood of forged requests writes one line a minute per
 * cause, not one per request.
 */
export function shouldLogRefusal(trigger: string, cause: string, now: number): boolean {
	const key = `${trigger} ${cause}`;
	const last = lastLogged.get(key);
	if (last !== undefined && now - last < LOG_INTERVAL_MS) return false;
	if (lastLogged.size >= 10_000) {
		for (const [old, at] of lastLogged) if (now - at >= LOG_INTERVAL_MS) lastLogged.delete(old);
	}
	lastLogged.set(key, now);
	return true;
}
