import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

import {
	seedData,
	type SeedData,
	type Talent,
	type TalentBasicInfo,
	type TalentPool,
} from './data';
import { FaultPlan, type FaultOptions } from './faults';
import { FEISHU, FeishuFailure, type FeishuError } from './hire-errors';
import { decodePageToken, encodePageToken } from './page-token';
import {
	EndpointLimiters,
	HIRE_ENDPOINTS,
	peakInFixedWindows,
	peakInWindow,
	type EndpointRateLimits,
	type HireEndpoint,
} from './rate-limit';
import {
	checkTalentQuery,
	lookUpTalents,
	parseLookup,
	talentDetails,
	TalentRegistry,
	talentSummary,
	type TalentSummary,
} from './talents';
import { TokenStore } from './tokens';
import { locationsPage } from './locations';
import {
	applyWrite,
	conflictingTalent,
	DEFAULT_MOBILE_CODES,
	listedTalents,
	listItem,
	parseCreate,
	parseListQuery,
	parseUpdate,
	type DuplicatePolicy,
} from './talent-writes';
import { seedApplications, STAGES, type Application } from './applications';
import { sendEvent, type DeliveryAttempt, type EventRequest } from './events';

export const INSPECTION_PREFIX = '/__emulator';

export const SCOPE_WRITE = 'hire:talent_folder';
export const SCOPE_READ = 'hire:talent_folder:readonly';
export const SCOPE_TALENT_WRITE = 'hire:talent';
export const SCOPE_TALENT_READ = 'hire:talent:readonly';
/** Field scope: batch_get_id answers `is_onboarded` only with it. */
export const SCOPE_ONBOARD_STATUS_READ = 'hire:talent_onboard_status:readonly';
export const SCOPE_APPLICATION = 'hire:application';
export const SCOPE_APPLICATION_READ = 'hire:application:readonly';

export const SCOPE_LOCATION_READ = 'hire:location:readonly';

const DEFAULT_SCOPES = [
	SCOPE_WRITE,
	SCOPE_READ,
	SCOPE_TALENT_WRITE,
	SCOPE_TALENT_READ,
	SCOPE_LOCATION_READ,
	SCOPE_ONBOARD_STATUS_READ,
	SCOPE_APPLICATION_READ,
];

/** Any one of an endpoint's scopes lets the app call it. */
const REQUIRED_SCOPES: Record<HireEndpoint, string[]> = {
	listPools: [SCOPE_READ, SCOPE_WRITE],
	addTalent: [SCOPE_WRITE],
	batchChange: [SCOPE_WRITE],
	findTalents: [SCOPE_TALENT_READ, SCOPE_TALENT_WRITE],
	getTalent: [SCOPE_TALENT_READ, SCOPE_TALENT_WRITE],
	getTalentV1: [SCOPE_TALENT_READ, SCOPE_TALENT_WRITE],
	listTalents: [SCOPE_TALENT_READ, SCOPE_TALENT_WRITE],
	createTalent: [SCOPE_TALENT_WRITE],
	updateTalent: [SCOPE_TALENT_WRITE],
	queryLocations: [SCOPE_LOCATION_READ],
	getApplication: [SCOPE_APPLICATION_READ, SCOPE_APPLICATION],
};

/** Writes that are not idempotent: the lostWriteAnswerRate fault applies to them. */
const TALENT_WRITES = new Set<HireEndpoint>(['createTalent', 'updateTalent']);

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
}

export type Endpoint = 'token' | HireEndpoint | 'unknown';

const ENDPOINTS: Endpoint[] = ['token', ...HIRE_ENDPOINTS, 'unknown'];

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
	/** The seeded applications (one for each of the first 500 talents), as the application endpoint returns them. */
	applications(): Application[];
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
	/** Clears the log, counters, memberships, added talents and rate-limit windows, and restores the start-up faults; tokens stay valid. */
	reset(): void;
	close(): Promise<void>;
}

