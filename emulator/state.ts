import type { IncomingMessage } from 'node:http';

import type { Application } from './applications';
import type { SeedData, TalentPool } from './data';
import type { Job } from './jobs';
import type { Note } from './notes';
import type { Outcome } from './http';
import type { HireEndpoint } from './rate-limit';
import type { DuplicatePolicy } from './talent-writes';
import type { TalentRegistry } from './talents';

/** What the emulated Hire tenant holds, shared by the handlers of every resource. */
export interface HireState {
	data: SeedData;
	poolsById: Map<string, TalentPool>;
	talents: TalentRegistry;
	applications: Map<string, Application>;
	jobs: Job[];
	/** Pool ID → its members' talent IDs. */
	membership: Map<string, Set<string>>;
	notes: Map<string, Note>;
	/** Notes created so far: the next note's ID. */
	notesIssued: number;
	/** Talent ID → the IDs of its tags. */
	talentTags: Map<string, Set<string>>;
	/** Folder ID → the talents in it. */
	folderMembers: Map<string, Set<string>>;
	scopes: Set<string>;
	pageTokenSecret: string;
	clock: () => number;
	duplicates: DuplicatePolicy;
	/** Location code → dialing code, for written mobiles. */
	mobileCodes: Record<string, string>;
	/** Whether a refused batch names the unknown talents (the assumed shape). */
	batchErrorNamesTalents: boolean;
	maxLookupList?: number;
	/** Told of every stage change made through the API (the emulator then sends Feishu's event). */
	onStageChanged?: (application: Application, from: Application['stage']) => void;
}

/** One Hire request as a handler sees it, after authentication, the limiter and the fault plan. */
export interface HireRequest {
	req: IncomingMessage;
	url: URL;
	rawBody: string;
	/** The route's path match: its groups are the IDs in the path. */
	match: RegExpExecArray;
}

/** A Hire endpoint: how its requests are recognised and answered. */
export interface HireRoute {
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	path: RegExp;
	endpoint: HireEndpoint;
	handle(state: HireState, request: HireRequest): Outcome;
}

/** The pools a talent is in now. */
export function poolsOf(state: HireState, talentId: string): string[] {
	return state.data.pools
		.filter((pool) => state.membership.get(pool.id)?.has(talentId))
		.map((pool) => pool.id);
}

export function addTo(state: HireState, poolId: string, talentId: string): void {
	const members = state.membership.get(poolId) ?? new Set<string>();
	members.add(talentId);
	state.membership.set(poolId, members);
}
