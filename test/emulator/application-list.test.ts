import { startEmulator, type Emulator } from '../../emulator';
import { fetchToken, probe } from '../helpers/probe';

/** The emulator's application list (IDs only) and details, strict to their pages. */
let emulator: Emulator;
let token: string;

beforeAll(async () => {
	emulator = await startEmulator({ rateLimits: false });
	token = await fetchToken(emulator);
});
afterAll(async () => emulator.close());

const list = (query = '') =>
	probe(emulator, 'GET', '/open-apis/hire/v1/applications', { token, query });
const detail = (id: string, query = '') =>
	probe(emulator, 'GET', `/open-apis/hire/v1/applications/${id}/get_detail`, { token, query });

it('lists IDs only, 10 by default and 200 at most, all statuses when none is given', async () => {
	const first = await list();
	expect(first.data.data.items).toEqual(
		emulator
			.applications()
			.slice(0, 10)
			.map((one) => one.id),
	);
	const all: string[] = [];
	let pageToken = '';
	for (;;) {
		const page = await list(
			`page_size=200${pageToken ? `&page_token=${encodeURIComponent(pageToken)}` : ''}`,
		);
		all.push(...page.data.data.items);
		if (!page.data.data.has_more) break;
		pageToken = page.data.data.page_token;
	}
	expect(all).toEqual(emulator.applications().map((one) => one.id));
});

it('combines its filters with AND; active_status "2" is terminated, "3" all', async () => {
	const { job_id: job } = emulator.applications()[0];
	const page = await list(`page_size=200&job_id=${job}&active_status=2`);
	expect(page.data.data.items).toEqual(
		emulator
			.applications()
			.filter((one) => one.job_id === job && one.active_status === 2)
			.map((one) => one.id),
	);
	const every = await list(`page_size=200&job_id=${job}&active_status=3`);
	expect(every.data.data.items).toHaveLength(
		emulator.applications().filter((one) => one.job_id === job).length,
	);
});

it.each(['page_size=201', 'active_status=4', 'lock_status=9', 'update_end_time=soon', 'limit=5'])(
	'refuses %s with 400 / 1002002',
	async (query) => {
		const response = await list(query);
		expect(response.status).toBe(400);
		expect(response.data.code).toBe(1002002);
	},
);

it('gives details with the blocks asked for, refuses unknown options, and answers a missing application 400 / 1002201', async () => {
	const application = emulator.applications()[2];
	const found = await detail(application.id, 'options=with_job&options=with_talent');
	expect(found.data.data.application_detail).toMatchObject({
		basic_info: { id: application.id },
		job: { id: application.job_id },
		talent: { id: application.talent_id },
	});
	expect((await detail(application.id)).data.data.application_detail).not.toHaveProperty('job');
	expect((await detail(application.id, 'options=with_everything')).data.code).toBe(1002002);
	const missing = await detail('6949805467799999999');
	expect([missing.status, missing.data.code]).toEqual([400, 1002201]);
});