interface Reply {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

const LIST_PATH = /^\/open-apis\/hire\/v1\/talent_pools\/?$/;
const ADD_PATH = /^\/open-apis\/hire\/v1\/talent_pools\/([^/]+)\/talent_relationship$/;
const BATCH_PATH = /^\/open-apis\/hire\/v1\/talent_pools\/([^/]+)\/batch_change_talent_pool$/;
const FIND_TALENTS_PATH = '/open-apis/hire/v1/talents/batch_get_id';
const TALENT_PATH = /^\/open-apis\/hire\/v2\/talents\/([^/]+)$/;
const TALENT_V1_PATH = /^\/open-apis\/hire\/v1\/talents\/(\d+)$/;
const TALENTS_PATH = '/open-apis/hire/v1/talents';
const CREATE_TALENT_PATH = '/open-apis/hire/v1/talents/combined_create';
const UPDATE_TALENT_PATH = '/open-apis/hire/v1/talents/combined_update';
const LOCATIONS_PATH = '/open-apis/hire/v1/locations/query';
const APPLICATION_PATH = /^\/open-apis\/hire\/v1\/applications\/([^/]+)$/;
/** The tenant the emulated app is installed in, as events name it. */
const TENANT_KEY = 'emulator-tenant';
const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';
const DIGITS = /^\d+$/;
const INTEGER = /^-?\d+$/;

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const appId = options.appId ?? 'cli_emulator00001';
	const appSecret = options.appSecret ?? 'emulator-app-secret-0001';
	const encryptKey = options.encryptKey ?? 'emulator-encrypt-key-0001';
	const verificationToken = options.verificationToken ?? 'emulator-verification-token-0001';
	const seed = options.seed ?? 1;
	const data = seedData(options.pools ?? 237, options.talents ?? 5000, seed);
	const poolsById = new Map(data.pools.map((pool) => [pool.id, pool]));
	const talents = new TalentRegistry(data.talents, seed);
	const applications = new Map(
		seedApplications(data.talentIds, seed).map((application) => [application.id, application]),
	);
	const scopes = new Set(options.scopes ?? DEFAULT_SCOPES);
	const pageTokenSecret = `page-token-${seed}`;
	const clock = options.clock ?? Date.now;
	const tokens = new TokenStore(options.tokenLifetimeSeconds ?? 7200, clock);
	const duplicates = options.duplicates ?? 'reject';
	const mobileCodes = { ...DEFAULT_MOBILE_CODES, ...options.mobileCodes };

	let limiters = new EndpointLimiters(options.rateLimits);
	let faults = new FaultPlan(options.faults);
	let membership = new Map<string, Set<string>>();
	let admittedTimes = new Map<Endpoint, number[]>();
	const log: LoggedRequest[] = [];
	let expireAfter: number | undefined;

	function record(entry: LoggedRequest) {
		log.push(entry);
		if (entry.admitted) {
			const times = admittedTimes.get(entry.endpoint) ?? [];
			times.push(entry.time);
			admittedTimes.set(entry.endpoint, times);
		}
	}

	function fail(error: FeishuError, detail?: string): never {
		throw new FeishuFailure(error, detail);
	}

	function authenticate(req: IncomingMessage, requiredScopes: string[]) {
		const header = req.headers.authorization;
		if (!header) fail(FEISHU.tokenMissing);
		const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
		if (!token.startsWith('t-') && !token.startsWith('u-')) fail(FEISHU.tokenFormat);
		if (!tokens.isValid(token)) fail(FEISHU.tokenInvalid);
		if (!requiredScopes.some((scope) => scopes.has(scope)))
			fail(FEISHU.scopeMissing, `[${requiredScopes.join(', ')}]`);
	}

