/** The client settings Feishu sends (seconds) with the URL and in every pong, in ms. */
export interface Settings {
	pingMs: number;
	reconnectIntervalMs: number;
	reconnectNonceMs: number;
	/** Tries before giving up per Feishu; negative: unlimited. Logged, not obeyed (see README). */
	reconnectCount: number;
}

/** The SDKs' defaults, used until Feishu sends its own. */
export const DEFAULT_SETTINGS: Settings = {
	pingMs: 120_000,
	reconnectIntervalMs: 120_000,
	reconnectNonceMs: 30_000,
	reconnectCount: -1,
};

/** Pings at most once a second and at least every 10 minutes, whatever a pong says. */
const PING_MS = { min: 1_000, max: 600_000 };

const seconds = (value: unknown) =>
	typeof value === 'number' && Number.isFinite(value) && value > 0 ? value * 1000 : undefined;

/**
 * The settings after a ClientConfig (from the endpoint or a pong). Missing, non-numeric and
 * non-positive values keep the previous setting: the SDKs take them as 0 or NaN and then
 * ping in a loop.
 */
export function applyClientConfig(current: Settings, config: unknown): Settings {
	if (typeof config !== 'object' || config === null) return current;
	const raw = config as Record<string, unknown>;
	const ping = seconds(raw.PingInterval);
	return {
		pingMs:
			ping === undefined ? current.pingMs : Math.min(PING_MS.max, Math.max(PING_MS.min, ping)),
		reconnectIntervalMs: seconds(raw.ReconnectInterval) ?? current.reconnectIntervalMs,
		reconnectNonceMs: seconds(raw.ReconnectNonce) ?? current.reconnectNonceMs,
		reconnectCount:
			typeof raw.ReconnectCount === 'number' && Number.isInteger(raw.ReconnectCount)
				? raw.ReconnectCount
				: current.reconnectCount,
	};
}
