import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The install commands README.md gives users, read from the README itself so that the tests
 * run exactly what users are told to type.
 */
export interface ReadmeInstallRoutes {
	/** "npm, self-hosted n8n": install the published package in ~/.n8n/nodes. */
	npm: string[];
	/** "Docker": the same inside the official image's container. */
	docker: string[];
	/** "From a tarball or a local build": build and pack in a clone, then install the tarball. */
	tarball: string[];
}

const ROUTE_LABELS: Record<keyof ReadmeInstallRoutes, string> = {
	npm: '**npm, self-hosted n8n**',
	docker: '**Docker**',
	tarball: '**From a tarball or a local build**',
};

const README = join(resolve(__dirname, '..', '..'), 'README.md');

/** Each route's shell lines, without their trailing `# comments`. */
export function readmeInstallRoutes(readme = readFileSync(README, 'utf8')): ReadmeInstallRoutes {
	const start = readme.indexOf('\n## Installation\n');
	if (start < 0) throw new Error('README.md has no "## Installation" section');
	const end = readme.indexOf('\n## ', start + 1);
	const section = readme.slice(start, end < 0 ? undefined : end);
	const routes = {} as ReadmeInstallRoutes;
	for (const [route, label] of Object.entries(ROUTE_LABELS) as Array<
		[keyof ReadmeInstallRoutes, string]
	>) {
		const at = section.indexOf(label);
		const block = at < 0 ? null : /```bash\n([\s\S]*?)```/.exec(section.slice(at));
		if (!block) throw new Error(`README.md's Installation has no bash block after ${label}`);
		routes[route] = block[1]
			.split('\n')
			.map((line) => line.replace(/\s+#\s.*$/, '').trim())
			.filter(Boolean);
	}
	return routes;
}

/** What the tarball route installs from: the placeholder path a user replaces with theirs. */
export const TARBALL_PLACEHOLDER = /\/path\/to\/\S+\.tgz/;

/**
 * The tarball route's lines that run in n8n's user folder (after the clone, build and pack),
 * with the placeholder path replaced by `tarball`.
 */
export function tarballInstallLines(tarball: string, routes = readmeInstallRoutes()): string[] {
	const from = routes.tarball.findIndex((line) => /^mkdir -p ~\/\.n8n\/nodes/.test(line));
	if (from < 0) throw new Error('README.md: the tarball route does not create ~/.n8n/nodes');
	const lines = routes.tarball.slice(from);
	if (!lines.some((line) => TARBALL_PLACEHOLDER.test(line)))
		throw new Error('README.md: the tarball route installs no /path/to/….tgz');
	return lines.map((line) => line.replace(TARBALL_PLACEHOLDER, shellQuote(tarball)));
}

/** The tarball route's build-and-pack line, run in a clone of the repository. */
export function tarballPackLine(routes = readmeInstallRoutes()): string {
	const line = routes.tarball.find((candidate) => /\bnpm pack\b/.test(candidate));
	if (!line) throw new Error('README.md: the tarball route has no npm pack line');
	return line;
}

export function shellQuote(text: string): string {
	return `'${text.replace(/'/g, `'\\''`)}'`;
}
