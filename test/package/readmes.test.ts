import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { FeishuHire } from '../../nodes/FeishuHire/FeishuHire.node';

/** Both READMEs describe every operation the node offers; a new one without docs fails here. */
const ROOT = join(__dirname, '..', '..');
const english = readFileSync(join(ROOT, 'README.md'), 'utf8');
const chinese = readFileSync(join(ROOT, 'README.zh-CN.md'), 'utf8');

const { properties } = new FeishuHire().description;
const resources = properties.find((property) => property.name === 'resource')!.options as Array<{
	name: string;
	value: string;
}>;
const operations = resources.flatMap((resource) => {
	const picker = properties.find(
		(property) =>
			property.name === 'operation' &&
			property.displayOptions?.show?.resource?.includes(resource.value),
	)!;
	return (picker.options as Array<{ name: string }>).map((operation) => ({
		resource: resource.name,
		operation: operation.name,
	}));
});

it('the node offers the operations these tests look for', () => {
	expect(operations.length).toBeGreaterThanOrEqual(10);
});

it.each(operations)(
	'README.md describes $resource → $operation under its resource',
	({ resource, operation }) => {
		const section = english
			.split(/^### Resource: /m)
			.find((part) => part.startsWith(`${resource}\n`));
		expect(section).toBeDefined();
		expect(section).toMatch(new RegExp(`^#### ${operation}$`, 'm'));
	},
);

it.each(operations)(
	'README.zh-CN.md lists $resource → $operation in its table',
	({ resource, operation }) => {
		expect(chinese).toContain(`| ${resource} | ${operation} |`);
	},
);

it('each README links to the other', () => {
	expect(english).toContain('[简体中文](README.zh-CN.md)');
	expect(chinese).toContain('[English](README.md)');
});