	function listPools(query: URLSearchParams): Reply {
		for (const key of query.keys()) {
			if (key !== 'id_list' && key.startsWith('id_list'))
				fail(FEISHU.hireParamError, `unsupported parameter ${key}`);
		}
		const rawSize = query.get('page_size');
		let pageSize = 10;
		if (rawSize !== null) {
			if (!INTEGER.test(rawSize)) fail(FEISHU.hireParamError, 'page_size must be an integer');
			pageSize = Number(rawSize);
			if (pageSize < 1 || pageSize > 100) fail(FEISHU.pageSizeInvalid);
		}
		const idList = query.getAll('id_list');
		if (idList.length > 50) fail(FEISHU.idListTooLong);
		for (const id of idList) {
			if (!DIGITS.test(id)) fail(FEISHU.hireParamError, `id_list holds an invalid id`);
		}
		const scope = idList.join(',');
		let offset = 0;
		const rawToken = query.get('page_token');
		if (rawToken !== null) {
			const decoded = decodePageToken(pageTokenSecret, rawToken, scope);
			if (decoded === undefined) fail(FEISHU.hireParamError, 'page_token is invalid');
			offset = decoded;
		}
		const wanted = idList.length > 0 ? new Set(idList) : undefined;
		const matching: TalentPool[] = wanted
			? data.pools.filter((pool) => wanted.has(pool.id))
			: data.pools;
		const items = matching.slice(offset, offset + pageSize);
		const next = offset + items.length;
		const hasMore = next < matching.length;
		return ok({
			items,
			...(hasMore ? { page_token: encodePageToken(pageTokenSecret, next, scope) } : {}),
			has_more: hasMore,
		});
	}

	function jsonBody(req: IncomingMessage, rawBody: string): Record<string, unknown> {
		const contentType = req.headers['content-type'] ?? '';
		if (!contentType.toLowerCase().startsWith('application/json')) {
			fail(FEISHU.hireParamError, 'Content-Type must be application/json');
		}
		let body: unknown;
		try {
			body = JSON.parse(rawBody);
		} catch {
			fail(FEISHU.hireParamError, 'body is not JSON');
		}
		if (typeof body !== 'object' || body === null || Array.isArray(body))
			fail(FEISHU.hireParamError, 'body must be an object');
		return body as Record<string, unknown>;
	}

	function addTo(poolId: string, talentId: string) {
		const members = membership.get(poolId) ?? new Set<string>();
		members.add(talentId);
		membership.set(poolId, members);
	}

	function addTalent(
		req: IncomingMessage,
		poolId: string,
		rawBody: string,
	): { reply: Reply; apply: () => void } {
		const { talent_id: talentId, add_type: addType } = jsonBody(req, rawBody);
		if (typeof talentId !== 'string' || talentId.trim() === '')
			fail(FEISHU.hireParamError, 'talent_id is required');
		if (addType !== 1 && addType !== 2) fail(FEISHU.hireParamError, 'add_type must be 1 or 2');
		if (!poolsById.has(poolId)) fail(FEISHU.poolNotFound);
		if (!talents.has(talentId)) fail(FEISHU.talentNotFound);
		return {
			reply: ok({ talent_pool_id: poolId, talent_id: talentId }),
			apply: () => {
				if (addType === 2) for (const members of membership.values()) members.delete(talentId);
				addTo(poolId, talentId);
			},
		};
	}

