import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

import {
	ENDPOINTS,
	type Emulator,
	type EmulatorOptions,
	type Endpoint,
	type EndpointStats,
	type LoggedRequest,
} from './api';
import { seedApplications, STAGES } from './applications';
import { seedData } from './data';
import { hireEvent, sendEvent } from './events';
import { FaultPlan } from './faults';
import { applicationCreateRoute } from './handlers/application-create';
import { applicationRoutes } from './handlers/applications';
import { authenticate, issueToken, TOKEN_PATH, type App } from './handlers/auth';
import { talentPoolRoutes } from './handlers/talent-pools';
import { talentRoutes } from './handlers/talents';
import { FEISHU, FeishuFailure } from './hire-errors';
import { failure, parsedOrRaw, type Outcome, type Reply } from './http';
import { inspect, INSPECTION_PREFIX } from './inspection';
import { jobRoutes } from './handlers/jobs';
import { noteRoutes } from './handlers/notes';
import { talentFolderRoutes } from './handlers/talent-folders';
import { talentTagRoutes } from './handlers/talent-tags';
import { seedJobs } from './jobs';
import { locationRoutes } from './locations';
import { LongConnectionServer, WS_ENDPOINT_PATH } from './long-connection';
import {
	EndpointLimiters,
	peakInFixedWindows,
	peakInWindow,
	type HireEndpoint,
} from './rate-limit';
import { DEFAULT_SCOPES, REQUIRED_SCOPES } from './scopes';
import type { HireRoute, HireState } from './state';
import { DEFAULT_MOBILE_CODES } from './talent-writes';
import { TalentRegistry, talentSummary } from './talents';
import { TokenStore } from './tokens';

export { INSPECTION_PREFIX } from './inspection';
export * from './scopes';
export type { Emulator, EmulatorOptions, EmulatorStats, Endpoint, LoggedRequest } from './api';

/** Every Hire endpoint the emulator serves, by resource. */
const ROUTES: HireRoute[] = [
	...talentPoolRoutes,
	...talentRoutes,
	...locationRoutes,
	...jobRoutes,
	...applicationRoutes,
	applicationCreateRoute,
	...noteRoutes,
	...talentTagRoutes,
	...talentFolderRoutes,
];

/** Writes that are not idempotent: the lostWriteAnswerRate fault applies to them. */
const UNSAFE_WRITES = new Set<HireEndpoint>([
	'createTalent',
	'updateTalent',
	'createApplication',
	'createNote',
]);

