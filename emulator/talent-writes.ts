import type { Talent } from './data';
import { FEISHU, FeishuFailure, type FeishuError } from './hire-errors';

/*
 * combined_create, combined_update and the talent list, strict to
 * shared/docs/feishu-hire-talent-write.md. Where the pages are silent the emulator assumes:
 * - Duplicates are a tenant setting in Hire (`duplicates`): with `reject` (the default) a
 *   create whose email (trimmed, ignoring case), mobile (dialing code and number) or ID
 *   document (type and number) belongs to another talent is HTTP 400 / 1002105 and nothing
 *   is created; with `allow` a second talent is created.
 * - An update whose email or mobile belongs to another talent is HTTP 400 / 1002101.
 * - basic_info fields an update leaves out keep their value; an experience list that is sent
 *   replaces the stored one, one that is left out stays.
 * - mobile_country_code is a location code; a dialing code there ("86", "+852") is 1002002.
 *   A mobile without it is a mainland number (CN_1), as batch_get_id assumes 86.
 * - The list's keyword matches name, email and mobile number, ignoring case: words are ANDed,
 *   `or` separates alternatives, `not` excludes the next word. Both update-time bounds are
 *   inclusive.
 */
export type DuplicatePolicy = 'reject' | 'allow';

/** Location code → dialing code: only the pair the pages show together (CN_1 → 86) unless configured. */
export const DEFAULT_MOBILE_CODES: Record<string, string> = { CN_1: '86' };

const IDENTIFICATION_TYPES = new Set([1, 2, 3, 4, 5, 6, 9]);
export const EXPERIENCE_LISTS = [
	'education_list',
	'career_list',
	'project_list',
	'works_list',
	'award_list',
	'language_list',
	'sns_list',
] as const;
const MAX_LIST = 100;
const STRING_FIELDS = ['init_source_id', 'resume_attachment_id'];
const CREATE_FIELDS = new Set([
	...STRING_FIELDS,
	'resume_source_id',
	'folder_id_list',
	'creator_id',
	'creator_account_type',
	'basic_info',
	...EXPERIENCE_LISTS,
	'preferred_city_code_list',
	'self_evaluation',
	'customized_data',
]);
const UPDATE_FIELDS = new Set([
	...STRING_FIELDS,
	'talent_id',
	'folder_id_list',
	'operator_id',
	'operator_account_type',
	'basic_info',
	...EXPERIENCE_LISTS,
	'preferred_city_code_list',
	'self_evaluation',
	'customized_data',
]);
const BASIC_STRINGS = [
	'name',
	'mobile',
	'mobile_country_code',
	'email',
	'start_work_time',
	'birthday',
	'nationality_id',
	'current_city_code',
	'hometown_city_code',
];
const BASIC_FIELDS = new Set([...BASIC_STRINGS, 'identification', 'gender', 'customized_data']);
/** A dialing code, not a location code: digits, perhaps after a "+". */
const DIALING_CODE = /^\+?\d+$/;

/** What a create or update writes: the fields it sends, checked. */
export interface TalentWrite {
	talentId?: string;
	name?: string;
	email?: string;
	mobile?: string;
	mobileCountryCode?: string;
	identification?: { identification_type: number; identification_number: string };
	gender?: number;
	resumeSourceId?: string;
	/** The experience lists the body holds (each replaces the stored one). */
	lists: Partial<Record<(typeof EXPERIENCE_LISTS)[number], unknown[]>>;
}

export function parseCreate(body: Record<string, unknown>): TalentWrite {
	checkKeys(body, CREATE_FIELDS, '');
	const write = parseCommon(body);
	if (write.name === undefined || write.name.trim() === '')
		fail(FEISHU.hireParamError, 'basic_info.name is required');
	const source = body.resume_source_id ?? body.init_source_id;
	if (source !== undefined) write.resumeSourceId = source as string;
	if (body.resume_source_id !== undefined && typeof body.resume_source_id !== 'string')
		fail(FEISHU.hireParamError, 'resume_source_id must be a string');
	return write;
}

