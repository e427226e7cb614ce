import { seededTalent, talentIdAt, type Talent, type TalentBasicInfo } from './data';
import { FEISHU, FeishuFailure, type FeishuError } from './hire-errors';
import { applyWrite, type TalentWrite } from './talent-writes';

/** What the inspection API and the CLI show of a talent. */
export interface TalentSummary {
	talent_id: string;
	name: string;
	email: string;
	mobile_code: string;
	mobile_number: string;
}

/** The talents the emulator knows: the seeded ones, then those added through the inspection API. */
export class TalentRegistry {
	private talents: Talent[];
	private readonly byId = new Map<string, Talent>();

	constructor(
		private readonly seeded: Talent[],
		private readonly seed: number,
	) {
		this.talents = [];
		this.reset();
	}

	all(): readonly Talent[] {
		return this.talents;
	}

	get(talentId: string): Talent | undefined {
		return this.byId.get(talentId);
	}

	has(talentId: string): boolean {
		return this.byId.has(talentId);
	}

	/** A new talent with the next ID: seeded defaults, overridden by the given fields (duplicates are allowed, as in Hire). */
	add(basicInfo: Partial<TalentBasicInfo> = {}): Talent {
		const defaults = seededTalent(this.talents.length, this.seed);
		const talent: Talent = {
			...defaults,
			basic_info: { ...defaults.basic_info, ...basicInfo },
			is_onboarded: false,
		};
		this.talents.push(talent);
		this.byId.set(talent.talent_id, talent);
		return talent;
	}

	/** The ID the next talent gets. */
	nextId(): string {
		return talentIdAt(this.talents.length);
	}

	/** A talent combined_create makes: the next talent ID, only the fields written. */
	create(write: TalentWrite, mobileCodes: Record<string, string>, now: number): Talent {
		const talent: Talent = {
			talent_id: this.nextId(),
			basic_info: {
				name: '',
				email: '',
				mobile_code: '',
				mobile_number: '',
				identification: { identification_type: 0, identification_number: '' },
				create_time: String(now),
				update_time: String(now),
			},
			is_onboarded: false,
			top_degree: 0,
		};
		applyWrite(talent, write, mobileCodes, now);
		this.talents.push(talent);
		this.byId.set(talent.talent_id, talent);
		return talent;
	}

	/** Back to the seeded talents only, as they were seeded (updates undone). */
	reset(): void {
		this.talents = this.seeded.map((talent) => structuredClone(talent));
		this.byId.clear();
		for (const talent of this.talents) this.byId.set(talent.talent_id, talent);
	}
}

export function talentSummary({ talent_id, basic_info: info }: Talent): TalentSummary {
	return {
		talent_id,
		name: info.name,
		email: info.email,
		mobile_code: info.mobile_code,
		mobile_number: info.mobile_number,
	};
}

/** The documented identification types (the talent enums). */
const IDENTIFICATION_TYPES = new Set([1, 2, 3, 4, 5, 6, 9]);
/** Not documented: the size of Feishu's other Hire batch endpoints (a README assumption). */
export const MAX_LOOKUP_LIST = 50;
const LOOKUP_FIELDS = new Set([
	'mobile_code',
	'mobile_number_list',
	'email_list',
	'identification_type',
	'identification_number_list',
]);
const MOBILE_CODE = /^\d{1,4}$/;
/** Mainland mobile numbers begin 13 to 19: Feishu's own check is not documented, and may be stricter than a client's. */
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
const OTHER_MOBILE = /^\d{4,15}$/;

/** A batch_get_id body, checked; empty lists stand for lists not given. */
export interface TalentLookup {
	mobileCode: string;
	mobileNumbers: string[];
	emails: string[];
	identificationType?: number;
	identificationNumbers: string[];
}

export function parseLookup(
	body: Record<string, unknown>,
	maxList = MAX_LOOKUP_LIST,
): TalentLookup {
	for (const field of Object.keys(body)) {
		if (!LOOKUP_FIELDS.has(field)) fail(FEISHU.hireParamError, `unknown field ${field}`);
	}
	const givenCode = optionalString(body, 'mobile_code');
	const lookup: TalentLookup = {
		mobileCode: givenCode ?? '86',
		mobileNumbers: stringList(body, 'mobile_number_list', maxList),
		emails: stringList(body, 'email_list', maxList),
		identificationType: identificationType(body.identification_type),
		identificationNumbers: stringList(body, 'identification_number_list', maxList),
	};
	if (lookup.identificationNumbers.length > 0 && lookup.identificationType === undefined) {
		fail(FEISHU.hireParamError, 'identification_type is required with identification_number_list');
	}
	if (givenCode !== undefined && !MOBILE_CODE.test(givenCode))
		fail(FEISHU.invalidMobile, 'mobile_code');
	const pattern = lookup.mobileCode === '86' ? MAINLAND_MOBILE : OTHER_MOBILE;
	for (const number of lookup.mobileNumbers) {
		if (!pattern.test(number)) fail(FEISHU.invalidMobile, number);
	}
	return lookup;
}

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
	const value = body[field];
	if (value === undefined) return undefined;
	if (typeof value !== 'string') fail(FEISHU.hireParamError, `${field} must be a string`);
	return value;
}

