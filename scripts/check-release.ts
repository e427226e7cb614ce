// npm run check:release: the GitHub workflows do what publishing needs (CI on every push and
// pull request; publishing on a version tag only, with provenance, after build, lint, scan and
// tests), and the tarball npm would publish holds the built package and nothing else.
// Prints one line per problem and exits non-zero if there is any.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import { testOnlyReason } from './package-contents';

const root = join(__dirname, '..');
const problems: string[] = [];

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
}

interface Job {
	permissions?: unknown;
	steps?: Step[];
}

interface Workflow {
	on?: unknown;
	permissions?: unknown;
	jobs?: Record<string, Job>;
}

function readWorkflow(file: string): Workflow | undefined {
	const path = `.github/workflows/${file}`;
	let text: string;
	try {
		text = readFileSync(join(root, path), 'utf8');
	} catch {
		problems.push(`${path} is missing`);
		return undefined;
	}
	try {
		const workflow: unknown = parse(text);
		if (typeof workflow === 'object' && workflow !== null) return workflow as Workflow;
		problems.push(`${path} is not a YAML mapping`);
	} catch (error) {
		problems.push(`${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
	}
	return undefined;
}

/** The workflow's events with their filters; `on` may be a name, a list of names or a mapping. */
function triggers(workflow: Workflow): Record<string, Record<string, unknown>> {
	const on = workflow.on;
	const names = typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : undefined;
	if (names) return Object.fromEntries(names.map((name) => [name, {}]));
	if (typeof on !== 'object' || on === null) return {};
	return Object.fromEntries(
		Object.entries(on).map(([name, filters]) => [name, (filters ?? {}) as Record<string, unknown>]),
	);
}

/** The shell commands of a step, one per line, without blank lines and comments. */
function commands(step: Step): string[] {
	if (typeof step.run !== 'string') return [];
	return step.run
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '' && !line.startsWith('#'));
}

function stepsOf(job: Job): Step[] {
	return Array.isArray(job.steps) ? job.steps : [];
}

function grantsIdTokenWrite(permissions: unknown): boolean {
	if (permissions === 'write-all') return true;
	return (
		typeof permissions === 'object' &&
		permissions !== null &&
		(permissions as Record<string, unknown>)['id-token'] === 'write'
	);
}

function checkCiWorkflow(): void {
	const workflow = readWorkflow('ci.yml');
	if (!workflow) return;
	const events = triggers(workflow);
	for (const event of ['push', 'pull_request']) {
		if (!(event in events)) problems.push(`ci.yml does not run on ${event}`);
	}
	const runsCi = Object.values(workflow.jobs ?? {}).some((job) =>
		stepsOf(job).some((step) =>
			commands(step).some((command) => /^bash \.ci\/run(\s|$)/.test(command)),
		),
	);
	if (!runsCi) problems.push('ci.yml has no step that runs `bash .ci/run`');
}

/** Steps a publish job must run before `npm publish`, each matched against one command line. */
const BEFORE_PUBLISH: Array<{ what: string; command: RegExp }> = [
	{ what: 'npm ci', command: /^npm ci(\s|$)/ },
	{ what: 'the build (npm run build)', command: /^npm run build(\s|$)/ },
	{ what: 'the lint (npm run lint)', command: /^npm run lint(\s|$)/ },
	{ what: "n8n's scan (npm run scan)", command: /^npm run scan(\s|$)/ },
	{ what: 'the tests (npm test)', command: /^npm (test|t|run test)(\s|$)/ },
];

function checkPublishWorkflow(): void {
	const workflow = readWorkflow('publish.yml');
	if (!workflow) return;

	const events = triggers(workflow);
	const otherEvents = Object.keys(events).filter((event) => event !== 'push');
	if (otherEvents.length > 0) {
		problems.push(
			`publish.yml must run on version tags only, but also runs on: ${otherEvents.join(', ')}`,
		);
	}
	const push = events.push;
	if (!push) {
		problems.push('publish.yml does not run on push of a version tag');
	} else {
		const tags = Array.isArray(push.tags) ? push.tags.map(String) : [];
		if (tags.length === 0) {
			problems.push(
				'publish.yml: `on.push` has no `tags` filter, so it would publish on every push',
			);
		}
		for (const tag of tags) {
			if (!/^v[^.]+\.[^.]+\.[^.]+/.test(tag)) {
				problems.push(`publish.yml: tag pattern '${tag}' is not a version tag such as 'v*.*.*'`);
			}
		}
		for (const filter of ['branches', 'branches-ignore', 'tags-ignore', 'paths', 'paths-ignore']) {
			if (filter in push) {
				problems.push(
					`publish.yml: \`on.push.${filter}\` is set; publishing must depend on the version tag only`,
				);
			}
		}
	}

	const publishJobs = Object.entries(workflow.jobs ?? {}).filter(([, job]) =>
		stepsOf(job).some((step) =>
			commands(step).some((command) => /^npm publish(\s|$)/.test(command)),
		),
	);
	if (publishJobs.length !== 1) {
		problems.push(
			`publish.yml must have exactly one job that runs \`npm publish\`, found ${publishJobs.length}`,
		);
		return;
	}
	const [jobName, job] = publishJobs[0];
	const permissions = job.permissions ?? workflow.permissions;
	if (!grantsIdTokenWrite(permissions)) {
		problems.push(
			`publish.yml: job '${jobName}' lacks \`permissions: id-token: write\` (needed for provenance and trusted publishing)`,
		);
	}

	const lines = stepsOf(job).flatMap((step, stepIndex) =>
		commands(step).map((command) => ({ command, stepIndex })),
	);
	const publishAt = lines.findIndex(({ command }) => /^npm publish(\s|$)/.test(command));
	const publish = lines[publishAt].command;
	if (!/(^|\s)--provenance(\s|=true|$)/.test(publish)) {
		problems.push(`publish.yml: \`${publish}\` lacks --provenance`);
	}
	for (const { what, command } of BEFORE_PUBLISH) {
		if (!lines.slice(0, publishAt).some((line) => command.test(line.command))) {
			problems.push(`publish.yml: job '${jobName}' does not run ${what} before npm publish`);
		}
	}

	const steps = stepsOf(job);
	const publishStep = lines[publishAt].stepIndex;
	const checksTag = steps
		.slice(0, publishStep)
		.some(
			(step) =>
				typeof step.run === 'string' &&
				/GITHUB_REF_NAME|github\.ref_name/.test(step.run) &&
				/package\.json/.test(step.run),
		);
	if (!checksTag) {
		problems.push(
			`publish.yml: job '${jobName}' does not check that the tag matches package.json's version`,
		);
	}
	const setupNode = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
	if (
		String(setupNode?.with?.['registry-url'] ?? '').replace(/\/$/, '') !==
		'https://registry.npmjs.org'
	) {
		problems.push(
			`publish.yml: actions/setup-node in job '${jobName}' lacks \`registry-url: https://registry.npmjs.org\``,
		);
	}
}

