import type { Application } from './applications';
import type { SeedData, Talent, TalentBasicInfo } from './data';
import type { DeliveryAttempt, EventRequest } from './events';
import type { FaultOptions } from './faults';
import type { Job } from './jobs';
import type { LongConnectionOptions, LongConnectionServer, PushOptions } from './long-connection';
import type { Note } from './notes';
import { HIRE_ENDPOINTS, type EndpointRateLimits, type HireEndpoint } from './rate-limit';
import type { DuplicatePolicy } from './talent-writes';
import type { TalentSummary } from './talents';

/** What the emulator is started with, and what a started one offers tests, the demo and the CLI. */
export interface EmulatorOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	host?: string;
	appId?: string;
	appSecret?: string;
	/** The app's Encrypt Key and Verification Token (Events & Callbacks), used to send events. */
	encryptKey?: string;
	verificationToken?: string;
	/** Lifetime of a new tenant_access_token, in seconds (Feishu: 7200). */
	tokenLifetimeSeconds?: number;
	pools?: number;
	talents?: number;
	/** Applications seeded, one for each of the first talents (default 500; at most `talents`). */
	applications?: number;
	seed?: number;
	/**
	 * Each endpoint's documented limits (DOCUMENTED_ENDPOINT_LIMITS) by default; an object
	 * overrides the endpoints it names (false for one: unlimited); false turns limiting off.
	 */
	rateLimits?: EndpointRateLimits;
	faults?: FaultOptions;
	/** Scopes granted to the app (by default both talent-pool scopes, SCOPE_TALENT_READ and SCOPE_ONBOARD_STATUS_READ). */
	scopes?: string[];
	/** Whether a refused batch names the unknown talents (the assumed shape); false names none. */
	batchErrorNamesTalents?: boolean;
	/** The longest list batch_get_id accepts (undocumented; 50 by default): shorter ones refuse with 1002002. */
	maxLookupList?: number;
	/** Time source for tokens, rate-limit windows and the log; tests pass a fake clock. */
	clock?: () => number;
	/** The tenant's duplicate setting for combined_create (see talent-writes.ts): reject (default) or allow. */
	duplicates?: DuplicatePolicy;
	/** Location code → dialing code for written mobiles (default: CN_1 → 86 only). */
	mobileCodes?: Record<string, string>;
	/** Where the app's events go (its request URL): a stage moved through the API is announced there. */
	eventUrl?: string;
	/** The long connection's settings: client config, ack timeout, re-pushes. */
	longConnection?: LongConnectionOptions;
}

/** A Hire event to push over the long connection (by default a stage change of the first application). */
export interface PushRequest extends PushOptions {
	eventType?: string;
	event?: Record<string, unknown>;
	eventId?: string;
}

export type Endpoint = 'token' | HireEndpoint | 'unknown';

/** Every endpoint the log and the stats name, in the order the stats list them. */
export const ENDPOINTS: Endpoint[] = ['token', ...HIRE_ENDPOINTS, 'unknown'];

export interface LoggedRequest {
	time: number;
	method: string;
	path: string;
	query: string;
	endpoint: Endpoint;
	/** HTTP status, or 0 when the connection was dropped without a response. */
	status: number;
	code?: number;
	/** Passed authentication and the rate limiter: counted in the window peaks. */
	admitted: boolean;
	/** A Hire request's body, parsed when it is JSON; never kept for the token endpoint, whose body holds the secret. */
	body?: unknown;
}

export interface EndpointStats {
	requests: number;
	admitted: number;
	rateLimited: number;
	dropped: number;
	byCode: Record<string, number>;
	/** Highest admitted count in any sliding window of 1 s / 60 s. */
	peakPerSecond: number;
	peakPerMinute: number;
	/** Highest admitted count in the gateway's own fixed windows (whole seconds, whole minutes): never above the limit. */
	gatewayPeakPerSecond: number;
	gatewayPeakPerMinute: number;
}

export interface EmulatorStats {
	tokensIssued: number;
	endpoints: Record<Endpoint, EndpointStats>;
}

export interface Emulator {
	url: string;
	port: number;
	appId: string;
	appSecret: string;
	encryptKey: string;
	verificationToken: string;
	data: SeedData;
	log: LoggedRequest[];
	requests(endpoint: Endpoint): LoggedRequest[];
	members(poolId: string): string[];
	/** The talents known now (seeded, then added), from `offset`, at most `limit` (default: all). */
	talents(offset?: number, limit?: number): TalentSummary[];
	/** The applications (one for each of the first 500 talents, or `applications`), as the application endpoint returns them. */
	applications(): Application[];
	/** The notes on a talent (every note without one), oldest first, as the note endpoints return them. */
	notes(talentId?: string): Note[];
	/** The IDs of the tags a talent has now. */
	tagsOf(talentId: string): string[];
	/** The talents in a talent folder now. */
	folderMembers(folderId: string): string[];
	/** The long connection's server side: its controls, acks and pushes. */
	longConnection: LongConnectionServer;
	/** Pushes a Hire event to one connection of the app over the long connection; returns its event_id. */
	pushEvent(request?: PushRequest): string;
	/** Sets (or clears) the app's request URL: stage changes made through the API are delivered there. */
	setEventUrl(url: string | undefined): void;
	/** The seeded jobs, as the job endpoints return them (the first ones are the applications' jobs). */
	jobs(): Job[];
	/** Creates a talent with the next talent ID: seeded defaults, overridden by `basicInfo` (use it for duplicates). */
	addTalent(basicInfo?: Partial<TalentBasicInfo>): Talent;
	stats(): EmulatorStats;
	/** Every token issued so far (to prove none of them leaks into output). */
	issuedTokens(): string[];
	/** The App Secret, Encrypt Key, Verification Token and every token issued: none may leak into output. */
	secrets(): string[];
	expireTokens(): void;
	/** Expires every token right after `requests` more admitted Hire requests (a token running out mid-run). */
	expireTokensAfter(requests: number): void;
	setFaults(faults: FaultOptions): void;
	/** Sends a Hire event (or url_verification) to a URL as Feishu does, with this app's keys. */
	sendEvent(request: EventRequest): Promise<{ payload: object; attempts: DeliveryAttempt[] }>;
	/** As the rateLimits option: endpoints not named get their documented limits; windows start afresh. */
	setRateLimits(limits: EndpointRateLimits): void;
	/** Clears the log, counters, memberships, notes, tags, folders, added talents and rate-limit windows, and restores the start-up faults; tokens stay valid. */
	reset(): void;
	close(): Promise<void>;
}
