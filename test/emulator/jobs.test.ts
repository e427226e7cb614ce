import { startEmulator, type Emulator } from '../../emulator';
import { fetchToken, probe } from '../helpers/probe';

/** The emulator's jobs, strict to the job pages. */
let emulator: Emulator;
let token: string;

beforeAll(async () => {
	emulator = await startEmulator({ rateLimits: false });
	token = await fetchToken(emulator);
});
afterAll(async () => emulator.close());

const list = (query = '') => probe(emulator, 'GET', '/open-apis/hire/v1/jobs', { token, query });

it('lists 10 jobs by default and 20 at most, with opaque page tokens, until every job is read', async () => {
	expect((await list()).data.data.items).toHaveLength(10);
	const ids: string[] = [];
	let pageToken = '';
	for (;;) {
		const page = await list(
			`page_size=20${pageToken ? `&page_token=${encodeURIComponent(pageToken)}` : ''}`,
		);
		ids.push(...page.data.data.items.map((job: { id: string }) => job.id));
		if (!page.data.data.has_more) break;
		expect(page.data.data.page_token).toEqual(expect.any(String));
		pageToken = page.data.data.page_token;
	}
	expect(ids).toEqual(emulator.jobs().map((job) => job.id));
});

it('keeps the jobs changed within the window, both bounds inclusive', async () => {
	const job = emulator.jobs()[7];
	const at = job.update_timestamp;
	const page = await list(`page_size=20&update_start_time=${at}&update_end_time=${at}`);
	expect(page.data.data.items.map((found: { id: string }) => found.id)).toEqual([job.id]);
});

it.each(['page_size=21', 'page_size=0', 'status=1', 'update_start_time=yesterday'])(
	'refuses %s with 400 / 1002002',
	async (query) => {
		const response = await list(query);
		expect(response.status).toBe(400);
		expect(response.data.code).toBe(1002002);
	},
);

it('reads a job, and answers an unknown one with HTTP 404 / 1002601', async () => {
	const job = emulator.jobs()[0];
	const found = await probe(emulator, 'GET', `/open-apis/hire/v1/jobs/${job.id}`, { token });
	expect(found.data.data.job).toMatchObject({
		id: job.id,
		title: job.title,
		active_status: job.active_status,
	});
	const missing = await probe(emulator, 'GET', '/open-apis/hire/v1/jobs/6001', { token });
	expect(missing.status).toBe(404);
	expect(missing.data.code).toBe(1002601);
});

it('puts the seeded applications on its first jobs, and documents stage types as the enum page does', () => {
	const jobIds = new Set(emulator.jobs().map((job) => job.id));
	expect(emulator.applications().every((application) => jobIds.has(application.job_id))).toBe(true);
	const types = new Set(emulator.applications().map((application) => application.stage.type));
	expect([...types].every((type) => [1, 2, 3, 4, 5, 6, 7, 8, 255].includes(type))).toBe(true);
	expect(
		emulator.applications().find((application) => application.stage.en_name === 'Offer')?.stage
			.type,
	).toBe(5);
});