	/**
	 * Batch add (option_type 1) or remove (2) of 1..50 talents. Talents already in (or, for
	 * removal, not in) the pool are passed over silently; any unknown talent fails the whole
	 * call without effect. The error's shape is not documented: see the README's assumptions.
	 */
	function batchChange(
		req: IncomingMessage,
		poolId: string,
		rawBody: string,
	): { reply: Reply; apply: () => void } {
		const { talent_id_list: list, option_type: optionType } = jsonBody(req, rawBody);
		if (!Array.isArray(list) || list.length < 1 || list.length > 50)
			fail(FEISHU.hireParamError, 'talent_id_list must hold 1 to 50 IDs');
		if (!list.every((id): id is string => typeof id === 'string' && id.trim() !== ''))
			fail(FEISHU.hireParamError, 'talent_id_list holds an invalid ID');
		if (optionType !== 1 && optionType !== 2)
			fail(FEISHU.hireParamError, 'option_type must be 1 or 2');
		if (!poolsById.has(poolId)) fail(FEISHU.poolNotFound);
		const unknown = list.filter((id) => !talents.has(id));
		if (unknown.length > 0) {
			const body =
				options.batchErrorNamesTalents === false
					? { code: FEISHU.talentNotFound.code, msg: FEISHU.talentNotFound.msg }
					: {
							code: FEISHU.talentNotFound.code,
							msg: `talent not found: ${unknown.join(',')}`,
							data: { invalid_talent_id_list: unknown },
						};
			return { reply: { status: 400, body }, apply: () => undefined };
		}
		return {
			reply: ok({}),
			apply: () => {
				for (const talentId of list) {
					if (optionType === 1) addTo(poolId, talentId);
					else membership.get(poolId)?.delete(talentId);
				}
			},
		};
	}

	/** batch_get_id: every list optional, combined with AND; misses are simply absent. */
	function findTalents(req: IncomingMessage, rawBody: string): Reply {
		const lookup = parseLookup(jsonBody(req, rawBody), options.maxLookupList);
		const talentList = lookUpTalents(talents.all(), lookup, scopes.has(SCOPE_ONBOARD_STATUS_READ));
		return ok({ talent_list: talentList }, 'success');
	}

	function getTalent(talentId: string, query: URLSearchParams): Reply {
		checkTalentQuery(query);
		if (!DIGITS.test(talentId)) fail(FEISHU.hireParamError, 'talent_id must be a string of digits');
		const talent = talents.get(talentId);
		if (!talent) fail(FEISHU.talentDoesNotExist);
		return ok(talentDetails(talent, poolsOf(talentId)), 'success');
	}

	/** combined_create: the duplicate check follows the tenant setting; the new talent is visible at once. */
	function combinedCreate(
		req: IncomingMessage,
		rawBody: string,
	): { reply: Reply; apply: () => void } {
		const write = parseCreate(jsonBody(req, rawBody));
		if (duplicates === 'reject') {
			const conflict = conflictingTalent(talents.all(), write, mobileCodes);
			if (conflict) fail(FEISHU.duplicateTalent, `${conflict.key} of ${conflict.talent.talent_id}`);
		}
		return {
			reply: ok({ talent_id: talents.nextId(), creator_account_type: 3 }),
			apply: () => talents.create(write, mobileCodes, clock()),
		};
	}

	function combinedUpdate(
		req: IncomingMessage,
		rawBody: string,
	): { reply: Reply; apply: () => void } {
		const write = parseUpdate(jsonBody(req, rawBody));
		const talent = talents.get(write.talentId);
		if (!talent) fail(FEISHU.talentNotFound);
		const conflict = conflictingTalent(talents.all(), write, mobileCodes, talent);
		if (conflict) fail(FEISHU.updateConflict, `${conflict.key} of ${conflict.talent.talent_id}`);
		return {
			reply: ok({ talent_id: talent.talent_id, operator_account_type: 3 }),
			apply: () => applyWrite(talent, write, mobileCodes, clock()),
		};
	}

	function listTalentPage(query: URLSearchParams): Reply {
		const parsed = parseListQuery(query);
		const scope = JSON.stringify([
			parsed.keyword,
			parsed.updateStart,
			parsed.updateEnd,
			parsed.sortBy,
		]);
		let offset = 0;
		if (parsed.pageToken !== undefined && parsed.pageToken !== '') {
			const decoded = decodePageToken(pageTokenSecret, parsed.pageToken, scope);
			if (decoded === undefined) fail(FEISHU.hireParamError, 'page_token is invalid');
			offset = decoded;
		}
		const matching = listedTalents(talents.all(), parsed);
		const items = matching.slice(offset, offset + parsed.pageSize).map(listItem);
		const next = offset + items.length;
		const hasMore = next < matching.length;
		return ok({
			items,
			has_more: hasMore,
			...(hasMore ? { page_token: encodePageToken(pageTokenSecret, next, scope) } : {}),
		});
	}

