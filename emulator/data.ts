import { seededRandom } from './random';

export interface I18nText {
	zh_cn: string;
	en_us: string;
}

/** A talent pool exactly as `GET /open-apis/hire/v1/talent_pools/` documents it. */
export interface TalentPool {
	id: string;
	i18n_name: I18nText;
	i18n_description: I18nText;
	parent_id: string;
	is_private: 1 | 2;
	create_time: string;
	modify_time: string;
}

export interface TalentIdentification {
	/** 1 PRC resident ID card, 2 passport, 3..6 and 9 other documents (see the talent enums). */
	identification_type: number;
	identification_number: string;
}

/** The `basic_info` fields the emulator keeps, named as `GET /open-apis/hire/v2/talents/:talent_id` names them. */
export interface TalentBasicInfo {
	name: string;
	email: string;
	mobile_code: string;
	mobile_number: string;
	identification: TalentIdentification;
	/** 1 male, 2 female, 3 other; absent when not recorded. */
	gender?: number;
	create_time: string;
	/** Set on create and on every update (the list calls it modify_time). */
	update_time: string;
}

export interface Talent {
	talent_id: string;
	basic_info: TalentBasicInfo;
	is_onboarded: boolean;
	top_degree: number;
	/** The location code the mobile was written with (combined_create / combined_update), e.g. CN_1. */
	mobile_country_code?: string;
	resume_source_id?: string;
	/** Experience lists as last written (education_list, career_list, ...). */
	lists?: Record<string, unknown[]>;
}

export interface SeedData {
	pools: TalentPool[];
	talentIds: string[];
	/** One per talent ID, in the same order. */
	talents: Talent[];
}

const THEMES: Array<[string, string]> = [
	['公共人才库', 'Common Talent Pool'],
	['前端工程师', 'Frontend Engineers'],
	['后端工程师', 'Backend Engineers'],
	['产品经理', 'Product Managers'],
	['设计师', 'Designers'],
	['校园招聘', 'Campus Hiring'],
	['销售', 'Sales'],
	['数据科学', 'Data Science'],
	['运营', 'Operations'],
	['人力资源', 'Human Resources'],
	['财务', 'Finance'],
	['法务', 'Legal'],
];

const POOL_ID_BASE = 6930815272790114324n;
const TALENT_ID_BASE = 7012345678901234567n;
const EPOCH_MS = 1679300424000;

/** 19-digit IDs: larger than 2^53, so any client that turns them into numbers corrupts them. */
export function poolIdAt(index: number): string {
	return (POOL_ID_BASE + BigInt(index) * 7919n).toString();
}

export function talentIdAt(index: number): string {
	return (TALENT_ID_BASE + BigInt(index) * 104729n).toString();
}

/**
 * Deterministic data for a seed: every fifth pool is a root (its own parent, as in the
 * documentation's example), the others hang under the root before them.
 */
export function seedData(poolCount: number, talentCount: number, seed: number): SeedData {
	const random = seededRandom(seed);
	const pools: TalentPool[] = [];
	let rootId = '';
	for (let i = 0; i < poolCount; i++) {
		const id = poolIdAt(i);
		const [zh, en] = THEMES[i % THEMES.length];
		const number = i + 1;
		const isRoot = i % 5 === 0;
		if (isRoot) rootId = id;
		const created = EPOCH_MS + Math.floor(random() * 3.15e10);
		pools.push({
			id,
			i18n_name: { zh_cn: `${zh} ${number}`, en_us: `${en} ${number}` },
			i18n_description: {
				zh_cn: `储备${zh}方向的候选人（${number}）`,
				en_us: `Candidates kept for ${en.toLowerCase()} (${number})`,
			},
			parent_id: rootId,
			is_private: random() < 0.3 ? 1 : 2,
			create_time: String(created),
			modify_time: String(created + Math.floor(random() * 8.64e8)),
		});
	}
	const talentIds = Array.from({ length: talentCount }, (_, i) => talentIdAt(i));
	const talents = talentIds.map((_, i) => seededTalent(i, seed));
	return { pools, talentIds, talents };
}

const SURNAMES: Array<[string, string]> = [
	['张', 'zhang'],
	['王', 'wang'],
	['李', 'li'],
	['刘', 'liu'],
	['陈', 'chen'],
	['杨', 'yang'],
	['黄', 'huang'],
	['赵', 'zhao'],
	['吴', 'wu'],
	['周', 'zhou'],
	['徐', 'xu'],
	['孙', 'sun'],
	['马', 'ma'],
	['朱', 'zhu'],
	['胡', 'hu'],
	['郭', 'guo'],
	['何', 'he'],
	['林', 'lin'],
	['高', 'gao'],
	['罗', 'luo'],
];

