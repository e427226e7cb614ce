/**
 * The package in n8n's editor, in Debian's Chromium: the nodes panel, the credential dialog,
 * the talent pool, job and stage pickers, step runs and a Find fed by input items, as a
 * recruiter would meet them. The screenshots in docs/ are written here.
 */
import type { Page } from 'playwright-core';

import { startEmulator, type Emulator, type Job } from '../../emulator';
import { PROCESS_STAGES } from '../../emulator/applications';
import { PROCESSES } from '../../emulator/jobs';
import { cleanUp } from '../../tools/n8n/cleanup';
import { freePort, N8nInstance } from '../../tools/n8n/instance';
import { DEFAULT_N8N_VERSION, prepareN8n } from '../../tools/n8n/runtime';
import { packPackage } from '../../tools/n8n/workspace';
import { launchBrowser, requireChromium, type Browser } from './browser';
import { Editor } from './editor';

const OWNER = {
	email: 'recruiter@example.com',
	password: 'Feishu-ui-1',
	firstName: 'Hui',
	lastName: 'Recruiter',
};
const SECRET = 'ui-S3CRET-5d0c8e1f2a9b';
/** The name n8n gives the credential the dialog creates. */
const CREDENTIAL_NAME = 'Feishu Hire account';
const UNKNOWN_TALENT = '7000000000000000001';
const UNKNOWN_EMAIL = 'no.such.talent@example.com';
const FEISHU_HIRE = 'n8n-nodes-feishu-hire.feishuHire';
const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';
/** Part of a job title: the job picker test searches for it. */
const JOB_SEARCH = '后端';

// Before n8n is prepared and started: without Chromium the run fails once, with what to install.
requireChromium();

let emulator: Emulator;
let n8n: N8nInstance;
let browser: Browser;
let page: Page;
let editor: Editor;

/** The pools the picker test searches for: 20 of the emulator's 237, on all three pages. */
const dataSciencePools = () =>
	emulator.data.pools.filter((pool) => pool.i18n_name.en_us.includes('Data Science'));

beforeAll(async () => {
	const tarball = packPackage();
	emulator = await startEmulator({ port: await freePort(), appSecret: SECRET });
	n8n = new N8nInstance(await prepareN8n(DEFAULT_N8N_VERSION, () => undefined));
	await n8n.installPackage(tarball);
	await n8n.start();
	await n8n.createOwner(OWNER);
	browser = await launchBrowser(n8n.url);
	page = await browser.context.newPage();
	editor = new Editor(page);
	await editor.signIn(OWNER);
	await editor.newWorkflow();
});

afterAll(async () => {
	await browser?.close();
	await n8n?.stop();
	await emulator?.close();
	await cleanUp();
});

