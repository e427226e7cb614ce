import { startEmulator, TALENT_TAGS, type Emulator } from '../../emulator';
import { cleanUp } from '../../tools/n8n/cleanup';
import type { N8nInstance } from '../../tools/n8n/instance';
import { prepareN8n, SUPPORTED_N8N_VERSIONS } from '../../tools/n8n/runtime';
import {
	activateHrAutomations,
	movableApplications,
	moveStage,
	MOVER,
	moverWorkflow,
	submitReferral,
} from '../../tools/n8n/hr-automations';
import { DEFAULT_OWNER, EXAMPLES, packPackage, prepareInstance } from '../../tools/n8n/workspace';

/**
 * The HR automation examples in a real n8n, activated: a stage moved through the node makes
 * the emulator send Feishu's stage_changed event to the offer example's trigger; the referral
 * example's n8n form is submitted as a browser does, twice.
 */
const SECRET = 'e2e-hr-S3CRET-7c21';
const OFFER_TAG = TALENT_TAGS[0].id;
const OFFER_STAGE = '6949805467799537004';
const INTERVIEW_STAGE = '6949805467799537003';
let tarball: string;

beforeAll(() => {
	tarball = packPackage();
}, 300_000);

afterAll(() => cleanUp());

describe.each(SUPPORTED_N8N_VERSIONS)('real n8n %s, HR automations', (version) => {
	let emulator: Emulator;
	let n8n: N8nInstance;
	let cookie: string;

	beforeAll(async () => {
		emulator = await startEmulator({ appSecret: SECRET });
		const runtime = await prepareN8n(version, () => undefined);
		n8n = await prepareInstance(runtime, { tarball }, emulator);
		await n8n.importWorkflows([moverWorkflow()]);
		await n8n.start();
		cookie = await n8n.createOwner(DEFAULT_OWNER);
		await activateHrAutomations(n8n, emulator, cookie);
	});

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	const ended = async (workflowId: string) =>
		(await n8n.executions(cookie)).filter((execution) => execution.workflowId === workflowId);
	const move = async (applicationId: string, stageId: string) =>
		expect(await moveStage(n8n, applicationId, stageId)).toBe(200);

	it('offer stage: a move through the node triggers the example, which notes the job and tags the talent; other stages do nothing', async () => {
		const [toOffer, toInterview] = movableApplications(emulator);
		await move(toOffer.id, OFFER_STAGE);
		await move(toInterview.id, INTERVIEW_STAGE);
		const runs = await n8n.waitForExecutions(cookie, EXAMPLES.offerStage.id, 2, 60_000);
		expect(runs.map((run) => run.status)).toEqual(['success', 'success']);
		expect((await ended(MOVER.id)).map((run) => run.status)).toEqual(['success', 'success']);

		const job = emulator.jobs().find((one) => one.id === toOffer.job_id)!;
		const notes = emulator.notes(toOffer.talent_id);
		expect(notes).toHaveLength(1);
		expect(notes[0]).toMatchObject({ application_id: toOffer.id, is_private: false });
		expect(notes[0].content).toContain(job.title);
		expect(emulator.tagsOf(toOffer.talent_id)).toEqual([OFFER_TAG]);
		expect(emulator.notes(toInterview.talent_id)).toHaveLength(0);
		expect(emulator.tagsOf(toInterview.talent_id)).toEqual([]);
	});

	it('referral form: the candidate becomes a talent on the job with a note; the same form again adds nothing', async () => {
		const job = emulator.jobs()[1];
		const submit = async () =>
			expect(
				await submitReferral(n8n, {
					name: 'Zhao Min',
					email: 'zhao.min.referral@example.com',
					jobId: job.id,
					referredBy: 'Li Lei',
				}),
			).toBe(200);
		await submit();
		await n8n.waitForExecutions(cookie, EXAMPLES.referral.id, 1, 60_000);
		await submit();
		const runs = await n8n.waitForExecutions(cookie, EXAMPLES.referral.id, 2, 60_000);
		expect(runs.map((run) => run.status)).toEqual(['success', 'success']);

		const talents = emulator
			.talents()
			.filter((talent) => talent.email === 'zhao.min.referral@example.com');
		expect(talents).toHaveLength(1);
		const applications = emulator
			.applications()
			.filter((one) => one.talent_id === talents[0].talent_id && one.job_id === job.id);
		expect(applications).toHaveLength(1);
		const notes = emulator.notes(talents[0].talent_id);
		expect(notes).toHaveLength(1);
		expect(notes[0]).toMatchObject({ application_id: applications[0].id });
		expect(notes[0].content).toContain('referred by Li Lei');
		expect(emulator.requests('createTalent')).toHaveLength(1);
		expect(emulator.requests('createApplication')).toHaveLength(1);
		const referralNotes = emulator
			.requests('createNote')
			.filter((entry) => (entry.body as { talent_id: string }).talent_id === talents[0].talent_id);
		expect(referralNotes).toHaveLength(1);
	});

	it('nothing secret is in what n8n printed or stored for the executions', async () => {
		const executions = [
			...(await ended(EXAMPLES.offerStage.id)),
			...(await ended(EXAMPLES.referral.id)),
		];
		const stored = await Promise.all(
			executions.map((execution) => n8n.rest<unknown>(cookie, 'GET', `executions/${execution.id}`)),
		);
		const seen = n8n.output.join('\n') + JSON.stringify(stored);
		expect(seen).toContain('note_id');
		expect(emulator.secrets()).toContain(SECRET);
		for (const secret of emulator.secrets()) expect(seen).not.toContain(secret);
	});
});
