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

export interface SeedData {
	pools: TalentPool[];
	talentIds: string[];
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
	return { pools, talentIds };
}