	/** The old v1 get: wrapped in `talent`, the only by-ID read with mobile_country_code. */
	function getTalentV1(talentId: string, query: URLSearchParams): Reply {
		checkTalentQuery(query);
		const talent = talents.get(talentId);
		if (!talent) fail(FEISHU.talentDoesNotExist);
		return ok({ talent: listItem(talent) });
	}

	function queryLocations(req: IncomingMessage, query: URLSearchParams, rawBody: string): Reply {
		return locationsPage(jsonBody(req, rawBody), query, pageTokenSecret);
	}

	/** The page documents an unknown application as 400 / 1002002. */
	function getApplication(applicationId: string): Reply {
		const application = applications.get(applicationId);
		if (!application) fail(FEISHU.hireParamError, 'application not found');
		return ok({ application }, 'success');
	}

	function poolsOf(talentId: string): string[] {
		return data.pools
			.filter((pool) => membership.get(pool.id)?.has(talentId))
			.map((pool) => pool.id);
	}

	function issueToken(rawBody: string): Reply {
		let body: unknown;
		try {
			body = JSON.parse(rawBody);
		} catch {
			fail(FEISHU.paramInvalid);
		}
		const { app_id: id, app_secret: secret } = (body ?? {}) as Record<string, unknown>;
		if (typeof id !== 'string' || typeof secret !== 'string' || id !== appId)
			fail(FEISHU.paramInvalid);
		if (secret !== appSecret) fail(FEISHU.appSecretInvalid);
		const { token, expire } = tokens.issue();
		return { status: 200, body: { code: 0, msg: 'ok', tenant_access_token: token, expire } };
	}

	async function handleHire(
		req: IncomingMessage,
		res: ServerResponse,
		endpoint: HireEndpoint,
		entry: LoggedRequest,
		rawBody: string,
		route: () => Reply | { reply: Reply; apply: () => void },
	): Promise<void> {
		entry.endpoint = endpoint;
		if (rawBody) entry.body = parsedOrRaw(rawBody);
		authenticate(req, REQUIRED_SCOPES[endpoint]);
		const admission = limiters.admit(endpoint, entry.time);
		if (!admission.admitted) {
			const { status, code, msg } = FEISHU.rateLimited;
			return send(res, entry, {
				status,
				body: { code, msg },
				headers: {
					'x-ogw-ratelimit-limit': String(admission.limit),
					'x-ogw-ratelimit-reset': String(admission.resetSeconds),
				},
			});
		}
		entry.admitted = true;
		if (expireAfter !== undefined && --expireAfter <= 0) {
			expireAfter = undefined;
			tokens.expireAll();
		}
		// Unreferenced: a slow answer still pending does not keep a finished test run alive.
		if (faults.options.latencyMs) await delay(faults.options.latencyMs, undefined, { ref: false });
		let fault = faults.next();
		if (fault === 'none' && TALENT_WRITES.has(endpoint) && faults.losesWriteAnswer())
			fault = 'drop-after';
		if (fault === 'error')
			return send(
				res,
				entry,
				failure(endpoint === 'findTalents' ? FEISHU.lookupSystemError : FEISHU.systemError),
			);
		if (fault === 'drop-before') return drop(res, entry);
		const outcome = route();
		if ('apply' in outcome) {
			outcome.apply();
			if (fault === 'drop-after') return drop(res, entry);
			return send(res, entry, outcome.reply);
		}
		if (fault === 'drop-after') return drop(res, entry);
		return send(res, entry, outcome);
	}

