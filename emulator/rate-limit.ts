export interface RateLimits {
	perSecond: number;
	perMinute: number;
}

export type HireEndpoint =
	| 'listPools'
	| 'addTalent'
	| 'batchChange'
	| 'findTalents'
	| 'getTalent'
	| 'getTalentV1'
	| 'listTalents'
	| 'createTalent'
	| 'updateTalent'
	| 'queryLocations'
	| 'listJobs'
	| 'getJob'
	| 'listApplications'
	| 'getApplicationDetail'
	| 'createApplication'
	| 'transferStage'
	| 'terminateApplication'
	| 'recoverApplication'
	| 'listTerminationReasons'
	| 'listJobProcesses'
	| 'getApplication'
	| 'createNote'
	| 'updateNote'
	| 'getNote'
	| 'listNotes'
	| 'deleteNote'
	| 'listTalentTags'
	| 'tagTalent'
	| 'listTalentFolders'
	| 'addToFolder'
	| 'removeFromFolder';

/**
 * Each endpoint's documented limits, counted in windows of its own. Pages that document a
 * per-second limit only (talent details, the talent list, locations) get the per-minute
 * count that limit allows anyway, so no extra limit.
 */
export const DOCUMENTED_ENDPOINT_LIMITS: Record<HireEndpoint, RateLimits> = {
	listPools: { perSecond: 50, perMinute: 1000 },
	addTalent: { perSecond: 50, perMinute: 1000 },
	batchChange: { perSecond: 10, perMinute: 1000 },
	findTalents: { perSecond: 50, perMinute: 1000 },
	getTalent: { perSecond: 20, perMinute: 1200 },
	getTalentV1: { perSecond: 20, perMinute: 1200 },
	listTalents: { perSecond: 20, perMinute: 1200 },
	createTalent: { perSecond: 50, perMinute: 1000 },
	updateTalent: { perSecond: 50, perMinute: 1000 },
	queryLocations: { perSecond: 5, perMinute: 300 },
	listJobs: { perSecond: 50, perMinute: 3000 },
	getJob: { perSecond: 50, perMinute: 3000 },
	listApplications: { perSecond: 50, perMinute: 1000 },
	getApplicationDetail: { perSecond: 10, perMinute: 600 },
	createApplication: { perSecond: 50, perMinute: 1000 },
	transferStage: { perSecond: 50, perMinute: 1000 },
	terminateApplication: { perSecond: 20, perMinute: 1200 },
	recoverApplication: { perSecond: 50, perMinute: 1000 },
	listTerminationReasons: { perSecond: 50, perMinute: 1000 },
	listJobProcesses: { perSecond: 20, perMinute: 1200 },
	getApplication: { perSecond: 50, perMinute: 1000 },
	createNote: { perSecond: 20, perMinute: 1200 },
	updateNote: { perSecond: 20, perMinute: 1200 },
	getNote: { perSecond: 20, perMinute: 1200 },
	listNotes: { perSecond: 20, perMinute: 1200 },
	deleteNote: { perSecond: 20, perMinute: 1200 },
	listTalentTags: { perSecond: 20, perMinute: 1200 },
	tagTalent: { perSecond: 20, perMinute: 1200 },
	listTalentFolders: { perSecond: 50, perMinute: 1000 },
	addToFolder: { perSecond: 50, perMinute: 1000 },
	removeFromFolder: { perSecond: 10, perMinute: 600 },
};

export const HIRE_ENDPOINTS = Object.keys(DOCUMENTED_ENDPOINT_LIMITS) as HireEndpoint[];

/** false turns limiting off everywhere; otherwise overrides per endpoint (false: that endpoint unlimited), the rest documented. */
export type EndpointRateLimits = false | Partial<Record<HireEndpoint, RateLimits | false>>;

export type Admission =
	{ admitted: true } | { admitted: false; limit: number; resetSeconds: number };

interface WindowCount {
	start: number;
	count: number;
}

/** Fixed one-second and one-minute windows per key (app + endpoint), as the gateway counts. */
export class FixedWindowLimiter {
	private readonly windows = new Map<string, { second: WindowCount; minute: WindowCount }>();

