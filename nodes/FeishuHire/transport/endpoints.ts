import { checkFeishuId } from '../helpers/ids';
import { RATE_LIMITED, SCOPE_MISSING } from './errors';
import type { RateLimit } from './rate-limiter';

const TALENT_POOL_WRITE = ['hire:talent_folder'];
const TALENT_POOL_READ = ['hire:talent_folder:readonly', 'hire:talent_folder'];
const TALENT_READ = ['hire:talent:readonly', 'hire:talent'];
const APPLICATION_READ = ['hire:application:readonly', 'hire:application'];

export interface EndpointSpec {
	method: 'GET' | 'POST';
	/** The path; `:id` stands for the ID it names (a 19-digit Feishu ID, checked by endpointPath). */
	path: string;
	/** Feishu's documented limit for this endpoint, per app. */
	limit: RateLimit;
	/** Any one of these scopes lets the app call it. */
	scopes: string[];
	/** What to check for codes this endpoint gives a meaning of its own. */
	hints?: Record<number, string>;
}

/** Every Feishu endpoint the node calls: its path, its own rate limit and the scopes it needs. */
export const ENDPOINTS = {
	listPools: {
		method: 'GET',
		path: '/open-apis/hire/v1/talent_pools/',
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: TALENT_POOL_READ,
	},
	addTalent: {
		method: 'POST',
		path: '/open-apis/hire/v1/talent_pools/:id/talent_relationship',
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: TALENT_POOL_WRITE,
	},
	batchChange: {
		method: 'POST',
		path: '/open-apis/hire/v1/talent_pools/:id/batch_change_talent_pool',
		limit: { perSecond: 10, perMinute: 1000 },
		scopes: TALENT_POOL_WRITE,
	},
	findTalents: {
		method: 'POST',
		path: '/open-apis/hire/v1/talents/batch_get_id',
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: TALENT_READ,
		hints: {
			1002002:
				'Feishu refused the lookup. Check the emails, mobile numbers or ID document numbers the items give.',
			1002009:
				'Feishu refused a mobile number as invalid. Check the Mobile Number and the Mobile Code (country calling code, e.g. 86).',
		},
	},
	getTalent: {
		method: 'GET',
		path: '/open-apis/hire/v2/talents/:id',
		// Only 20/s is documented; no per-minute cap beyond it is assumed.
		limit: { perSecond: 20, perMinute: 1200 },
		scopes: TALENT_READ,
		hints: {
			1002102:
				'No talent has this Talent ID in Feishu Hire (deleted talents cannot be read). Use an ID that Find returned.',
		},
	},
	/** The trigger's Resolve Talent: from an application event to its talent. */
	getApplication: {
		method: 'GET',
		path: '/open-apis/hire/v1/applications/:id',
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: APPLICATION_READ,
		hints: {
			1002002:
				'Feishu has no application with this ID (it may have been deleted since the event was sent).',
		},
	},
} satisfies Record<string, EndpointSpec>;

export type Endpoint = keyof typeof ENDPOINTS;

/**
 * The endpoint's path with its ID in place, or why the ID cannot go there. Only a 19-digit
 * Feishu ID is put into a path, whatever the caller checked: no slash, dot or query can
 * turn the request into another one.
 */
export function endpointPath(
	endpoint: Endpoint,
	id: string | undefined,
): { path: string } | { problem: string } {
	const { path } = ENDPOINTS[endpoint] as EndpointSpec;
	if (!path.includes(':id')) return { path };
	const checked = checkFeishuId(id);
	if ('problem' in checked)
		return { problem: `The ID in the path of ${endpoint} ${checked.problem}` };
	return { path: path.replace(':id', checked.id) };
}

/** What to check after `code` from `endpoint`, where the endpoint's own facts say more than the code. */
export function endpointHint(endpoint: Endpoint, code: number | undefined): string | undefined {
	const { limit, scopes, hints } = ENDPOINTS[endpoint] as EndpointSpec;
	if (code === SCOPE_MISSING) {
		const [first, ...others] = scopes;
		const alternatives = others.length > 0 ? ` (or ${others.join(' or ')})` : '';
		return `Grant the app the scope ${first}${alternatives} in the developer console (Permissions & Scopes), then publish a new app version.`;
	}
	if (code === RATE_LIMITED) {
		return `Feishu allows this endpoint ${limit.perSecond} requests per second and ${limit.perMinute} per minute for each app. Run the workflow again later, or in smaller batches.`;
	}
	return code === undefined ? undefined : hints?.[code];
}
