import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The layers of the package, and what may import what (CONTRIBUTING.md, Architecture):
 * a layer imports only layers below it, neither node imports the other's folder, and no
 * imports go round in a circle.
 */
const ROOT = resolve(__dirname, '..', '..');

/** From the top down; a file may import its own layer and those after it. */
const LAYERS: Array<{ name: string; files: RegExp }> = [
	{ name: 'credential', files: /^credentials\// },
	{ name: 'action node', files: /^nodes\/FeishuHire\/FeishuHire\.node\.ts$/ },
	{ name: 'trigger node', files: /^nodes\/FeishuHireTrigger\// },
	{ name: 'long-connection trigger node', files: /^nodes\/FeishuHireLongConnectionTrigger\// },
	{ name: 'talent poll trigger node', files: /^nodes\/FeishuHireTalentPollTrigger\// },
	{ name: 'actions and editor look-ups', files: /^nodes\/FeishuHire\/(actions|methods)\// },
	{ name: 'identification', files: /^nodes\/FeishuHire\/identify\// },
	{ name: 'node helpers', files: /^nodes\/FeishuHire\/helpers\// },
	{ name: 'Feishu layer', files: /^nodes\/shared\// },
];

/** Layers that are side by side: neither may import the other. */
const SIBLINGS = [
	[
		'credential',
		'action node',
		'trigger node',
		'long-connection trigger node',
		'talent poll trigger node',
	],
];

/** No node imports another node's folder, and the credential only the Feishu layer. */
const NODE_FOLDER = /^nodes\/(FeishuHire\w*)\//;
const FOREIGN: Array<[RegExp, RegExp]> = [[/^credentials\//, NODE_FOLDER]];

function sourceFiles(folder: string): string[] {
	return readdirSync(join(ROOT, folder)).flatMap((name) => {
		const path = join(folder, name);
		if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

/** Each file's relative imports, resolved to repository paths. */
function importGraph(files: string[]): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	const known = new Set(files);
	for (const file of files) {
		const text = readFileSync(join(ROOT, file), 'utf8');
		const targets = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map(
			([, spec]) => {
				const path = relative(ROOT, resolve(ROOT, dirname(file), spec));
				return (
					[`${path}.ts`, join(path, 'index.ts')].find((candidate) => known.has(candidate)) ?? path
				);
			},
		);
		graph.set(file, targets);
	}
	return graph;
}

const layerOf = (file: string) => LAYERS.findIndex((layer) => layer.files.test(file));

function layerProblems(graph: Map<string, string[]>): string[] {
	return [...graph].flatMap(([file, targets]) =>
		targets.flatMap((target) => {
			const [from, to] = [layerOf(file), layerOf(target)];
			if (from < 0) return [`${file} is in no layer`];
			if (to < 0) return [`${file} imports ${target}, which is in no layer`];
			const names = [LAYERS[from].name, LAYERS[to].name];
			const sideways =
				from !== to && SIBLINGS.some((group) => names.every((name) => group.includes(name)));
			const [mine, theirs] = [file, target].map((path) => NODE_FOLDER.exec(path)?.[1]);
			const foreign =
				FOREIGN.some(([source, other]) => source.test(file) && other.test(target)) ||
				(mine !== undefined && theirs !== undefined && mine !== theirs);
			if (to < from || sideways || foreign)
				return [`${file} (${names[0]}) imports ${target} (${names[1]})`];
			return [];
		}),
	);
}

function cycles(graph: Map<string, string[]>): string[][] {
	const found: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const path: string[] = [];
	const visit = (file: string) => {
		state.set(file, 'open');
		path.push(file);
		for (const target of graph.get(file) ?? []) {
			if (state.get(target) === 'open') found.push([...path.slice(path.indexOf(target)), target]);
			else if (!state.has(target) && graph.has(target)) visit(target);
		}
		path.pop();
		state.set(file, 'done');
	};
	for (const file of graph.keys()) if (!state.has(file)) visit(file);
	return found;
}

const graph = importGraph([...sourceFiles('nodes'), ...sourceFiles('credentials')]);

it('every file of the package is in a layer and imports only its own layer and those below it', () => {
	expect(graph.size).toBeGreaterThan(40);
	expect(layerProblems(graph)).toEqual([]);
});

it('no imports go round in a circle, in the package, the emulator, the n8n harness or the scripts', () => {
	expect(cycles(graph)).toEqual([]);
	const tooling = importGraph(['emulator', 'tools', 'scripts'].flatMap(sourceFiles));
	expect(tooling.size).toBeGreaterThan(30);
	expect(cycles(tooling)).toEqual([]);
});

it('the emulator and the n8n harness import neither tests nor scripts', () => {
	const modules = importGraph(['emulator', 'tools'].flatMap(sourceFiles));
	const outside = [...modules].flatMap(([file, targets]) =>
		targets
			.filter((target) => /^(test|scripts)\//.test(target))
			.map((target) => `${file} imports ${target}`),
	);
	expect(outside).toEqual([]);
});

it('the check catches an import upwards, across the two nodes, and a circle', () => {
	const faulty = new Map(graph);
	faulty.set('nodes/shared/transport/client.ts', ['nodes/FeishuHire/helpers/items.ts']);
	faulty.set('nodes/FeishuHireTrigger/delivery.ts', ['nodes/FeishuHire/FeishuHire.node.ts']);
	faulty.set('nodes/FeishuHireTrigger/crypto.ts', ['nodes/FeishuHire/helpers/item-errors.ts']);
	faulty.set('nodes/shared/ids.ts', ['nodes/shared/origin.ts']);
	faulty.set('nodes/shared/origin.ts', ['nodes/shared/ids.ts']);
	expect(layerProblems(faulty)).toEqual(
		expect.arrayContaining([
			expect.stringContaining('nodes/shared/transport/client.ts (Feishu layer) imports'),
			expect.stringContaining('nodes/FeishuHireTrigger/delivery.ts (trigger node) imports'),
			expect.stringContaining('nodes/FeishuHireTrigger/crypto.ts (trigger node) imports'),
		]),
	);
	expect(cycles(faulty)).toContainEqual([
		'nodes/shared/ids.ts',
		'nodes/shared/origin.ts',
		'nodes/shared/ids.ts',
	]);
});
