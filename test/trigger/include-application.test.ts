import type { IDataObject } from 'n8n-workflow';

import { deliver, hireEvent } from '../../emulator/events';
import { useEmulator } from '../helpers/fixture';
import { startTriggerServer, type TriggerServer } from '../helpers/webhook-server';

/** The trigger's Include Application option, through n8n-core against the emulator. */
const ENCRYPT_KEY = 'kx9Q2-encrypt-key-of-the-app';
const VERIFICATION_TOKEN = 'vt-7c1d0e5b-verification-token';
const STAGE_CHANGED = 'hire.application.stage_changed_v1';
const TAG_CHANGED = 'hire.talent.tag_subscription_v1';
const UNKNOWN_APPLICATION = '6949805467799999999';

const fixture = useEmulator();
let trigger: TriggerServer;

afterEach(async () => {
	await trigger?.close();
});

async function listen(options: Record<string, boolean>, events = [STAGE_CHANGED]) {
	const credentialId = fixture.n8n.addCredential({
		encryptKey: ENCRYPT_KEY,
		verificationToken: VERIFICATION_TOKEN,
	});
	trigger = await startTriggerServer(fixture.n8n, { events, options }, credentialId);
}

/** Delivers one signed, encrypted event and returns the item of the execution it started. */
async function receive(
	fields: Record<string, unknown>,
	eventType = STAGE_CHANGED,
): Promise<IDataObject> {
	const event = hireEvent(eventType, fields, { verificationToken: VERIFICATION_TOKEN });
	const [attempt] = await deliver(trigger.url, event, { encryptKey: ENCRYPT_KEY });
	expect(attempt.status).toBe(200);
	expect(trigger.answers.at(-1)!.started).toBe(true);
	return trigger.executions.at(-1)![0];
}

const stageChanged = (applicationId: string) => ({
	application_id: applicationId,
	origin_stage_id: '6949805467799537001',
	target_stage_id: '6949805467799537003',
	update_time: 1764576000000,
});

/** The Hire requests the emulator received (the token requests left out). */
const hireRequests = () =>
	fixture.emulator.log
		.filter(({ endpoint }) => endpoint !== 'token')
		.map((entry) => entry.endpoint);

function seeded(index: number) {
	const application = fixture.emulator.applications()[index];
	const job = fixture.emulator.jobs().find((candidate) => candidate.id === application.job_id)!;
	return { application, job };
}

