import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger keeps in the workflow's static data between polls: how far it has read
 * Feishu's talent list, by Feishu's own times of change (never n8n's clock).
 */
export interface Watermark {
	/** The newest time of change seen so far, in ms (a talent's `basic_info.modify_time`). */
	watermark: number;
	/** The talents already emitted (or set as the baseline) that changed in exactly that millisecond. */
	boundaryIds: string[];
	/** The keyword the watermark was taken with: another keyword starts afresh. */
	keyword: string;
}

/** One talent of the list, with its time of change when the list gave a readable one. */
export interface ListedTalent {
	talentId: string;
	changedAt?: number;
	/** The list item, with its `id` renamed talent_id as everywhere else in the package. */
	item: IDataObject;
}

/** The stored watermark, or undefined when there is none (or it is not one this node wrote). */
export function readWatermark(data: IDataObject): Watermark | undefined {
	const { watermark, boundaryIds, keyword } = data;
	if (typeof watermark !== 'number' || !Number.isSafeInteger(watermark) || watermark < 0)
		return undefined;
	if (!Array.isArray(boundaryIds) || !boundaryIds.every((id) => typeof id === 'string'))
		return undefined;
	if (typeof keyword !== 'string') return undefined;
	return { watermark, boundaryIds: [...(boundaryIds as string[])], keyword };
}

/** Replaces the stored watermark (whole values, so n8n sees the static data changed). */
export function writeWatermark(data: IDataObject, next: Watermark): void {
	data.watermark = next.watermark;
	data.boundaryIds = [...next.boundaryIds];
	data.keyword = next.keyword;
}

/** A millisecond timestamp as Feishu writes one (a string of digits, or a number), else undefined. */
export function timeOf(value: unknown): number | undefined {
	const text = typeof value === 'number' ? String(value) : value;
	if (typeof text !== 'string' || !/^\d{1,16}$/.test(text.trim())) return undefined;
	const time = Number(text.trim());
	return Number.isSafeInteger(time) ? time : undefined;
}

/** A list item as the trigger reads it, or undefined when it names no talent ID (as text). */
export function listedTalent(raw: IDataObject): ListedTalent | undefined {
	const { id, ...rest } = raw;
	if (typeof id !== 'string' || id.trim() === '') return undefined;
	const basic = rest.basic_info as IDataObject | undefined;
	return {
		talentId: id,
		changedAt: timeOf(basic?.modify_time),
		item: { talent_id: id, ...rest },
	};
}

/** Feishu IDs are digit strings longer than a number holds: compared by length, then text. */
export function compareIds(a: string, b: string): number {
	return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Which listed talents changed since `state`, oldest change first, and the watermark after
 * them. The list was asked for from one millisecond before the watermark, so the boundary
 * millisecond is in it whether Feishu's update_start_time is inclusive or not; talents in
 * that millisecond already emitted are passed over, newer ones are emitted. A talent listed
 * twice (the list moved while it was paged) counts once, at its later time. A talent without
 * a readable time of change is taken to have changed at the watermark (the list's filter says
 * no earlier).
 */
export function selectChanges(
	listed: readonly ListedTalent[],
	state: Watermark,
): { changed: ListedTalent[]; next: Watermark } {
	const latest = new Map<string, ListedTalent & { at: number }>();
	for (const talent of listed) {
		const at = talent.changedAt ?? state.watermark;
		if (at < state.watermark) continue;
		const known = latest.get(talent.talentId);
		if (!known || at > known.at) latest.set(talent.talentId, { ...talent, at });
	}
	const boundary = new Set(state.boundaryIds);
	const seen = [...latest.values()];
	const changed = seen
		.filter((talent) => talent.at > state.watermark || !boundary.has(talent.talentId))
		.sort((a, b) => a.at - b.at || compareIds(a.talentId, b.talentId));
	const newest = seen.reduce((max, talent) => Math.max(max, talent.at), state.watermark);
	const atNewest = seen.filter((talent) => talent.at === newest).map((talent) => talent.talentId);
	const boundaryIds =
		newest === state.watermark ? [...new Set([...state.boundaryIds, ...atNewest])] : atNewest;
	return {
		changed: changed.map(({ at, ...talent }) => ({ ...talent, changedAt: at })),
		next: { watermark: newest, boundaryIds: boundaryIds.sort(compareIds), keyword: state.keyword },
	};
}

/**
 * Whether a talent was created since the watermark `state` holds: its create_time is after
 * it, or in its very millisecond while the talent was not seen there (it was created after
 * that poll read the list).
 */
export function createdSince(
	talentId: string,
	createTime: unknown,
	state: Watermark | undefined,
): boolean {
	const created = timeOf(createTime);
	if (state === undefined || created === undefined) return false;
	return (
		created > state.watermark ||
		(created === state.watermark && !state.boundaryIds.includes(talentId))
	);
}