export function parseUpdate(body: Record<string, unknown>): TalentWrite & { talentId: string } {
	checkKeys(body, UPDATE_FIELDS, '');
	if (typeof body.talent_id !== 'string' || body.talent_id.trim() === '')
		fail(FEISHU.hireParamError, 'talent_id is required');
	const write = parseCommon(body);
	if (write.name !== undefined && write.name.trim() === '')
		fail(FEISHU.hireParamError, 'basic_info.name must not be empty');
	return { ...write, talentId: body.talent_id };
}

function parseCommon(body: Record<string, unknown>): TalentWrite {
	for (const field of STRING_FIELDS) optionalType(body, field, 'string');
	for (const field of ['creator_account_type', 'operator_account_type']) {
		if (body[field] !== undefined && body[field] !== 1 && body[field] !== 3)
			fail(FEISHU.hireParamError, `${field} must be 1 or 3`);
	}
	for (const field of ['creator_id', 'operator_id']) optionalType(body, field, 'string');
	for (const field of ['folder_id_list', 'preferred_city_code_list'])
		stringList(body[field], field);
	const lists: TalentWrite['lists'] = {};
	for (const field of EXPERIENCE_LISTS) {
		const value = body[field];
		if (value === undefined) continue;
		if (!Array.isArray(value) || value.length > MAX_LIST)
			fail(FEISHU.hireParamError, `${field} must be a list of at most ${MAX_LIST}`);
		if (!value.every((entry) => typeof entry === 'object' && entry !== null))
			fail(FEISHU.hireParamError, `${field} must hold objects`);
		lists[field] = value;
	}
	if (body.customized_data !== undefined && !Array.isArray(body.customized_data))
		fail(FEISHU.hireParamError, 'customized_data must be a list');
	if (
		body.self_evaluation !== undefined &&
		(typeof body.self_evaluation !== 'object' || body.self_evaluation === null)
	)
		fail(FEISHU.hireParamError, 'self_evaluation must be an object');

	const info = body.basic_info;
	if (typeof info !== 'object' || info === null || Array.isArray(info))
		fail(FEISHU.hireParamError, 'basic_info is required');
	const basic = info as Record<string, unknown>;
	checkKeys(basic, BASIC_FIELDS, 'basic_info.');
	for (const field of BASIC_STRINGS) optionalType(basic, field, 'string', 'basic_info.');
	const countryCode = basic.mobile_country_code as string | undefined;
	if (countryCode !== undefined && (countryCode.trim() === '' || DIALING_CODE.test(countryCode)))
		fail(
			FEISHU.hireParamError,
			`basic_info.mobile_country_code must be a location code such as CN_1, not "${countryCode}"`,
		);
	if (basic.gender !== undefined && basic.gender !== 1 && basic.gender !== 2 && basic.gender !== 3)
		fail(FEISHU.hireParamError, 'basic_info.gender must be 1, 2 or 3');
	if (basic.customized_data !== undefined && !Array.isArray(basic.customized_data))
		fail(FEISHU.hireParamError, 'basic_info.customized_data must be a list');
	return {
		name: basic.name as string | undefined,
		email: basic.email as string | undefined,
		mobile: basic.mobile as string | undefined,
		mobileCountryCode: countryCode,
		identification: identification(basic.identification),
		gender: basic.gender as number | undefined,
		lists,
	};
}

function identification(value: unknown): TalentWrite['identification'] {
	if (value === undefined) return undefined;
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		fail(FEISHU.hireParamError, 'basic_info.identification must be an object');
	const {
		identification_type: type,
		identification_number: number,
		...rest
	} = value as Record<string, unknown>;
	if (Object.keys(rest).length > 0)
		fail(FEISHU.hireParamError, `unknown field basic_info.identification.${Object.keys(rest)[0]}`);
	if (typeof type !== 'number' || !IDENTIFICATION_TYPES.has(type))
		fail(FEISHU.hireParamError, 'basic_info.identification.identification_type is not documented');
	if (typeof number !== 'string' || number.trim() === '')
		fail(FEISHU.hireParamError, 'basic_info.identification.identification_number is required');
	return { identification_type: type, identification_number: number };
}