describe('Include Application', () => {
	it('is off by default: no application key and nothing read', async () => {
		const { application } = seeded(3);
		await listen({});
		const item = await receive(stageChanged(application.id));
		expect(item).not.toHaveProperty('application');
		expect(item).not.toHaveProperty('include_application_error');
		expect(hireRequests()).toEqual([]);
	});

	it('adds the application with its job name and stage name, read once with get_detail (with_job)', async () => {
		const { application, job } = seeded(4);
		await listen({ includeApplication: true });
		const item = await receive(stageChanged(application.id));
		expect(item.application).toMatchObject({
			id: application.id,
			talent_id: application.talent_id,
			job_id: job.id,
			job: { id: job.id, name: job.title },
			stage: {
				id: application.stage.id,
				zh_name: application.stage.zh_name,
				en_name: application.stage.en_name,
				type: application.stage.type,
			},
			active_status: application.active_status,
			create_time: application.create_time,
			modify_time: application.modify_time,
		});
		// The event's own fields stay as Feishu sent them; Resolve Talent's are not added.
		expect(item).toMatchObject({ application_id: application.id, update_time: 1764576000000 });
		expect(item).not.toHaveProperty('talent_id');
		expect(item).not.toHaveProperty('resolve_talent_error');
		expect(hireRequests()).toEqual(['getApplicationDetail']);
		const [read] = fixture.emulator.requests('getApplicationDetail');
		expect(new URLSearchParams(read.query).getAll('options')).toEqual(['with_job']);
	});

	it('outputs the application exactly as Application → Get with Include: Job does', async () => {
		const { application } = seeded(7);
		await listen({ includeApplication: true });
		const item = await receive(stageChanged(application.id));
		const { items, error } = await fixture.n8n.run({
			parameters: {
				resource: 'application',
				operation: 'get',
				applicationId: application.id,
				options: { include: ['job'] },
			},
		});
		expect(error).toBeUndefined();
		expect(item.application).toEqual(items[0].json);
	});

	it('reads the application once when Resolve Talent is on too, and both agree', async () => {
		const { application, job } = seeded(9);
		await listen({ includeApplication: true, resolveTalent: true });
		const item = await receive(stageChanged(application.id));
		expect(hireRequests()).toEqual(['getApplicationDetail']);
		expect(item).toMatchObject({
			talent_id: application.talent_id,
			job_id: job.id,
			application_stage: application.stage,
			application_active_status: application.active_status,
			application_terminated: application.active_status === 2,
			application: {
				id: application.id,
				talent_id: application.talent_id,
				stage: application.stage,
				job: { id: job.id, name: job.title },
			},
		});
		expect(item).not.toHaveProperty('resolve_talent_error');
	});

	it('adds the application to a talent progress tag event, keeping the talent it carries', async () => {
		const { application, job } = seeded(11);
		await listen({ includeApplication: true, resolveTalent: true }, [TAG_CHANGED]);
		const item = await receive(
			{ talent_id: application.talent_id, application_id: application.id, type: 1 },
			TAG_CHANGED,
		);
		expect(item).toMatchObject({
			talent_id: application.talent_id,
			application: { id: application.id, job: { name: job.title } },
		});
		expect(hireRequests()).toEqual(['getApplicationDetail']);
	});

	it.each<[string, { includeApplication: boolean; resolveTalent: boolean }]>([
		['alone', { includeApplication: true, resolveTalent: false }],
		['with Resolve Talent', { includeApplication: true, resolveTalent: true }],
	])(
		'reports an unknown application on the item (%s) and still emits the event',
		async (_case, options) => {
			await listen(options);
			const item = await receive(stageChanged(UNKNOWN_APPLICATION));
			expect(item).toMatchObject({
				event_type: STAGE_CHANGED,
				application_id: UNKNOWN_APPLICATION,
			});
			expect(item).not.toHaveProperty('application');
			const failure = {
				message: expect.stringContaining('1002201'),
				description: expect.stringContaining('no application with this ID'),
			};
			expect(item.include_application_error).toMatchObject(failure);
			if (options.resolveTalent)
				expect(item.resolve_talent_error).toEqual(item.include_application_error);
			else expect(item).not.toHaveProperty('resolve_talent_error');
			expect(hireRequests()).toEqual(['getApplicationDetail']);
		},
	);

	it('reports an application_id that is no Feishu ID without asking Feishu', async () => {
		await listen({ includeApplication: true });
		const item = await receive(stageChanged('abc'));
		expect(item.include_application_error).toEqual({
			message: 'application_id "abc" is not a Feishu ID (19 digits); nothing was looked up',
		});
		expect(hireRequests()).toEqual([]);
	});

	it('goes on without the application when Feishu is too slow for the delivery deadline', async () => {
		const { application } = seeded(2);
		fixture.emulator.setFaults({ latencyMs: 3500 });
		await listen({ includeApplication: true });
		const started = Date.now();
		const item = await receive(stageChanged(application.id));
		// Feishu waits 3 s for the answer.
		expect(Date.now() - started).toBeLessThan(3000);
		expect(item).not.toHaveProperty('application');
		expect(item.include_application_error).toMatchObject({
			message: expect.stringContaining('within 2 s'),
		});
	});

	it("paces a burst to get_detail's 10 a second: 15 events at once all get their application in time", async () => {
		fixture.emulator.setRateLimits({});
		await listen({ includeApplication: true, resolveTalent: true });
		const applications = fixture.emulator.applications().slice(20, 35);
		const started = Date.now();
		const attempts = await Promise.all(
			applications.map((application) =>
				deliver(
					trigger.url,
					hireEvent(STAGE_CHANGED, stageChanged(application.id), {
						verificationToken: VERIFICATION_TOKEN,
					}),
					{ encryptKey: ENCRYPT_KEY },
				),
			),
		);
		expect(Date.now() - started).toBeLessThan(3000);
		expect(attempts.map(([attempt]) => attempt.status)).toEqual(applications.map(() => 200));
		const items = trigger.executions.map(([item]) => item);
		expect(items).toHaveLength(15);
		for (const item of items) {
			expect(item).not.toHaveProperty('include_application_error');
			expect((item.application as IDataObject).id).toBe(item.application_id);
		}
		expect(fixture.emulator.stats().endpoints.getApplicationDetail).toMatchObject({
			admitted: 15,
			rateLimited: 0,
		});
		expect(fixture.emulator.requests('getApplication')).toHaveLength(0);
	});

	it('leaves events without an application alone and sends nothing', async () => {
		await listen({ includeApplication: true }, ['hire.talent.deleted_v1']);
		const item = await receive({ talent_id: '7000000000000000001' }, 'hire.talent.deleted_v1');
		expect(item).not.toHaveProperty('application');
		expect(item).not.toHaveProperty('include_application_error');
		expect(hireRequests()).toEqual([]);
	});

	it('never shows the app secret, the Encrypt Key, the verification token or an access token', async () => {
		const { application } = seeded(5);
		await listen({ includeApplication: true, resolveTalent: true });
		await receive(stageChanged(application.id));
		await receive(stageChanged(UNKNOWN_APPLICATION));
		const seen = JSON.stringify([trigger.answers, trigger.executions, trigger.logs]);
		expect(fixture.emulator.issuedTokens().length).toBeGreaterThan(0);
		for (const secret of [...fixture.emulator.secrets(), ENCRYPT_KEY, VERIFICATION_TOKEN])
			expect(seen).not.toContain(secret);
	});
});
