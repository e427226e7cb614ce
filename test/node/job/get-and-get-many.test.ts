import { SCOPE_TALENT_READ } from '../../../emulator';
import { startFixture, useEmulator } from '../../helpers/fixture';

/** Job → Get and Get Many through n8n-core against the emulator's jobs. */
const t = useEmulator();
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const get = (jobId: unknown) => ({ parameters: { resource: 'job', operation: 'get', jobId } });
const getMany = (parameters: Record<string, unknown>) => ({
	parameters: { resource: 'job', operation: 'getAll', ...parameters },
});
const pageSizes = () =>
	t.emulator
		.requests('listJobs')
		.map((entry) => Number(new URLSearchParams(entry.query).get('page_size')));

describe('Job → Get', () => {
	it('reads a job by ID, its ID kept as text', async () => {
		const job = t.emulator.jobs()[3];
		const { items, error } = await t.n8n.run(get(byId(job.id)));
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			id: job.id,
			title: job.title,
			process_id: job.process_id,
		});
	});

	it("answers an unknown job with Feishu's 1002601 (HTTP 404) and a hint", async () => {
		const { error } = await t.n8n.run(get(byId('6001')));
		expect(error).toMatchObject({
			message: expect.stringContaining('1002601'),
			description: expect.stringContaining('No job has this Job ID'),
			httpCode: '404',
		});
	});

	it.each([
		['empty', '={{ "" }}', /^Job is empty \(item 0\)$/],
		[
			'a number',
			'={{ 6930822004891633924 }}',
			/^Job is the number 6930822004891634000: IDs must be text/,
		],
		[
			'a path',
			'../talents/7012345678901234567',
			/^Job "\.\.\/talents\/7012345678901234567" is not an ID \(item 0\)$/,
		],
	])('refuses a Job ID that is %s before anything is sent', async (_case, value, message) => {
		const { error } = await t.n8n.run(get(byId(value)));
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: expect.stringMatching(message),
		});
		expect(t.emulator.requests('getJob')).toHaveLength(0);
	});
});

describe('Job → Get Many', () => {
	it('stops exactly at the limit, 20 a page at most', async () => {
		const { items, error } = await t.n8n.run(getMany({ limit: 25 }));
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(
			t.emulator
				.jobs()
				.slice(0, 25)
				.map((job) => job.id),
		);
		expect(pageSizes()).toEqual([20, 5]);
	});

	it.each([
		['open', 1],
		['closed', 2],
	] as const)(
		'keeps only %s jobs, reading every page since Feishu cannot filter by status',
		async (status, code) => {
			const { items } = await t.n8n.run(getMany({ returnAll: true, filters: { status } }));
			const expected = t.emulator.jobs().filter((job) => job.active_status === code);
			expect(expected.length).toBeGreaterThan(0);
			expect(items.map((item) => item.json.id)).toEqual(expected.map((job) => job.id));
			expect(pageSizes()).toEqual([20, 20, 20]);
		},
	);

	it('a limit with a status filter reads pages until it has that many jobs in that status', async () => {
		const { items } = await t.n8n.run(getMany({ limit: 3, filters: { status: 'closed' } }));
		const closed = t.emulator.jobs().filter((job) => job.active_status === 2);
		expect(items.map((item) => item.json.id)).toEqual(closed.slice(0, 3).map((job) => job.id));
	});

	it('passes the time window to Feishu as ms', async () => {
		const jobs = t.emulator.jobs();
		const after = new Date(Number(jobs[0].update_timestamp)).toISOString();
		await t.n8n.run(getMany({ returnAll: true, filters: { updatedAfter: after } }));
		const query = new URLSearchParams(t.emulator.requests('listJobs')[0].query);
		expect(query.get('update_start_time')).toBe(jobs[0].update_timestamp);
		expect(query.get('update_end_time')).toBeNull();
	});

	it.each([
		[
			'an unknown status',
			{ status: 'paused' },
			/^Status must be all, open or closed, not "paused" \(item 0\)$/,
		],
		[
			'a window upside down',
			{ updatedAfter: '2026-12-02T00:00:00Z', updatedBefore: '2026-12-01T00:00:00Z' },
			/^Updated Before is earlier than Updated After \(item 0\)$/,
		],
	])('refuses %s before anything is sent', async (_case, filters, message) => {
		const { error } = await t.n8n.run(getMany({ returnAll: true, filters }));
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: expect.stringMatching(message),
		});
		expect(t.emulator.requests('listJobs')).toHaveLength(0);
	});
});

describe('the job picker', () => {
	it('reads every page and filters by title, code or ID, marking closed jobs', async () => {
		const { results } = await t.n8n.searchList('searchJobs', 'J0002');
		const job = t.emulator.jobs()[1];
		expect(results).toEqual([
			{
				name: `${job.title} · ${job.code}${job.active_status === 2 ? ' (closed)' : ''}`,
				value: job.id,
			},
		]);
		expect(t.emulator.requests('listJobs')).toHaveLength(3);
	});
});

it('an app without hire:job:readonly is told to grant it', async () => {
	const fixture = await startFixture({ scopes: [SCOPE_TALENT_READ] });
	try {
		const { error } = await fixture.n8n.run(getMany({ returnAll: true }));
		expect(error).toMatchObject({
			message: expect.stringContaining('99991672'),
			description: expect.stringContaining('hire:job:readonly'),
		});
	} finally {
		await fixture.emulator.close();
	}
});