/** The dialing code a location code stands for, or '' when the emulator has no pair for it. */
export function dialingCode(
	countryCode: string | undefined,
	mobileCodes: Record<string, string>,
): string {
	return mobileCodes[countryCode ?? 'CN_1'] ?? '';
}

/** The talent other than `target` (the one updated) that already holds one of the write's keys, if any. */
export function conflictingTalent(
	talents: readonly Talent[],
	write: TalentWrite,
	mobileCodes: Record<string, string>,
	target?: Talent,
): { talent: Talent; key: string } | undefined {
	const email = write.email?.trim().toLowerCase();
	const mobile = write.mobile?.trim();
	const code = mobile ? dialingCode(countryCodeAfter(write, target), mobileCodes) : '';
	const document = write.identification;
	for (const talent of talents) {
		if (talent === target) continue;
		const info = talent.basic_info;
		if (email && info.email.trim().toLowerCase() === email) return { talent, key: 'email' };
		if (mobile && info.mobile_number === mobile && info.mobile_code === code)
			return { talent, key: 'mobile' };
		if (
			document &&
			info.identification.identification_type === document.identification_type &&
			info.identification.identification_number === document.identification_number
		)
			return { talent, key: 'identification' };
	}
	return undefined;
}

/** The location code of the talent's mobile after the write: sent, else kept, else mainland. */
function countryCodeAfter(write: TalentWrite, talent: Talent | undefined): string {
	return write.mobileCountryCode ?? talent?.mobile_country_code ?? 'CN_1';
}

/** The stored talent after `write`: fields sent replace, fields left out stay. */
export function applyWrite(
	talent: Talent,
	write: TalentWrite,
	mobileCodes: Record<string, string>,
	now: number,
): void {
	const info = talent.basic_info;
	if (write.name !== undefined) info.name = write.name;
	if (write.email !== undefined) info.email = write.email;
	if (write.mobile !== undefined) info.mobile_number = write.mobile;
	if (write.mobile !== undefined || write.mobileCountryCode !== undefined) {
		talent.mobile_country_code = countryCodeAfter(write, talent);
		info.mobile_code = dialingCode(talent.mobile_country_code, mobileCodes);
	}
	if (write.identification) info.identification = { ...write.identification };
	if (write.gender !== undefined) info.gender = write.gender;
	if (write.resumeSourceId !== undefined) talent.resume_source_id = write.resumeSourceId;
	talent.lists = { ...talent.lists, ...write.lists };
	info.update_time = String(now);
}

export interface TalentListQuery {
	keyword?: string;
	updateStart?: number;
	updateEnd?: number;
	pageSize: number;
	sortBy: number;
	pageToken?: string;
}

const LIST_PARAMETERS = new Set([
	'keyword',
	'update_start_time',
	'update_end_time',
	'page_size',
	'sort_by',
	'page_token',
	'user_id_type',
	'query_option',
]);
const USER_ID_TYPES = new Set(['open_id', 'union_id', 'user_id', 'people_admin_id']);

export function parseListQuery(query: URLSearchParams): TalentListQuery {
	for (const key of query.keys()) {
		if (!LIST_PARAMETERS.has(key)) fail(FEISHU.hireParamError, `unsupported parameter ${key}`);
		if (query.getAll(key).length > 1) fail(FEISHU.hireParamError, `${key} is given twice`);
	}
	const integer = (name: string, min: number, max: number): number | undefined => {
		const raw = query.get(name);
		if (raw === null) return undefined;
		const value = Number(raw);
		if (!/^\d+$/.test(raw) || value < min || value > max)
			fail(FEISHU.hireParamError, `${name} must be an integer from ${min} to ${max}`);
		return value;
	};
	const userIdType = query.get('user_id_type');
	if (userIdType !== null && !USER_ID_TYPES.has(userIdType))
		fail(FEISHU.hireParamError, 'user_id_type is not documented');
	const queryOption = query.get('query_option');
	if (queryOption !== null && queryOption !== 'ignore_empty_error')
		fail(FEISHU.hireParamError, 'query_option must be ignore_empty_error');
	return {
		keyword: query.get('keyword') ?? undefined,
		updateStart: integer('update_start_time', 0, Number.MAX_SAFE_INTEGER),
		updateEnd: integer('update_end_time', 0, Number.MAX_SAFE_INTEGER),
		pageSize: integer('page_size', 1, 20) ?? 10,
		sortBy: integer('sort_by', 1, 4) ?? 1,
		pageToken: query.get('page_token') ?? undefined,
	};
}