describe(`n8n ${DEFAULT_N8N_VERSION} editor`, () => {
	it('finds Feishu Hire in the nodes panel by "Feishu" and by "飞书", and adds Add Talent', async () => {
		expect(await editor.searchNodes('Feishu')).toContain('Feishu Hire');
		expect(await editor.searchNodes('飞书')).toContain('Feishu Hire');
		await editor.addAction('Feishu Hire', 'Add a talent to a talent pool');
		await expect(editor.ndv.getByTestId('parameter-input-talentId').isVisible()).resolves.toBe(
			true,
		);
	});

	it("creating the credential with a wrong secret shows Feishu's message, not a stack trace", async () => {
		await editor.createCredential({
			domain: 'Custom Base URL',
			baseUrl: emulator.url,
			appId: emulator.appId,
			appSecret: 'not-the-secret',
		});
		const failure = await editor.credentialTestFailure();
		expect(failure).toContain('app secret invalid (code 10014)');
		expect(failure).toContain('Check the App Secret');
		expect(failure).not.toMatch(/\n\s+at |\.js:\d+/);
		await editor.dismissNotifications();
		await editor.screenshot('credential-wrong-secret.png');
	});

	it('with the right secret the credential test succeeds against the custom base URL', async () => {
		await editor.fillCredentialField('appSecret', SECRET);
		await editor.saveCredential();
		await editor.credentialModal.waitFor({ state: 'hidden' });
		const success = await editor.openSelectedCredential();
		expect(await success.innerText()).toContain('Connection tested successfully');
		await editor.closeCredential();
		expect(emulator.requests('listPools').length).toBeGreaterThan(0);
	});

	it('the Talent Pool picker searches the pools page by page and selects one', async () => {
		const matching = dataSciencePools();
		const pages = new Set(
			matching.map((pool) => Math.floor(emulator.data.pools.indexOf(pool) / 100)),
		);
		expect([...pages]).toEqual([0, 1, 2]); // the list search has to read every page of 100
		await editor.dismissNotifications();
		const listed = await editor.searchList('talentPoolId', 'Data Science');
		expect(listed).toEqual(
			matching.map((pool) => `${pool.i18n_name.zh_cn} · ${pool.i18n_name.en_us}`),
		);
		await editor.screenshot('pool-picker.png');
		await editor.pickListItem('talentPoolId', listed[1]);
	});

	it('Execute step adds the talent and shows { talent_pool_id, talent_id } in the output', async () => {
		const pool = dataSciencePools()[1]; // the one the picker test selected
		const talent = emulator.data.talentIds[42];
		await editor.fillParameter('talentId', talent);
		await editor.executeStep();
		expect(await editor.outputJson()).toEqual([{ talent_pool_id: pool.id, talent_id: talent }]);
		expect(emulator.members(pool.id)).toContain(talent);
		await editor.dismissNotifications();
		await editor.screenshot('add-talent-output.png');
	});

	it("an unknown talent ID shows Feishu's 1002102 message and what to check", async () => {
		await editor.fillParameter('talentId', UNKNOWN_TALENT);
		await editor.executeStep();
		const error = await editor.outputError();
		expect(error.message).toContain('Feishu error 1002102: talent not found');
		expect(error.description).toContain('Check the Talent ID');
		await editor.dismissNotifications();
		await editor.screenshot('add-talent-unknown-talent.png');
	});

	it('the Job picker of Application → Create lists the jobs, filters them by a part of the title, and the job picked is the one applied to', async () => {
		const jobs = emulator.jobs();
		const label = (job: Job) =>
			`${job.title} · ${job.code}${job.active_status === 2 ? ' (closed)' : ''}`;
		const matching = jobs.filter((job) => job.title.includes(JOB_SEARCH));
		expect(matching.length).toBeGreaterThan(1);
		expect(matching.length).toBeLessThan(jobs.length / 3); // the search has to filter
		const job = matching.find((candidate) => candidate.active_status === 1)!;
		const talent = emulator.data.talentIds.find(
			(id) => !emulator.applications().some((one) => one.talent_id === id && one.job_id === job.id),
		)!;
		await editor.newWorkflow();
		await editor.searchNodes('Feishu');
		await editor.addAction('Feishu Hire', 'Create an application');
		expect(await editor.selectedCredential()).toBe(CREDENTIAL_NAME);
		await editor.fillParameter('talentId', talent);
		const listed = await editor.searchList('jobId', JOB_SEARCH);
		expect(listed).toEqual(matching.map(label));
		await editor.screenshot('job-picker.png');
		await editor.pickListItem('jobId', label(job));
		expect(await editor.locatorText('jobId')).toBe(label(job));
		await editor.executeStep();
		const [created] = (await editor.outputJson()) as Array<{ application_id: string }>;
		expect(created).toEqual({
			application_id: expect.stringMatching(/^\d{19}$/),
			talent_id: talent,
			job_id: job.id,
			created: true,
		});
		expect(emulator.applications().find((one) => one.id === created.application_id)).toMatchObject({
			talent_id: talent,
			job_id: job.id,
			active_status: 1,
		});
	});

	it("the Stage picker of Application → Move to Stage lists every process's stages, and the stage picked is the one moved to", async () => {
		const stages = PROCESSES.flatMap((process) =>
			PROCESS_STAGES[process.id].map((stage) => ({
				...stage,
				name: `${stage.zh_name} · ${stage.en_name} (${process.en_name})`,
			})),
		);
		const target = stages.find((stage) => stage.name === '面试 · Interview (Experienced hire)')!;
		// An active application on a job of the experienced-hire process, in another stage.
		const application = emulator
			.applications()
			.find(
				(one) =>
					one.active_status === 1 &&
					one.stage.id !== target.id &&
					emulator.jobs().find((job) => job.id === one.job_id)?.process_id === PROCESSES[0].id,
			)!;
		await editor.newWorkflow();
		await editor.searchNodes('Feishu');
		await editor.addAction('Feishu Hire', 'Move an application to a stage');
		await editor.fillParameter('applicationId', application.id);
		await editor.dismissNotifications();
		expect(await editor.openList('stageId')).toEqual(stages.map((stage) => stage.name));
		await editor.screenshot('stage-picker.png');
		await editor.pickListItem('stageId', target.name);
		expect(await editor.locatorText('stageId')).toBe(target.name);
		await editor.executeStep();
		expect(await editor.outputJson()).toEqual([
			{ application_id: application.id, stage_id: target.id, changed: true },
		]);
		expect(emulator.applications().find((one) => one.id === application.id)?.stage.id).toBe(
			target.id,
		);
	});

	it('Find by an email expression outputs the talent of a known email and talent_id null for an unknown one', async () => {
		const talent = emulator.data.talents[7];
		await editor.newWorkflow();
		await editor.searchNodes('Feishu');
		// On an empty canvas n8n puts a manual trigger before the node: it feeds the items.
		await editor.addAction('Feishu Hire', 'Find talents by email or mobile number');
		expect(await editor.selectedCredential()).toBe(CREDENTIAL_NAME);
		await editor.closeNodePanel();
		await editor.openNode(MANUAL_TRIGGER);
		await editor.pinOutput([{ email: talent.basic_info.email }, { email: UNKNOWN_EMAIL }]);
		await editor.closeNodePanel();
		await editor.openNode(FEISHU_HIRE);
		await editor.selectOption('identifyBy', 'Email');
		await editor.fillExpression('email', '{{ $json.email }}', talent.basic_info.email);
		await editor.executeStep();
		expect(await editor.outputJson()).toEqual([
			{
				talent_id: talent.talent_id,
				email: talent.basic_info.email,
				is_onboarded: talent.is_onboarded,
			},
			{ talent_id: null, email: UNKNOWN_EMAIL },
		]);
		await editor.showInputAsTable();
		await editor.dismissNotifications();
		await editor.screenshot('talent-find-output.png');
	});

	it('Create or Update by email: a known email gives its talent, a new one is created once', async () => {
		const known = emulator.data.talents[9];
		const fresh = { name: '林小满', email: 'xiaoman.lin@applicants.example.org' };
		await editor.newWorkflow();
		await editor.searchNodes('Feishu');
		await editor.addAction('Feishu Hire', 'Create or update a talent');
		await editor.closeNodePanel();
		await editor.openNode(MANUAL_TRIGGER);
		await editor.pinOutput([{ name: known.basic_info.name, email: known.basic_info.email }, fresh]);
		await editor.closeNodePanel();
		await editor.openNode(FEISHU_HIRE);
		await editor.fillExpression('email', '{{ $json.email }}', known.basic_info.email);
		await editor.fillExpression('name', '{{ $json.name }}', known.basic_info.name);
		await editor.executeStep();
		const output = await editor.outputJson();
		expect(output).toEqual([
			{ talent_id: known.talent_id, created: false, updated: false, email: known.basic_info.email },
			{
				talent_id: expect.stringMatching(/^\d{19}$/),
				created: true,
				updated: false,
				email: fresh.email,
			},
		]);
		expect(emulator.talents().filter((talent) => talent.email === fresh.email)).toHaveLength(1);
		await editor.showInputAsTable();
		await editor.dismissNotifications();
		await editor.screenshot('talent-upsert-output.png');
	});

	it('Feishu Hire Trigger: offered by "Feishu"; its panel shows the webhook URL to paste into Feishu and how to set it up', async () => {
		await editor.newWorkflow();
		expect(await editor.searchNodes('Feishu')).toContain('Feishu Hire');
		// n8n lists the trigger's events under the Feishu Hire entry, as "On …".
		await editor.addAction('Feishu Hire', 'On application stage changed');
		await editor.ndv.getByText('Webhook URLs').click();
		await editor.ndv.getByTestId('radio-button-production').click();
		const panel = await editor.ndv.innerText();
		expect(panel).toMatch(/POST\s+http:\/\/localhost:\d+\/webhook\/[0-9a-f-]{36}\/webhook/);
		expect(panel).toContain('Events & Callbacks');
		expect(panel).toContain('hire:application:readonly');
		expect(panel).toContain('Application Stage Changed');
		expect(await editor.selectedCredential()).toBe(CREDENTIAL_NAME);
		await editor.dismissNotifications();
		await editor.screenshot('trigger-webhook-url.png');
	});

	it('never shows the app secret or a token, neither in the page nor in anything n8n printed', async () => {
		const tokens = emulator.issuedTokens();
		expect(tokens.length).toBeGreaterThan(0);
		for (const text of [await page.content(), n8n.output.join('')]) {
			expect(text).not.toContain(SECRET);
			for (const token of tokens) expect(text).not.toContain(token);
		}
	});
});