	constructor(private readonly limits: RateLimits | false) {}

	admit(key: string, now: number): Admission {
		if (!this.limits) return { admitted: true };
		const secondStart = Math.floor(now / 1000) * 1000;
		const minuteStart = Math.floor(now / 60000) * 60000;
		let state = this.windows.get(key);
		if (!state) {
			state = {
				second: { start: secondStart, count: 0 },
				minute: { start: minuteStart, count: 0 },
			};
			this.windows.set(key, state);
		}
		if (state.second.start !== secondStart) state.second = { start: secondStart, count: 0 };
		if (state.minute.start !== minuteStart) state.minute = { start: minuteStart, count: 0 };

		if (state.minute.count >= this.limits.perMinute) {
			return {
				admitted: false,
				limit: this.limits.perMinute,
				resetSeconds: secondsUntil(minuteStart + 60000, now),
			};
		}
		if (state.second.count >= this.limits.perSecond) {
			return {
				admitted: false,
				limit: this.limits.perSecond,
				resetSeconds: secondsUntil(secondStart + 1000, now),
			};
		}
		state.second.count++;
		state.minute.count++;
		return { admitted: true };
	}

	reset(): void {
		this.windows.clear();
	}
}

/** One FixedWindowLimiter per Hire endpoint, so no endpoint spends another's budget. */
export class EndpointLimiters {
	private readonly limiters: Map<HireEndpoint, FixedWindowLimiter>;

	constructor(limits: EndpointRateLimits = {}) {
		this.limiters = new Map(
			HIRE_ENDPOINTS.map((endpoint) => [
				endpoint,
				new FixedWindowLimiter(limitsFor(endpoint, limits)),
			]),
		);
	}

	admit(endpoint: HireEndpoint, now: number): Admission {
		return (this.limiters.get(endpoint) as FixedWindowLimiter).admit(endpoint, now);
	}

	reset(): void {
		for (const limiter of this.limiters.values()) limiter.reset();
	}
}

function limitsFor(endpoint: HireEndpoint, limits: EndpointRateLimits): RateLimits | false {
	if (limits === false) return false;
	return limits[endpoint] ?? DOCUMENTED_ENDPOINT_LIMITS[endpoint];
}

function secondsUntil(end: number, now: number): number {
	return Math.max(1, Math.ceil((end - now) / 1000));
}

/** The highest number of timestamps (sorted ascending) that fall in any window of `widthMs`. */
export function peakInWindow(sortedTimes: number[], widthMs: number): number {
	let peak = 0;
	let first = 0;
	for (let last = 0; last < sortedTimes.length; last++) {
		while (sortedTimes[last] - sortedTimes[first] >= widthMs) first++;
		peak = Math.max(peak, last - first + 1);
	}
	return peak;
}

/** The highest number of timestamps in one of the gateway's fixed windows of `widthMs` (aligned to the epoch). */
export function peakInFixedWindows(times: number[], widthMs: number): number {
	const counts = new Map<number, number>();
	for (const time of times) {
		const window = Math.floor(time / widthMs);
		counts.set(window, (counts.get(window) ?? 0) + 1);
	}
	return Math.max(0, ...counts.values());
}

/**
 * The soonest `requests` can be done from `startMs`: at the per-second rate (no client can
 * know where the gateway's seconds begin), and at most perMinute in each of the gateway's
 * fixed (epoch-aligned) minutes. The floor for a run that begins then: it depends on where
 * in its minute the run starts, since a minute boundary renews the budget.
 */
export function paceFloorMs(startMs: number, requests: number, limits: RateLimits): number {
	let at = startMs;
	let remaining = requests;
	for (;;) {
		const minuteEnds = (Math.floor(at / 60_000) + 1) * 60_000;
		const fits = Math.min(
			limits.perMinute,
			Math.floor(((minuteEnds - at) / 1000) * limits.perSecond),
		);
		if (remaining <= fits) return at + (remaining / limits.perSecond) * 1000 - startMs;
		remaining -= fits;
		at = minuteEnds;
	}
}