/** The talents a list query matches, in the order its sort_by names (newest first). */
export function listedTalents(talents: readonly Talent[], query: TalentListQuery): Talent[] {
	const matches = keywordMatcher(query.keyword);
	const sortTime = (talent: Talent) =>
		Number(query.sortBy === 4 ? talent.basic_info.create_time : talent.basic_info.update_time);
	return talents
		.filter((talent) => {
			const updated = Number(talent.basic_info.update_time);
			if (query.updateStart !== undefined && updated < query.updateStart) return false;
			if (query.updateEnd !== undefined && updated > query.updateEnd) return false;
			return matches(talent);
		})
		.sort(
			(a, b) => sortTime(b) - sortTime(a) || (BigInt(b.talent_id) > BigInt(a.talent_id) ? 1 : -1),
		);
}

function keywordMatcher(keyword: string | undefined): (talent: Talent) => boolean {
	const text = keyword?.trim().toLowerCase();
	if (!text) return () => true;
	const alternatives = text.split(/\s+or\s+/).map((part) => {
		const words = part.split(/\s+/).filter((word) => word !== 'and');
		const terms: Array<{ word: string; negated: boolean }> = [];
		for (let i = 0; i < words.length; i++) {
			if (words[i] === 'not' && i + 1 < words.length)
				terms.push({ word: words[++i], negated: true });
			else terms.push({ word: words[i], negated: false });
		}
		return terms;
	});
	return ({ basic_info: info }) => {
		const haystack = `${info.name} ${info.email} ${info.mobile_number}`.toLowerCase();
		return alternatives.some((terms) =>
			terms.every(({ word, negated }) => haystack.includes(word) !== negated),
		);
	};
}

/** A list item, as `GET /open-apis/hire/v1/talents` documents one. */
export function listItem(talent: Talent): Record<string, unknown> {
	const info = talent.basic_info;
	return {
		id: talent.talent_id,
		is_in_agency_period: false,
		is_onboarded: talent.is_onboarded,
		basic_info: {
			name: info.name,
			mobile: info.mobile_number,
			mobile_code: info.mobile_code,
			mobile_country_code: talent.mobile_country_code ?? '',
			email: info.email,
			gender: info.gender,
			identification_type: info.identification.identification_type,
			identification_number: info.identification.identification_number,
			modify_time: info.update_time,
		},
		...Object.fromEntries(EXPERIENCE_LISTS.map((list) => [list, talent.lists?.[list] ?? []])),
		top_degree: talent.top_degree,
	};
}

function checkKeys(value: Record<string, unknown>, allowed: Set<string>, prefix: string): void {
	for (const key of Object.keys(value)) {
		if (!allowed.has(key)) fail(FEISHU.hireParamError, `unknown field ${prefix}${key}`);
	}
}

function optionalType(
	value: Record<string, unknown>,
	field: string,
	type: 'string',
	prefix = '',
): void {
	if (value[field] !== undefined && typeof value[field] !== type)
		fail(FEISHU.hireParamError, `${prefix}${field} must be a ${type}`);
}

function stringList(value: unknown, field: string): void {
	if (value === undefined) return;
	if (
		!Array.isArray(value) ||
		value.length > MAX_LIST ||
		!value.every((entry) => typeof entry === 'string')
	)
		fail(FEISHU.hireParamError, `${field} must be a list of at most ${MAX_LIST} strings`);
}

function fail(error: FeishuError, detail?: string): never {
	throw new FeishuFailure(error, detail);
}