interface PackedFile {
	path: string;
	size: number;
}

interface PackResult {
	filename: string;
	size: number;
	unpackedSize: number;
	entryCount: number;
	files: PackedFile[];
}

const TOP_LEVEL_FILES = ['package.json', 'README.md', 'README.zh-CN.md', 'LICENSE', 'CHANGELOG.md'];

function kilobytes(bytes: number): string {
	return `${(bytes / 1024).toFixed(1)} kB`;
}

function checkTarball(): void {
	let packed: PackResult;
	try {
		// --ignore-scripts: list what is there now, without a prepack build
		const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		packed = (JSON.parse(output) as PackResult[])[0];
	} catch (error) {
		problems.push(`npm pack --dry-run --json failed: ${(error as Error).message.split('\n')[0]}`);
		return;
	}
	const paths = new Set(packed.files.map((file) => file.path));

	for (const file of TOP_LEVEL_FILES) {
		if (!paths.has(file)) problems.push(`tarball lacks ${file}`);
	}
	for (const path of paths) {
		if (!TOP_LEVEL_FILES.includes(path) && !path.startsWith('dist/')) {
			problems.push(
				`tarball holds ${path}, which is neither under dist/ nor one of ${TOP_LEVEL_FILES.join(', ')}`,
			);
			continue;
		}
		const reason = testOnlyReason(path);
		if (reason) problems.push(`tarball holds ${path}, but ${reason}`);
	}

	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
		main?: string;
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	const named = [
		...(pkg.n8n?.nodes ?? []).map((file) => ({ field: 'n8n.nodes', file })),
		...(pkg.n8n?.credentials ?? []).map((file) => ({ field: 'n8n.credentials', file })),
		...(pkg.main ? [{ field: 'main', file: pkg.main }] : []),
	];
	if (!named.some(({ field }) => field === 'n8n.nodes')) {
		problems.push('package.json names no node in n8n.nodes');
	}
	const distFiles = packed.files.filter((file) => file.path.startsWith('dist/'));
	const hint = distFiles.length === 0 ? ' (dist/ is missing: run `npm run build` first)' : '';
	for (const { field, file } of named) {
		if (!paths.has(file.replace(/^\.\//, ''))) {
			problems.push(`package.json ${field} names ${file}, which is not in the tarball${hint}`);
		}
	}

	const sourceMaps = distFiles.filter((file) => file.path.endsWith('.map')).length;
	console.log(
		`tarball ${packed.filename}: ${packed.entryCount} files (${distFiles.length} under dist/, ${sourceMaps} of them source maps), ` +
			`${kilobytes(packed.size)} packed, ${kilobytes(packed.unpackedSize)} unpacked`,
	);
}

checkCiWorkflow();
checkPublishWorkflow();
checkTarball();

if (problems.length > 0) {
	for (const problem of problems) console.error(`check:release: ${problem}`);
	process.exit(1);
}
console.log(
	'check:release: ci.yml and publish.yml as required; the tarball holds the built package and nothing else',
);