interface Property {
	name: string;
	type: string;
	description?: string;
	options?: Array<Property & { action?: string }>;
}

describe(`n8n ${DEFAULT_N8N_VERSION} AI Agent tool`, () => {
	let tool: {
		name: string;
		description: string;
		outputs: string[];
		codex: { subcategories: Record<string, string[]> };
		properties: Property[];
	};

	beforeAll(async () => {
		// The node types the editor loads: what n8n lists in its nodes panel and its AI Agent's tool list.
		const response = await page.request.get('/types/nodes.json');
		expect(response.ok()).toBe(true);
		const types = (await response.json()) as Array<typeof tool>;
		tool = types.find((type) => type.name === 'n8n-nodes-feishu-hire.feishuHireTool')!;
	});

	it("an AI Agent's Tools panel offers Feishu Hire Tool, with its description, and connects it", async () => {
		await editor.newWorkflow();
		await editor.searchNodes('AI Agent');
		await editor.addNode('AI Agent');
		await editor.closeNodePanel();
		await editor.openAgentTools('AI Agent');
		expect(await editor.searchNodes('Feishu')).toEqual(['Feishu Hire Tool']);
		expect(await editor.nodeCreatorItems.first().innerText()).toContain(
			'Talent and talent pool IDs are 19-digit strings',
		);
		await editor.screenshot('ai-agent-tools.png');
		await editor.addNode('Feishu Hire Tool');
		await editor.closeNodePanel();
		const name = await editor
			.canvasNode('n8n-nodes-feishu-hire.feishuHireTool')
			.getAttribute('data-node-name');
		const edge = page.locator(
			`[data-test-id="edge"][data-source-node-name="${name}"][data-target-node-name="AI Agent"]`,
		);
		await expect(edge.count()).resolves.toBe(1);
	});

	it('n8n lists the node as a tool an AI Agent can use', () => {
		expect(tool).toBeDefined();
		expect(tool.outputs).toEqual(['ai_tool']);
		expect(tool.codex.subcategories.AI).toContain('Tools');
	});

	it('the description an agent gets says what the tool does and what IDs look like', () => {
		// n8n's default ("auto") tool description is the node's description plus resource and operation.
		expect(tool.description).toMatch(
			/^Create, update, find and list Feishu .* talents \(by email or mobile number, never doubled\), add them to talent pools, take them out, list the pools, read jobs, create \(never doubled\), read, move, terminate and recover applications, leave notes on talents, tag them and file them in folders\./,
		);
		expect(tool.description).toContain('19-digit strings');
		// n8n appends its own "Custom API Call" option to nodes whose credential can sign any request.
		const optionsOf = (property: Property) =>
			property.options!.filter((option) => option.name !== 'Custom API Call');
		const resources = optionsOf(tool.properties.find((property) => property.name === 'resource')!);
		expect(resources.map((resource) => resource.name)).toEqual([
			'Application',
			'Job',
			'Note',
			'Talent',
			'Talent Pool',
		]);
		// Each resource has its own operation picker.
		const operations = tool.properties
			.filter((property) => property.name === 'operation')
			.flatMap(optionsOf);
		expect(operations.map((operation) => operation.action)).toEqual([
			'Create an application',
			'Get an application',
			'Get many applications',
			'Move an application to a stage',
			'Recover an application',
			'Terminate an application',
			'Get a job',
			'Get many jobs',
			'Create a note',
			'Delete a note',
			'Get many notes',
			'Update a note',
			'Add tags to a talent',
			'Add talents to a folder',
			'Create a talent',
			'Create or update a talent',
			'Find talents by email or mobile number',
			'Get a talent',
			'Get many talents',
			'Remove talents from a folder',
			'Remove tags from a talent',
			'Update a talent',
			'Add a talent to a talent pool',
			'Remove a talent from a talent pool',
			'Get a talent pool',
			'Get many talent pools',
		]);
		for (const operation of operations) expect(operation.description).toMatch(/^[A-Z].{20,}/);
	});

	it('every parameter an agent may fill is described, and every ID parameter says it is 19 digits', () => {
		const own = tool.properties.filter(
			(property) =>
				!['descriptionType', 'toolDescription', 'resource', 'operation'].includes(property.name),
		);
		const fields = own.flatMap((property) =>
			property.type === 'collection' ? property.options! : [property],
		);
		expect(fields.map((field) => field.name)).toEqual(
			expect.arrayContaining([
				'identifyBy',
				'email',
				'mobileNumber',
				'mobileCode',
				'identificationType',
				'identificationNumber',
				'errorWhenNotFound',
				'allMatches',
			]),
		);
		for (const field of fields)
			expect(`${field.name}: ${field.description ?? ''}`).toMatch(/^\w+: [A-Z].{20,}/);
		const ids = fields.filter((field) => /Id|Ids$/.test(field.name));
		expect(ids.map((field) => field.name).sort()).toEqual([
			'applicationId',
			'applicationId',
			'applicationId',
			'applicationId',
			'applicationId',
			'applicationId',
			'folderId',
			'folderId',
			'jobId',
			'jobId',
			'jobId',
			'noteId',
			'noteId',
			'resumeSourceId',
			'resumeSourceId',
			'resumeSourceId',
			'stageId',
			'stageId',
			'tagIds',
			'tagIds',
			'talentId',
			'talentId',
			'talentId',
			'talentId',
			'talentId',
			'talentId',
			'talentId',
			'talentId',
			'talentId',
			'talentId',
			'talentId',
			'talentId',
			'talentPoolId',
			'talentPoolId',
			'talentPoolId',
			'talentPoolIds',
			'terminationReasonIds',
		]);
		for (const field of ids) expect(field.description).toContain('19-digit');
	});

	it('the keys a talent is found by say what one looks like', () => {
		const examples: Record<string, RegExp> = {
			email: /\b[\w.]+@[\w.]+\.\w+\b/,
			mobileNumber: /\b1\d{10}\b/,
			mobileCode: /\b86\b/,
		};
		const keys = tool.properties.filter((property) => property.name in examples);
		// Find, Add / Remove Talent, Create, Create or Update and Add to / Remove From Folder each take all three.
		expect(keys.length).toBe(21);
		for (const key of keys) expect(`${key.name}: ${key.description}`).toMatch(examples[key.name]);
	});
});