/** The tenant the emulated app is installed in, as events name it. */
const TENANT_KEY = 'emulator-tenant';

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const appId = options.appId ?? 'cli_emulator00001';
	const appSecret = options.appSecret ?? 'emulator-app-secret-0001';
	const encryptKey = options.encryptKey ?? 'emulator-encrypt-key-0001';
	const verificationToken = options.verificationToken ?? 'emulator-verification-token-0001';
	const seed = options.seed ?? 1;
	const data = seedData(options.pools ?? 237, options.talents ?? 5000, seed);
	const clock = options.clock ?? Date.now;
	const tokens = new TokenStore(options.tokenLifetimeSeconds ?? 7200, clock);
	const state: HireState = {
		data,
		poolsById: new Map(data.pools.map((pool) => [pool.id, pool])),
		talents: new TalentRegistry(data.talents, seed),
		applications: new Map(
			seedApplications(data.talentIds, seed, options.applications).map((application) => [
				application.id,
				application,
			]),
		),
		jobs: seedJobs(seed),
		membership: new Map(),
		notes: new Map(),
		notesIssued: 0,
		talentTags: new Map(),
		folderMembers: new Map(),
		scopes: new Set(options.scopes ?? DEFAULT_SCOPES),
		pageTokenSecret: `page-token-${seed}`,
		clock,
		duplicates: options.duplicates ?? 'reject',
		mobileCodes: { ...DEFAULT_MOBILE_CODES, ...options.mobileCodes },
		batchErrorNamesTalents: options.batchErrorNamesTalents !== false,
		maxLookupList: options.maxLookupList,
	};
	const app: App = { appId, appSecret, tokens, scopes: state.scopes };
	let eventUrl = options.eventUrl;
	// A stage moved through the API is announced as Feishu does, where events are delivered.
	state.onStageChanged = (application, from) => {
		if (!eventUrl) return;
		void sendEvent(
			{ appId, tenantKey: TENANT_KEY, encryptKey, verificationToken },
			{
				url: eventUrl,
				event: {
					application_id: application.id,
					origin_stage_id: from.id,
					target_stage_id: application.stage.id,
					update_time: Number(application.modify_time),
				},
			},
			{},
		).catch(() => undefined);
	};

	let limiters = new EndpointLimiters(options.rateLimits);
	let faults = new FaultPlan(options.faults);
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

	/** A Hire request through the gateway: token and scope, the rate limit, the fault plan, then its handler. */
	async function handleHire(
		req: IncomingMessage,
		res: ServerResponse,
		endpoint: HireEndpoint,
		entry: LoggedRequest,
		rawBody: string,
		route: () => Outcome,
	): Promise<void> {
		entry.endpoint = endpoint;
		if (rawBody) entry.body = parsedOrRaw(rawBody);
		authenticate(app, req, REQUIRED_SCOPES[endpoint]);
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
		if (fault === 'none' && UNSAFE_WRITES.has(endpoint) && faults.losesWriteAnswer())
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

	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks).toString('utf8');
			const url = new URL(req.url ?? '/', 'http://emulator');
			const method = req.method ?? 'GET';
			const path = url.pathname;
			if (method === 'POST' && path === WS_ENDPOINT_PATH) {
				const reply = longConnection.endpoint(rawBody);
				res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
				res.end(JSON.stringify(reply.body));
				return;
			}
			if (path.startsWith(`${INSPECTION_PREFIX}/`)) {
				void inspect(handle, method, url, rawBody).then((reply) => {
					res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
					res.end(JSON.stringify(reply.body));
				});
				return;
			}
			const entry: LoggedRequest = {
				time: clock(),
				method,
				path,
				query: url.search.slice(1),
				endpoint: 'unknown',
				status: 0,
				admitted: false,
			};
			const work = async () => {
				if (method === 'POST' && path === TOKEN_PATH) {
					entry.endpoint = 'token';
					return send(res, entry, issueToken(app, rawBody));
				}
				for (const route of ROUTES) {
					const match = route.method === method ? route.path.exec(path) : null;
					if (match)
						return handleHire(req, res, route.endpoint, entry, rawBody, () =>
							route.handle(state, { req, url, rawBody, match }),
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

	const longConnection = new LongConnectionServer(
		{ appId, appSecret, port: () => (server.address() as AddressInfo).port },
		options.longConnection,
	);
	server.on('upgrade', (req, socket, head) => longConnection.upgrade(req, socket, head));

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
		members: (poolId) => [...(state.membership.get(poolId) ?? [])],
		talents: (offset = 0, limit) => {
			const end = limit === undefined ? undefined : offset + limit;
			return state.talents.all().slice(offset, end).map(talentSummary);
		},
		addTalent: (basicInfo) => state.talents.add(basicInfo),
		applications: () => [...state.applications.values()],
		notes: (talentId) =>
			[...state.notes.values()].filter((note) => !talentId || note.talent_id === talentId),
		tagsOf: (talentId) => [...(state.talentTags.get(talentId) ?? [])],
		folderMembers: (folderId) => [...(state.folderMembers.get(folderId) ?? [])],
		setEventUrl: (url) => {
			eventUrl = url;
		},
		jobs: () => state.jobs,
		sendEvent: async (request) => {
			const [application] = state.applications.values();
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
			state.membership = new Map();
			state.notes = new Map();
			state.talentTags = new Map();
			state.folderMembers = new Map();
			state.talents.reset();
			admittedTimes = new Map();
			limiters.reset();
			faults = new FaultPlan(options.faults);
		},
		longConnection,
		pushEvent: ({ eventType, event, eventId, ...push } = {}) => {
			const [application] = state.applications.values();
			const envelope = hireEvent(
				eventType ?? 'hire.application.stage_changed_v1',
				event ?? {
					application_id: application?.id,
					origin_stage_id: STAGES[0].id,
					target_stage_id: application?.stage.id ?? STAGES[1].id,
					update_time: clock(),
				},
				// The long connection carries the token field empty.
				{ eventId, appId, tenantKey: TENANT_KEY, verificationToken: '' },
			);
			return longConnection.push(envelope, push);
		},
		close: async () => {
			longConnection.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	return handle;
}
