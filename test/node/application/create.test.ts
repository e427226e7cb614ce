import { useEmulator } from '../../helpers/fixture';

/**
 * Creating an application is not idempotent in Feishu. Each way it could be doubled (a talent
 * already on the job, the same row twice, the same run twice, a lost answer, two items racing)
 * is driven here against the emulator: one active application per talent and job, always.
 */
const t = useEmulator();
const job = (value: string) => ({ __rl: true, mode: 'id', value });
const create = (talentId: unknown, jobId: string, extra: Record<string, unknown> = {}) => ({
	parameters: {
		resource: 'application',
		operation: 'create',
		talentId,
		jobId: job(jobId),
		...extra,
	},
});
/** Talents past the seeded applications: none of them has applied anywhere. */
const fresh = (index: number) => t.emulator.data.talentIds[1000 + index];
const firstJob = () => t.emulator.jobs()[0].id;
const activeOn = (talentId: string, jobId: string) =>
	t.emulator
		.applications()
		.filter((one) => one.talent_id === talentId && one.job_id === jobId && one.active_status === 1);

describe('Application → Create', () => {
	it('puts a talent on a job: one application, active, in the first stage of the job’s process', async () => {
		const talentId = fresh(0);
		const { items, error } = await t.n8n.run(create(talentId, firstJob()));
		expect(error).toBeUndefined();
		const [application] = activeOn(talentId, firstJob());
		expect(items[0].json).toEqual({
			application_id: application.id,
			talent_id: talentId,
			job_id: firstJob(),
			created: true,
		});
		expect(application.stage.type).toBe(1);
		// Looked up first, then created once.
		expect(t.emulator.requests('listApplications')).toHaveLength(1);
		expect(t.emulator.requests('createApplication')).toHaveLength(1);
	});

	it('a talent already on the job: its application, created false, nothing sent (or an error with Fail If Already So)', async () => {
		const existing = t.emulator.applications().find((one) => one.active_status === 1)!;
		const { items } = await t.n8n.run(create(existing.talent_id, existing.job_id));
		expect(items[0].json).toMatchObject({ application_id: existing.id, created: false });
		expect(t.emulator.requests('createApplication')).toHaveLength(0);
		const strict = await t.n8n.run(
			create(existing.talent_id, existing.job_id, { options: { failIfUnchanged: true } }),
		);
		expect(strict.error).toMatchObject({
			message: expect.stringContaining(`active application on this job already: ${existing.id}`),
		});
	});

	it('a terminated application does not count: the talent gets a new one on the job', async () => {
		const ended = t.emulator
			.applications()
			.find((one) => one.active_status === 2 && activeOn(one.talent_id, one.job_id).length === 0)!;
		const { items } = await t.n8n.run(create(ended.talent_id, ended.job_id));
		expect(items[0].json.created).toBe(true);
		expect(items[0].json.application_id).not.toBe(ended.id);
		expect(activeOn(ended.talent_id, ended.job_id)).toHaveLength(1);
	});

	it('the same run a second time creates nothing and returns the same applications', async () => {
		const rows = Array.from({ length: 8 }, (_row, index) => ({ talent: fresh(10 + index) }));
		const parameters = create('={{ $json.talent }}', firstJob()).parameters;
		const first = await t.n8n.run({ parameters, items: rows });
		const second = await t.n8n.run({ parameters, items: rows });
		expect(first.items.map((item) => item.json.created)).toEqual(rows.map(() => true));
		expect(second.items.map((item) => item.json.created)).toEqual(rows.map(() => false));
		expect(second.items.map((item) => item.json.application_id)).toEqual(
			first.items.map((item) => item.json.application_id),
		);
		expect(t.emulator.requests('createApplication')).toHaveLength(8);
		for (const row of rows) expect(activeOn(row.talent, firstJob())).toHaveLength(1);
	});

	it('the same talent and job on several rows of one run: one application, every row gets it', async () => {
		const talentId = fresh(30);
		const parameters = create('={{ $json.talent }}', firstJob()).parameters;
		const { items, error } = await t.n8n.run({
			parameters,
			items: [{ talent: talentId }, { talent: talentId }, { talent: talentId }],
		});
		expect(error).toBeUndefined();
		expect(new Set(items.map((item) => item.json.application_id)).size).toBe(1);
		expect(items.filter((item) => item.json.created === true)).toHaveLength(1);
		expect(activeOn(talentId, firstJob())).toHaveLength(1);
		// Items that raced the first one met Feishu's 1002206 and looked it up.
		const codes = t.emulator.requests('createApplication').map((entry) => entry.code);
		expect(codes.filter((code) => code === 0)).toHaveLength(1);
		expect(codes.filter((code) => code !== 0).every((code) => code === 1002206)).toBe(true);
	});

	it('a create whose answer is lost after Feishu applied it is looked up, not sent again', async () => {
		t.emulator.setFaults({ lostWriteAnswerRate: 1 });
		const rows = Array.from({ length: 5 }, (_row, index) => ({ talent: fresh(40 + index) }));
		const { items, error } = await t.n8n.run({
			parameters: create('={{ $json.talent }}', firstJob()).parameters,
			items: rows,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.created)).toEqual(rows.map(() => true));
		expect(t.emulator.requests('createApplication')).toHaveLength(5);
		// One lookup before each create and one after each lost answer.
		expect(t.emulator.requests('listApplications')).toHaveLength(10);
		for (const [index, row] of rows.entries())
			expect(activeOn(row.talent, firstJob()).map((one) => one.id)).toEqual([
				items[index].json.application_id,
			]);
	});

	it('an unknown talent is Feishu’s 1002102 on its item; with Continue On Fail the other items go on', async () => {
		const parameters = create('={{ $json.talent }}', firstJob()).parameters;
		const { items } = await t.n8n.run({
			parameters,
			items: [{ talent: '6999999999999999999' }, { talent: fresh(50) }],
			continueOnFail: true,
		});
		expect(items[0].json.error).toEqual(expect.stringContaining('1002102'));
		expect(items[1].json.created).toBe(true);
	});

	it('an unknown job is Feishu’s 1002207 with a hint to pick the job from the list', async () => {
		const { error } = await t.n8n.run(create(fresh(60), '6999999999999999999'));
		expect(error).toMatchObject({
			message: expect.stringContaining('1002207'),
			description: expect.stringContaining('Pick the job from the list'),
		});
	});

	it.each([
		[
			'a Talent ID that is a number',
			create('={{ 6949805467799537964 }}', '6930822004891633924'),
			'Talent ID',
		],
		['a Job with a slash', create('6949805467799537964', 'jobs/1'), 'Job'],
		[
			'a Resume Source ID that is no Feishu ID',
			create('6949805467799537964', '6930822004891633924', { resumeSourceId: 'referral' }),
			'Resume Source ID',
		],
	])(
		'refuses %s before anything is sent, naming the parameter and the item',
		async (_case, run, label) => {
			const { error } = await t.n8n.run(run);
			expect(error).toMatchObject({
				message: expect.stringMatching(new RegExp(`^${label} .*\\(item 0\\)$`)),
			});
			expect(t.emulator.log).toHaveLength(0);
		},
	);

	it('sends the résumé source when one is given', async () => {
		const source = '7012345678901234001';
		await t.n8n.run(create(fresh(70), firstJob(), { resumeSourceId: source }));
		const [request] = t.emulator.requests('createApplication');
		expect(request.body).toMatchObject({
			talent_id: fresh(70),
			job_id: firstJob(),
			resume_source_id: source,
		});
	});
});