const GIVEN_NAMES: Array<[string, string]> = [
	['伟', 'wei'],
	['芳', 'fang'],
	['娜', 'na'],
	['敏', 'min'],
	['静', 'jing'],
	['磊', 'lei'],
	['洋', 'yang'],
	['艳', 'yan'],
	['勇', 'yong'],
	['军', 'jun'],
	['杰', 'jie'],
	['娟', 'juan'],
	['涛', 'tao'],
	['明', 'ming'],
	['超', 'chao'],
	['秀英', 'xiuying'],
	['霞', 'xia'],
	['平', 'ping'],
	['刚', 'gang'],
	['婷', 'ting'],
	['子涵', 'zihan'],
	['浩然', 'haoran'],
	['欣怡', 'xinyi'],
	['宇轩', 'yuxuan'],
];

/** Dialing codes outside mainland China: a number is a lead digit, `randomDigits` random digits, then 7 from the index. */
const FOREIGN_MOBILES = [
	{ code: '852', leads: ['5', '6', '9'], randomDigits: 0 },
	{ code: '1', leads: ['2', '3', '4', '5', '6', '7', '8', '9'], randomDigits: 2 },
	{ code: '65', leads: ['8', '9'], randomDigits: 0 },
];

const MAINLAND_SECOND_DIGITS = ['3', '5', '7', '8', '9'];
const REGION_CODES = [
	'110101',
	'310104',
	'440305',
	'330106',
	'510107',
	'420111',
	'320102',
	'610113',
];
const ID_CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARACTERS = '10X98765432';
/** Birth dates spread over the 10957 days from 1970-01-01. */
const BIRTH_DAYS = 10957;
const DAY_MS = 86_400_000;
/** Values for top_degree; the emulator does not model what each value means. */
const DEGREES = [5, 6, 6, 6, 7, 7, 8];

/**
 * A talent depends only on the seed and its index (not on the talents before it), so a talent
 * added later continues the sequence. Emails and mobile numbers end in a permutation of the
 * index, which keeps them unique for the first million talents.
 */
export function seededTalent(index: number, seed: number): Talent {
	const random = seededRandom(Math.imul(seed, 0x9e3779b1) + index);
	const [surname, surnamePinyin] = pick(SURNAMES, random);
	const [givenName, givenPinyin] = pick(GIVEN_NAMES, random);
	const mobile = seededMobile(index, random);
	const identification = seededIdentification(index, random);
	const created = String(EPOCH_MS + Math.floor(random() * 3.15e10));
	return {
		talent_id: talentIdAt(index),
		basic_info: {
			name: surname + givenName,
			email: `${givenPinyin}.${surnamePinyin}.${String(index).padStart(4, '0')}@example.com`,
			...mobile,
			identification,
			create_time: created,
			update_time: created,
		},
		is_onboarded: random() < 0.1,
		top_degree: pick(DEGREES, random),
		...(mobile.mobile_code === '86' ? { mobile_country_code: 'CN_1' } : {}),
	};
}

function seededMobile(
	index: number,
	random: () => number,
): { mobile_code: string; mobile_number: string } {
	if (random() < 1 / 7) {
		const { code, leads, randomDigits: count } = pick(FOREIGN_MOBILES, random);
		return {
			mobile_code: code,
			mobile_number: pick(leads, random) + randomDigits(count, random) + permutedIndex(index, 7),
		};
	}
	return {
		mobile_code: '86',
		mobile_number: `1${pick(MAINLAND_SECOND_DIGITS, random)}${randomDigits(3, random)}${permutedIndex(index, 6)}`,
	};
}

/** Most talents carry a PRC resident ID card (type 1), about one in eight a passport (type 2). */
function seededIdentification(index: number, random: () => number): TalentIdentification {
	if (random() < 1 / 8)
		return { identification_type: 2, identification_number: `E${permutedIndex(index, 8)}` };
	// The multiplier is prime to 10957 * 1000, so each index gets its own birth date and sequence number.
	const birthAndSequence = (index * 4_567_891 + 1_234_567) % (BIRTH_DAYS * 1000);
	const birthDate = new Date(Date.UTC(1970, 0, 1) + Math.floor(birthAndSequence / 1000) * DAY_MS);
	const body =
		pick(REGION_CODES, random) +
		birthDate.toISOString().slice(0, 10).replace(/-/g, '') +
		String(birthAndSequence % 1000).padStart(3, '0');
	return { identification_type: 1, identification_number: body + idCheckCharacter(body) };
}

/** The ISO 7064 MOD 11-2 check character of an 18-character PRC ID number. */
export function idCheckCharacter(first17: string): string {
	const sum = [...first17].reduce(
		(total, digit, i) => total + Number(digit) * ID_CHECK_WEIGHTS[i],
		0,
	);
	return ID_CHECK_CHARACTERS[sum % 11];
}

/** A bijection on 0..10^width-1 (the multiplier is prime to 10), so distinct indexes give distinct digits. */
function permutedIndex(index: number, width: number): string {
	return String((index * 738_137 + 271_828) % 10 ** width).padStart(width, '0');
}

function randomDigits(count: number, random: () => number): string {
	return Array.from({ length: count }, () => String(Math.floor(random() * 10))).join('');
}

function pick<T>(list: readonly T[], random: () => number): T {
	return list[Math.floor(random() * list.length)];
}
