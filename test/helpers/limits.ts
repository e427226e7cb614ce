import { ENDPOINTS, type Endpoint } from '../../nodes/shared/transport/endpoints';
import type { RateLimit } from '../../nodes/shared/transport/rate-limiter';

const documented = Object.fromEntries(
	Object.entries(ENDPOINTS).map(([endpoint, spec]) => [endpoint, { ...spec.limit }]),
) as Record<Endpoint, RateLimit>;

/**
 * Scales the node's own limits, for tests that scale the emulator's the same way to run in
 * seconds: limiters created from now on use them. Without arguments, Feishu's documented
 * limits again. The package ships no such switch; tests change the endpoint table itself.
 */
export function useNodeRateLimits(limits: Partial<Record<Endpoint, RateLimit>> = {}): void {
	for (const endpoint of Object.keys(ENDPOINTS) as Endpoint[])
		ENDPOINTS[endpoint].limit = { ...(limits[endpoint] ?? documented[endpoint]) };
}