	function send(res: ServerResponse, entry: LoggedRequest, reply: Reply) {
		entry.status = reply.status;
		const code = (reply.body as { code?: unknown })?.code;
		if (typeof code === 'number') entry.code = code;
		record(entry);
		const payload = JSON.stringify(reply.body);
		res.writeHead(reply.status, {
			'content-type': 'application/json; charset=utf-8',
			'content-length': Buffer.byteLength(payload),
			...reply.headers,
		});
		res.end(payload);
	}

	function drop(res: ServerResponse, entry: LoggedRequest) {
		entry.status = 0;
		record(entry);
		res.socket?.destroy();
	}

	function inspect(method: string, url: URL, rawBody: string): Reply {
		const route = `${method} ${url.pathname.slice(INSPECTION_PREFIX.length)}`;
		const members = /^GET \/pools\/([^/]+)\/talents$/.exec(route);
		if (members) return { status: 200, body: members[1] ? handle.members(members[1]) : [] };
		switch (route) {
			case 'GET /talents':
				return listTalents(url.searchParams);
			case 'GET /applications':
				return { status: 200, body: handle.applications() };
			case 'POST /talents':
				return createTalent(rawBody);
			case 'GET /log':
				return { status: 200, body: log };
			case 'GET /stats':
				return { status: 200, body: handle.stats() };
			case 'POST /reset':
				handle.reset();
				return { status: 200, body: { ok: true } };
			case 'POST /expire-tokens': {
				const after = Number(JSON.parse(rawBody || '{}').afterRequests ?? 0);
				if (after > 0) handle.expireTokensAfter(after);
				else handle.expireTokens();
				return { status: 200, body: { ok: true } };
			}
			case 'POST /faults':
				handle.setFaults(JSON.parse(rawBody || '{}') as FaultOptions);
				return { status: 200, body: { ok: true } };
			default:
				return { status: 404, body: { error: 'unknown inspection route' } };
		}
	}

	async function sendEventFor(rawBody: string): Promise<Reply> {
		let request: EventRequest;
		try {
			request = JSON.parse(rawBody || '{}') as EventRequest;
		} catch {
			return { status: 400, body: { error: 'the body must be JSON' } };
		}
		if (typeof request.url !== 'string')
			return { status: 400, body: { error: 'url (where to deliver) is required' } };
		return { status: 200, body: await handle.sendEvent(request) };
	}

	function listTalents(query: URLSearchParams): Reply {
		const offset = query.get('offset') ?? '0';
		const limit = query.get('limit');
		if (!DIGITS.test(offset) || (limit !== null && !DIGITS.test(limit))) {
			return { status: 400, body: { error: 'offset and limit must be non-negative integers' } };
		}
		return {
			status: 200,
			body: handle.talents(Number(offset), limit === null ? undefined : Number(limit)),
		};
	}

