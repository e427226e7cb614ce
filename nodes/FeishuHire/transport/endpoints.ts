import type { RateLimit } from './rate-limiter';

const TALENT_POOL_WRITE = ['hire:talent_folder'];
const TALENT_POOL_READ = ['hire:talent_folder:readonly', 'hire:talent_folder'];
const TALENT_READ = ['hire:talent:readonly', 'hire:talent'];

export interface EndpointSpec {
	method: 'GET' | 'POST';
	/** The path, given the ID it names (if any). */
	path: (id: string) => string;
	/** Feishu's documented limit for this endpoint, per app. */
	limit: RateLimit;
	/** Any one of these scopes lets the app call it. */
	scopes: string[];
}

/** Every Feishu endpoint the node calls: its path, its own rate limit and the scopes it needs. */
export const ENDPOINTS = {
	listPools: {
		method: 'GET',
		path: () => '/open-apis/hire/v1/talent_pools/',
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: TALENT_POOL_READ,
	},
	addTalent: {
		method: 'POST',
		path: (poolId) => `/open-apis/hire/v1/talent_pools/${poolId}/talent_relationship`,
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: TALENT_POOL_WRITE,
	},
	batchChange: {
		method: 'POST',
		path: (poolId) => `/open-apis/hire/v1/talent_pools/${poolId}/batch_change_talent_pool`,
		limit: { perSecond: 10, perMinute: 1000 },
		scopes: TALENT_POOL_WRITE,
	},
	findTalents: {
		method: 'POST',
		path: () => '/open-apis/hire/v1/talents/batch_get_id',
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: TALENT_READ,
	},
	getTalent: {
		method: 'GET',
		path: (talentId) => `/open-apis/hire/v2/talents/${talentId}`,
		// Only 20/s is documented; no per-minute cap beyond it is assumed.
		limit: { perSecond: 20, perMinute: 1200 },
		scopes: TALENT_READ,
	},
} satisfies Record<string, EndpointSpec>;

export type Endpoint = keyof typeof ENDPOINTS;
