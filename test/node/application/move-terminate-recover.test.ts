import { useEmulator } from '../../helpers/fixture';
import { startTriggerServer } from '../../helpers/webhook-server';

/** Application → Move to Stage, Terminate and Recover: each safe to run twice. */
const t = useEmulator();
const INTERVIEW = '6949805467799537003';
const ONBOARDED = '6949805467799537006';
const stageId = (value: string) => ({ __rl: true, mode: 'id', value });
const move = (applicationId: string, stage: string, options = {}) => ({
	parameters: {
		resource: 'application',
		operation: 'transferStage',
		applicationId,
		stageId: stageId(stage),
		options,
	},
});
const terminate = (applicationId: string, extra: Record<string, unknown> = {}) => ({
	parameters: { resource: 'application', operation: 'terminate', applicationId, ...extra },
});
const recover = (applicationId: string, options = {}) => ({
	parameters: { resource: 'application', operation: 'recover', applicationId, options },
});
const active = () =>
	t.emulator.applications().filter((one) => one.active_status === 1 && one.stage.id !== INTERVIEW);
const terminated = () => t.emulator.applications().filter((one) => one.active_status === 2);
const onboarded = (talentId: string) =>
	t.emulator.data.talents.find((talent) => talent.talent_id === talentId)!.is_onboarded;

describe('Application → Move to Stage', () => {
	it('moves an active application, reading it first', async () => {
		const application = active()[0];
		const { items, error } = await t.n8n.run(move(application.id, INTERVIEW));
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			application_id: application.id,
			stage_id: INTERVIEW,
			changed: true,
		});
		expect(t.emulator.applications().find((one) => one.id === application.id)!.stage.id).toBe(
			INTERVIEW,
		);
		expect(t.emulator.requests('transferStage')).toHaveLength(1);
	});

	it('an application in the stage already: no call, changed false (or an error with Fail If Already So)', async () => {
		const application = active()[1];
		await t.n8n.run(move(application.id, INTERVIEW));
		const again = await t.n8n.run(move(application.id, INTERVIEW));
		expect(again.items[0].json).toMatchObject({ changed: false });
		expect(t.emulator.requests('transferStage')).toHaveLength(1);
		const strict = await t.n8n.run(move(application.id, INTERVIEW, { failIfUnchanged: true }));
		expect(strict.error).toMatchObject({
			message: expect.stringContaining('in this stage already'),
		});
	});

	it('a terminated application fails its item, saying to recover it first, and nothing is sent', async () => {
		const { error } = await t.n8n.run(move(terminated()[0].id, INTERVIEW));
		expect(error).toMatchObject({ description: expect.stringContaining('recover it first') });
		expect(t.emulator.requests('transferStage')).toHaveLength(0);
	});

	it("Hire's refusal to move into Onboarded carries its code (1002211) and a hint", async () => {
		const { error } = await t.n8n.run(move(active()[2].id, ONBOARDED));
		expect(error).toMatchObject({
			message: expect.stringContaining('1002211'),
			description: expect.stringContaining('Hire refuses this move'),
		});
	});

	it('a move through the API fires hire.application.stage_changed_v1 where the app receives events', async () => {
		const credentialId = t.n8n.addCredential({
			verificationToken: t.emulator.verificationToken,
			encryptKey: t.emulator.encryptKey,
		});
		const trigger = await startTriggerServer(
			t.n8n,
			{ events: ['hire.application.stage_changed_v1'] },
			credentialId,
		);
		try {
			t.emulator.setEventUrl(trigger.url);
			const application = active()[3];
			const from = application.stage.id;
			await t.n8n.run(move(application.id, INTERVIEW));
			for (let waited = 0; trigger.executions.length === 0 && waited < 5000; waited += 50)
				await new Promise((resolve) => setTimeout(resolve, 50));
			expect(trigger.executions[0][0]).toMatchObject({
				event_type: 'hire.application.stage_changed_v1',
				application_id: application.id,
				origin_stage_id: from,
				target_stage_id: INTERVIEW,
			});
		} finally {
			t.emulator.setEventUrl(undefined);
			await trigger.close();
		}
	});
});

