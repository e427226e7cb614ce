import { seededRandom } from './random';

/**
 * Jobs as `GET /open-apis/hire/v1/jobs` and `/jobs/:job_id` document them (default fields).
 * Where the pages are silent the emulator assumes: a job's `active_status` is 1 open, 2 closed
 * (the enum page's 启用状态, seen on jobs only in the list's example); both update-time bounds
 * are inclusive. Job IDs are taken as opaque strings, as the pages type them.
 */
export interface Job {
	id: string;
	title: string;
	code: string;
	description: string;
	active_status: 1 | 2;
	process_type: 1 | 2;
	process_id: string;
	process_name: string;
	process_en_name: string;
	department: { id: string; zh_name: string; en_name: string };
	city_list: Array<{ code: string; name: { zh_cn: string; en_us: string } }>;
	head_count: number;
	job_attribute: 1 | 2;
	/** Deprecated ints, and their ms-string successors. */
	create_time: number;
	update_time: number;
	create_timestamp: string;
	update_timestamp: string;
}

/** The jobs the seeded applications are on: the first jobs. */
export const APPLIED_JOBS = 12;
const JOBS = 45;
const JOB_ID_BASE = 6930822004891633924n;
const EPOCH_MS = 1698796800000;
const TITLES: Array<[string, string]> = [
	['前端工程师', 'Frontend Engineer'],
	['后端工程师', 'Backend Engineer'],
	['产品经理', 'Product Manager'],
	['数据分析师', 'Data Analyst'],
	['UI 设计师', 'UI Designer'],
	['销售经理', 'Sales Manager'],
	['招聘专员', 'Recruiter'],
	['财务主管', 'Finance Lead'],
	['测试工程师', 'QA Engineer'],
];
export const PROCESSES = [
	{ id: '6930822004891634001', zh_name: '社招流程', en_name: 'Experienced hire', type: 1 as const },
	{ id: '6930822004891634002', zh_name: '校招流程', en_name: 'Campus hire', type: 2 as const },
];

export function jobIdAt(index: number): string {
	return (JOB_ID_BASE + BigInt(index) * 7n).toString();
}

/** Deterministic jobs: about one in three closed, some of the later ones on the campus process. */
export function seedJobs(seed: number): Job[] {
	const random = seededRandom(Math.imul(seed, 0x27d4eb2d) + 29);
	return Array.from({ length: JOBS }, (_, index) => {
		const [zh, en] = TITLES[index % TITLES.length];
		const created = EPOCH_MS + Math.floor(random() * 3.15e10);
		const updated = created + Math.floor(random() * 8.64e8);
		// The applications' jobs run the experienced-hire process; some later jobs the campus one.
		const campus = random() < 0.25;
		const process = campus && index >= APPLIED_JOBS ? PROCESSES[1] : PROCESSES[0];
		return {
			id: jobIdAt(index),
			title: `${zh} ${index + 1}`,
			code: `J${String(index + 1).padStart(4, '0')}`,
			description: `${en} ${index + 1}`,
			active_status: random() < 1 / 3 ? 2 : 1,
			process_type: process.type,
			process_id: process.id,
			process_name: process.zh_name,
			process_en_name: process.en_name,
			department: { id: 'od-4e6ac4d14bcd5071a37a39de902c7141', zh_name: '研发部', en_name: 'R&D' },
			city_list: [{ code: 'CT_11', name: { zh_cn: '北京', en_us: 'Beijing' } }],
			head_count: 1 + Math.floor(random() * 5),
			job_attribute: 1,
			create_time: created,
			update_time: updated,
			create_timestamp: String(created),
			update_timestamp: String(updated),
		};
	});
}
