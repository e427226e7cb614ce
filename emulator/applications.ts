import { APPLIED_JOBS, jobIdAt, PROCESSES } from './jobs';
import { seededRandom } from './random';

/**
 * Applications (a talent applying to a job), as `GET /open-apis/hire/v1/applications/:id`
 * documents them: the bridge from an application event to its talent.
 */
export interface ApplicationStage {
	id: string;
	zh_name: string;
	en_name: string;
	/** Stage type as documented: 1 screening, 2 evaluation, 3 written test, 4 interview, 5 offer, 6 to be onboarded, 7 onboarded, 8 other, 255 system default. */
	type: number;
}

export interface Application {
	id: string;
	job_id: string;
	talent_id: string;
	stage: ApplicationStage;
	/** 1 active, 2 terminated. */
	active_status: 1 | 2;
	create_time: string;
	modify_time: string;
	/** Set by terminate: 1 rejected by us, 22 declined by the candidate, 27 other. */
	termination_type?: number;
	termination_reason_list?: string[];
	termination_reason_note?: string;
}

export const STAGES: ApplicationStage[] = [
	{ id: '6949805467799537001', zh_name: '简历筛选', en_name: 'Resume screening', type: 1 },
	{ id: '6949805467799537002', zh_name: '笔试', en_name: 'Written test', type: 3 },
	{ id: '6949805467799537003', zh_name: '面试', en_name: 'Interview', type: 4 },
	{ id: '6949805467799537004', zh_name: 'Offer', en_name: 'Offer', type: 5 },
	{ id: '6949805467799537005', zh_name: '待入职', en_name: 'To be onboarded', type: 6 },
];

/** Each recruitment process's stages (each process has its own): "onboarded" holds no seeded application. */
export const PROCESS_STAGES: Record<string, ApplicationStage[]> = {
	[PROCESSES[0].id]: [
		...STAGES,
		{ id: '6949805467799537006', zh_name: '已入职', en_name: 'Onboarded', type: 7 },
	],
	[PROCESSES[1].id]: [
		{ id: '6949805467799538001', zh_name: '网申筛选', en_name: 'Application screening', type: 1 },
		{ id: '6949805467799538003', zh_name: '面试', en_name: 'Interview', type: 4 },
		{ id: '6949805467799538004', zh_name: 'Offer', en_name: 'Offer', type: 5 },
		{ id: '6949805467799538006', zh_name: '已入职', en_name: 'Onboarded', type: 7 },
	],
};

/** Termination reasons as `GET /open-apis/hire/v1/termination_reasons` lists them. */
export const TERMINATION_REASONS = [
	{ id: '6891560630172518670', zh: '能力不匹配', en: 'Skills do not match', type: 1, active: 1 },
	{ id: '6891560630172518671', zh: '薪资不匹配', en: 'Salary does not match', type: 1, active: 1 },
	{ id: '6891560630172518672', zh: '已停用原因', en: 'Retired reason', type: 1, active: 2 },
	{
		id: '6891560630172518680',
		zh: '接受其他 Offer',
		en: 'Accepted another offer',
		type: 22,
		active: 1,
	},
	{ id: '6891560630172518681', zh: '个人原因', en: 'Personal reasons', type: 22, active: 1 },
	{ id: '6891560630172518690', zh: '职位关闭', en: 'Job closed', type: 27, active: 1 },
].map(({ id, zh, en, type, active }) => ({
	id,
	name: { zh_cn: zh, en_us: en },
	referral_name: { zh_cn: zh, en_us: en },
	termination_type: type,
	is_used_as_evaluation: false,
	active_status: active,
}));

const APPLICATION_ID_BASE = 6949805467799537964n;
const EPOCH_MS = 1701388800000;
/** Applications seeded by default: one for each of the first talents, at most this many. */
export const MAX_SEEDED_APPLICATIONS = 500;

export function applicationIdAt(index: number): string {
	return (APPLICATION_ID_BASE + BigInt(index) * 15485863n).toString();
}

/** One application per talent for the first `count` talents; about one in four terminated. */
export function seedApplications(
	talentIds: string[],
	seed: number,
	count = MAX_SEEDED_APPLICATIONS,
): Application[] {
	const random = seededRandom(Math.imul(seed, 0x85ebca6b) + 17);
	return talentIds.slice(0, count).map((talent_id, index) => {
		const created = EPOCH_MS + Math.floor(random() * 3.15e10);
		return {
			id: applicationIdAt(index),
			job_id: jobIdAt(index % APPLIED_JOBS),
			talent_id,
			stage: STAGES[Math.floor(random() * STAGES.length)],
			active_status: random() < 0.25 ? 2 : 1,
			create_time: String(created),
			modify_time: String(created + Math.floor(random() * 8.64e8)),
		};
	});
}