describe('Application → Terminate and Recover', () => {
	it('terminates with type, reasons and note; a second time is changed false', async () => {
		const application = active()[4];
		const run = terminate(application.id, {
			terminationType: 'declinedByCandidate',
			terminationReasonIds: ['6891560630172518680'],
			note: 'Took another offer',
		});
		expect((await t.n8n.run(run)).items[0].json).toEqual({
			application_id: application.id,
			changed: true,
		});
		expect(t.emulator.applications().find((one) => one.id === application.id)).toMatchObject({
			active_status: 2,
			termination_type: 22,
			termination_reason_list: ['6891560630172518680'],
			termination_reason_note: 'Took another offer',
		});
		expect((await t.n8n.run(run)).items[0].json).toEqual({
			application_id: application.id,
			changed: false,
		});
		expect(t.emulator.requests('terminateApplication').map((entry) => entry.code)).toEqual([
			0, 1002221,
		]);
	});

	it('recovers a terminated application; an active one is changed false, or an error with Fail If Already So', async () => {
		const application = terminated().find((one) => !onboarded(one.talent_id))!;
		expect((await t.n8n.run(recover(application.id))).items[0].json).toEqual({
			application_id: application.id,
			changed: true,
		});
		expect(t.emulator.applications().find((one) => one.id === application.id)!.active_status).toBe(
			1,
		);
		expect((await t.n8n.run(recover(application.id))).items[0].json).toMatchObject({
			changed: false,
		});
		const { error } = await t.n8n.run(recover(application.id, { failIfUnchanged: true }));
		expect(error).toMatchObject({ message: expect.stringContaining('active already') });
	});

	it('Hire refuses to recover the application of an onboarded talent (1002209); the item carries the code', async () => {
		const application = terminated().find((one) => onboarded(one.talent_id))!;
		const { error } = await t.n8n.run(recover(application.id));
		expect(error).toMatchObject({ message: expect.stringContaining('1002209') });
		expect(t.emulator.applications().find((one) => one.id === application.id)!.active_status).toBe(
			2,
		);
	});

	it('Hire refuses to recover while the talent has another active application on the job (1002206), with a hint', async () => {
		const first = active().find((one) => !onboarded(one.talent_id))!;
		await t.n8n.run(terminate(first.id));
		const created = await t.n8n.run({
			parameters: {
				resource: 'application',
				operation: 'create',
				talentId: first.talent_id,
				jobId: { __rl: true, mode: 'id', value: first.job_id },
			},
		});
		expect(created.items[0].json).toMatchObject({ created: true });
		const { error } = await t.n8n.run(recover(first.id));
		expect(error).toMatchObject({
			message: expect.stringContaining('1002206'),
			description: expect.stringContaining('another active application on the same job'),
		});
	});

	it('offers the active reasons of the chosen type', async () => {
		const { options } = await t.n8n.loadOptions('getTerminationReasons', {
			terminationType: 'rejectedByUs',
		});
		expect(options.map((option) => option.value)).toEqual([
			'6891560630172518670',
			'6891560630172518671',
		]);
	});

	it.each([
		[
			'an unknown termination type',
			terminate('6949805467799537964', { terminationType: 'fired' }),
			/^Termination Type must be rejectedByUs, declinedByCandidate or other/,
		],
		[
			'a reason that is no Feishu ID',
			terminate('6949805467799537964', { terminationReasonIds: 'too slow' }),
			/^Termination Reason Names or IDs entry 1 "too" is not a Feishu ID/,
		],
		[
			'a stage that is no Feishu ID',
			{
				parameters: {
					...move('6949805467799537964', 'x').parameters,
					stageId: { __rl: true, mode: 'list', value: 'interview' },
				},
			},
			/^Stage "interview" is not a Feishu ID/,
		],
		[
			'an Application ID that is a number',
			recover('={{ 6949805467799537964 }}'),
			/^Application ID is the number/,
		],
	])('refuses %s before anything is sent', async (_case, run, message) => {
		const { error } = await t.n8n.run(run);
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: expect.stringMatching(message),
		});
		expect(t.emulator.log.filter((entry) => entry.endpoint !== 'token')).toEqual([]);
	});
});

it('the stage picker lists every process’s stages with the process named', async () => {
	const { results } = await t.n8n.searchList('searchStages', 'interview');
	expect(results).toEqual([
		{ name: '面试 · Interview (Experienced hire)', value: INTERVIEW },
		{ name: '面试 · Interview (Campus hire)', value: '6949805467799538003' },
	]);
});
