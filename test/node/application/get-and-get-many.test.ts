import { useEmulator } from '../../helpers/fixture';

/** Application → Get and Get Many through n8n-core against the emulator's applications. */
const t = useEmulator();
const get = (applicationId: string, include?: string[]) => ({
	parameters: {
		resource: 'application',
		operation: 'get',
		applicationId,
		options: include ? { include } : {},
	},
});
const getMany = (parameters: Record<string, unknown>) => ({
	parameters: { resource: 'application', operation: 'getAll', ...parameters },
});

describe('Application → Get', () => {
	it('reads the application alone with the v1 get (50 a second)', async () => {
		const application = t.emulator.applications()[5];
		const { items, error } = await t.n8n.run(get(application.id));
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(application);
		expect(t.emulator.requests('getApplication')).toHaveLength(1);
		expect(t.emulator.requests('getApplicationDetail')).toHaveLength(0);
	});

	it('adds the job and the talent through get_detail, the basic information at the top level', async () => {
		const application = t.emulator.applications()[6];
		const job = t.emulator.jobs().find((candidate) => candidate.id === application.job_id)!;
		const { items, error } = await t.n8n.run(get(application.id, ['job', 'talent']));
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			id: application.id,
			talent_id: application.talent_id,
			stage: application.stage,
			job: { id: job.id, name: job.title, code: job.code },
			talent: { id: application.talent_id },
		});
		expect(
			new URLSearchParams(t.emulator.requests('getApplicationDetail')[0].query).getAll('options'),
		).toEqual(['with_job', 'with_talent']);
	});

	it("answers a deleted application on get_detail with Feishu's 1002201 and a hint", async () => {
		const { error } = await t.n8n.run(get('6949805467799999999', ['job']));
		expect(error).toMatchObject({
			message: expect.stringContaining('1002201'),
			description: expect.stringContaining('no application with this ID'),
		});
	});

	it.each([
		[
			'an Application ID that is no Feishu ID',
			get('abc'),
			/^Application ID "abc" is not a Feishu ID/,
		],
		[
			'an Include it does not know',
			get('6949805467799537964', ['resume']),
			/^Include must list some of job, talent, offer, interviews, evaluations/,
		],
	])('refuses %s before anything is sent', async (_case, run, message) => {
		const { error } = await t.n8n.run(run);
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: expect.stringMatching(message),
		});
		expect(t.emulator.requests('getApplication')).toHaveLength(0);
	});
});

describe('Application → Get Many', () => {
	it("lists a talent's applications and reads each", async () => {
		const application = t.emulator.applications()[9];
		const { items, error } = await t.n8n.run(
			getMany({ returnAll: true, filters: { talentId: application.talent_id } }),
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([application]);
		expect(
			new URLSearchParams(t.emulator.requests('listApplications')[0].query).get('talent_id'),
		).toBe(application.talent_id);
	});

	it('filters by job and status, 200 IDs a page, stopping at the limit', async () => {
		const job = t.emulator.applications()[0].job_id;
		const terminated = t.emulator
			.applications()
			.filter((application) => application.job_id === job && application.active_status === 2);
		expect(terminated.length).toBeGreaterThan(2);
		const { items } = await t.n8n.run(
			getMany({ limit: 2, filters: { jobId: job, status: 'terminated' } }),
		);
		expect(items.map((item) => item.json.id)).toEqual(terminated.slice(0, 2).map((one) => one.id));
		const query = new URLSearchParams(t.emulator.requests('listApplications')[0].query);
		expect([query.get('job_id'), query.get('active_status'), query.get('page_size')]).toEqual([
			job,
			'2',
			'2',
		]);
		expect(t.emulator.requests('getApplication')).toHaveLength(2);
	});

	it('with IDs Only, reads no application: one request per 200 IDs', async () => {
		const { items } = await t.n8n.run(getMany({ returnAll: true, options: { idsOnly: true } }));
		expect(items.map((item) => item.json)).toEqual(
			t.emulator.applications().map((application) => ({ application_id: application.id })),
		);
		expect(t.emulator.requests('listApplications')).toHaveLength(3);
		expect(t.emulator.requests('getApplication')).toHaveLength(0);
	});

	it.each([
		[
			'a Talent ID that is a number',
			{ talentId: '={{ 7012345678901234567 }}' },
			/^Talent ID is the number/,
		],
		[
			'a Stage ID that is no Feishu ID',
			{ stageId: 'offer' },
			/^Stage ID "offer" is not a Feishu ID/,
		],
		[
			'a status it does not know',
			{ status: 'hired' },
			/^Status must be active, terminated or all, not "hired"/,
		],
	])('refuses %s before anything is sent', async (_case, filters, message) => {
		const { error } = await t.n8n.run(getMany({ returnAll: true, filters }));
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: expect.stringMatching(message),
		});
		expect(t.emulator.requests('listApplications')).toHaveLength(0);
	});
});