function stringList(body: Record<string, unknown>, field: string, maxList: number): string[] {
	const value = body[field];
	if (value === undefined) return [];
	if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
		fail(FEISHU.hireParamError, `${field} must be a list of strings`);
	if (value.length > maxList)
		fail(FEISHU.hireParamError, `${field} holds more than ${maxList} items`);
	return value;
}

function identificationType(value: unknown): number | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || !IDENTIFICATION_TYPES.has(value))
		fail(FEISHU.hireParamError, 'identification_type is not a documented type');
	return value;
}

/** One kind of list sent: which talents it matches, and the fields their entries echo. */
interface LookupKey {
	matches(info: TalentBasicInfo): boolean;
	echo(info: TalentBasicInfo): Record<string, unknown>;
}

function lookupKeys(lookup: TalentLookup): LookupKey[] {
	const keys: LookupKey[] = [];
	if (lookup.mobileNumbers.length > 0) {
		const numbers = new Set(lookup.mobileNumbers);
		keys.push({
			matches: (info) => info.mobile_code === lookup.mobileCode && numbers.has(info.mobile_number),
			echo: (info) => ({ mobile_code: info.mobile_code, mobile_number: info.mobile_number }),
		});
	}
	if (lookup.emails.length > 0) {
		const emails = new Set(lookup.emails);
		keys.push({
			matches: (info) => emails.has(info.email),
			echo: (info) => ({ email: info.email }),
		});
	}
	if (lookup.identificationNumbers.length > 0) {
		const numbers = new Set(lookup.identificationNumbers);
		keys.push({
			matches: ({ identification }) =>
				identification.identification_type === lookup.identificationType &&
				numbers.has(identification.identification_number),
			echo: ({ identification }) => ({ ...identification }),
		});
	}
	return keys;
}

/** The talent_list entries: talents matching one item of every list sent (the documented AND); none without lists. */
export function lookUpTalents(
	talents: readonly Talent[],
	lookup: TalentLookup,
	withOnboardStatus: boolean,
): Array<Record<string, unknown>> {
	const keys = lookupKeys(lookup);
	if (keys.length === 0) return [];
	return talents
		.filter((talent) => keys.every((key) => key.matches(talent.basic_info)))
		.map((talent) =>
			Object.assign(
				{ talent_id: talent.talent_id },
				...keys.map((key) => key.echo(talent.basic_info)),
				withOnboardStatus ? { is_onboarded: talent.is_onboarded } : {},
			),
		);
}

const USER_ID_TYPES = new Set(['open_id', 'union_id', 'user_id']);

/** The talent details query may hold `user_id_type` only, once, with a documented value. */
export function checkTalentQuery(query: URLSearchParams): void {
	for (const key of query.keys()) {
		if (key !== 'user_id_type') fail(FEISHU.hireParamError, `unsupported parameter ${key}`);
	}
	const userIdTypes = query.getAll('user_id_type');
	if (userIdTypes.length > 1 || userIdTypes.some((value) => !USER_ID_TYPES.has(value))) {
		fail(FEISHU.hireParamError, 'user_id_type must be open_id, union_id or user_id');
	}
}

/** The talent object `GET /open-apis/hire/v2/talents/:talent_id` answers as `data`, for the fields the emulator keeps. */
export function talentDetails(talent: Talent, poolIds: string[]): Record<string, unknown> {
	return {
		talent_id: talent.talent_id,
		basic_info: talent.basic_info,
		talent_pool_id_list: poolIds,
		is_onboarded: talent.is_onboarded,
		is_in_agency_period: false,
		top_degree: talent.top_degree,
		education_list: talent.lists?.education_list ?? [],
		career_list: talent.lists?.career_list ?? [],
	};
}

function fail(error: FeishuError, detail?: string): never {
	throw new FeishuFailure(error, detail);
}