	function createTalent(rawBody: string): Reply {
		let basicInfo: unknown;
		try {
			basicInfo = JSON.parse(rawBody || '{}');
		} catch {
			return { status: 400, body: { error: 'body is not JSON' } };
		}
		const problem = basicInfoProblem(basicInfo);
		if (problem) return { status: 400, body: { error: problem } };
		return { status: 200, body: handle.addTalent(basicInfo as Partial<TalentBasicInfo>) };
	}

	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks).toString('utf8');
			const url = new URL(req.url ?? '/', 'http://emulator');
			const method = req.method ?? 'GET';
			const path = url.pathname;
			const entry: LoggedRequest = {
				time: clock(),
				method,
				path,
				query: url.search.slice(1),
				endpoint: 'unknown',
				status: 0,
				admitted: false,
			};
			if (method === 'POST' && path === `${INSPECTION_PREFIX}/events`) {
				void sendEventFor(rawBody).then((reply) => {
					res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
					res.end(JSON.stringify(reply.body));
				});
				return;
			}
			if (path.startsWith(`${INSPECTION_PREFIX}/`)) {
				const reply = inspect(method, url, rawBody);
				res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
				res.end(JSON.stringify(reply.body));
				return;
			}
			const addMatch = ADD_PATH.exec(path);
			const batchMatch = BATCH_PATH.exec(path);
			const talentMatch = TALENT_PATH.exec(path);
			const talentV1Match = TALENT_V1_PATH.exec(path);
			const applicationMatch = APPLICATION_PATH.exec(path);
			const work = async () => {
				if (method === 'POST' && path === TOKEN_PATH) {
					entry.endpoint = 'token';
					return send(res, entry, issueToken(rawBody));
				}
				if (method === 'GET' && LIST_PATH.test(path)) {
					return handleHire(req, res, 'listPools', entry, rawBody, () =>
						listPools(url.searchParams),
					);
				}
				if (method === 'POST' && addMatch) {
					const poolId = pathSegment(addMatch[1]);
					return handleHire(req, res, 'addTalent', entry, rawBody, () =>
						addTalent(req, poolId, rawBody),
					);
				}
				if (method === 'POST' && batchMatch) {
					const poolId = pathSegment(batchMatch[1]);
					return handleHire(req, res, 'batchChange', entry, rawBody, () =>
						batchChange(req, poolId, rawBody),
					);
				}
				if (method === 'POST' && path === FIND_TALENTS_PATH) {
					return handleHire(req, res, 'findTalents', entry, rawBody, () =>
						findTalents(req, rawBody),
					);
				}
				if (method === 'POST' && path === CREATE_TALENT_PATH) {
					return handleHire(req, res, 'createTalent', entry, rawBody, () =>
						combinedCreate(req, rawBody),
					);
				}
				if (method === 'POST' && path === UPDATE_TALENT_PATH) {
					return handleHire(req, res, 'updateTalent', entry, rawBody, () =>
						combinedUpdate(req, rawBody),
					);
				}
				if (method === 'GET' && path === TALENTS_PATH) {
					return handleHire(req, res, 'listTalents', entry, rawBody, () =>
						listTalentPage(url.searchParams),
					);
				}
				if (method === 'GET' && talentV1Match) {
					const talentId = talentV1Match[1];
					return handleHire(req, res, 'getTalentV1', entry, rawBody, () =>
						getTalentV1(talentId, url.searchParams),
					);
				}
				if (method === 'POST' && path === LOCATIONS_PATH) {
					return handleHire(req, res, 'queryLocations', entry, rawBody, () =>
						queryLocations(req, url.searchParams, rawBody),
					);
				}
				if (method === 'GET' && talentMatch) {
					const talentId = pathSegment(talentMatch[1]);
					return handleHire(req, res, 'getTalent', entry, rawBody, () =>
						getTalent(talentId, url.searchParams),
					);
				}
				if (method === 'GET' && applicationMatch) {
					const applicationId = pathSegment(applicationMatch[1]);
					return handleHire(req, res, 'getApplication', entry, rawBody, () =>
						getApplication(applicationId),
					);
				}
				return send(res, entry, failure(FEISHU.notFound));
			};
			work().catch((error: unknown) => {
				if (error instanceof FeishuFailure)
					return send(res, entry, failure(error.error, error.message));
				return send(res, entry, failure(FEISHU.systemError, 'emulator fault'));
			});
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
	});
	const { port } = server.address() as AddressInfo;

	function endpointStats(endpoint: Endpoint): EndpointStats {
		const entries = log.filter((entry) => entry.endpoint === endpoint);
		const byCode: Record<string, number> = {};
		for (const entry of entries) {
			if (entry.code !== undefined) byCode[entry.code] = (byCode[entry.code] ?? 0) + 1;
		}
		const times = [...(admittedTimes.get(endpoint) ?? [])].sort((a, b) => a - b);
		return {
			requests: entries.length,
			admitted: entries.filter((entry) => entry.admitted).length,
			rateLimited: entries.filter((entry) => entry.code === FEISHU.rateLimited.code).length,
			dropped: entries.filter((entry) => entry.status === 0).length,
			byCode,
			peakPerSecond: peakInWindow(times, 1000),
			peakPerMinute: peakInWindow(times, 60000),
			gatewayPeakPerSecond: peakInFixedWindows(times, 1000),
			gatewayPeakPerMinute: peakInFixedWindows(times, 60000),
		};
	}

	const handle: Emulator = {
		url: `http://127.0.0.1:${port}`,
		port,
		appId,
		appSecret,
		encryptKey,
		verificationToken,
		data,
		log,
		requests: (endpoint) => log.filter((entry) => entry.endpoint === endpoint),
		members: (poolId) => [...(membership.get(poolId) ?? [])],
		talents: (offset = 0, limit) => {
			const end = limit === undefined ? undefined : offset + limit;
			return talents.all().slice(offset, end).map(talentSummary);
		},
		addTalent: (basicInfo) => talents.add(basicInfo),
		applications: () => [...applications.values()],
		sendEvent: async (request) => {
			const [application] = applications.values();
			return await sendEvent(
				{ appId, tenantKey: TENANT_KEY, encryptKey, verificationToken },
				request,
				{
					application_id: application?.id,
					origin_stage_id: STAGES[0].id,
					target_stage_id: application?.stage.id ?? STAGES[1].id,
					update_time: String(clock()),
				},
			);
		},
		stats: () => ({
			tokensIssued: tokens.issued,
			endpoints: Object.fromEntries(
				ENDPOINTS.map((endpoint) => [endpoint, endpointStats(endpoint)]),
			) as Record<Endpoint, EndpointStats>,
		}),
		issuedTokens: () => tokens.all(),
		secrets: () => [appSecret, encryptKey, verificationToken, ...tokens.all()],
		expireTokens: () => tokens.expireAll(),
		expireTokensAfter: (requests) => {
			expireAfter = requests;
		},
		setFaults: (next) => {
			faults = new FaultPlan(next);
		},
		setRateLimits: (limits) => {
			limiters = new EndpointLimiters(limits);
		},
		reset: () => {
			log.length = 0;
			tokens.issued = 0;
			membership = new Map();
			talents.reset();
			admittedTimes = new Map();
			limiters.reset();
			faults = new FaultPlan(options.faults);
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	return handle;
}

function ok(data: unknown, msg = 'SUCCESS'): Reply {
	return { status: 200, body: { code: 0, msg, data } };
}

function parsedOrRaw(rawBody: string): unknown {
	try {
		return JSON.parse(rawBody);
	} catch {
		return rawBody;
	}
}

/** A decoded path segment; one with broken %-escapes stays as sent, so it fails validation instead of the server. */
function pathSegment(raw: string): string {
	try {
		return decodeURIComponent(raw);
	} catch {
		return raw;
	}
}

const BASIC_INFO_STRINGS = ['name', 'email', 'mobile_code', 'mobile_number', 'create_time'];

/** Why a body for `POST /__emulator/talents` is not a partial basic_info, or undefined when it is one. */
function basicInfoProblem(body: unknown): string | undefined {
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		return 'body must be an object of basic_info fields';
	for (const [field, value] of Object.entries(body)) {
		if (field === 'identification') {
			const { identification_type: type, identification_number: number } = (value ?? {}) as Record<
				string,
				unknown
			>;
			if (typeof type !== 'number' || typeof number !== 'string')
				return 'identification needs identification_type (number) and identification_number (string)';
		} else if (!BASIC_INFO_STRINGS.includes(field)) {
			return `unknown basic_info field ${field}`;
		} else if (typeof value !== 'string') {
			return `${field} must be a string`;
		}
	}
	return undefined;
}

function failure(error: FeishuError, msg: string = error.msg): Reply {
	return { status: error.status, body: { code: error.code, msg } };
}
