import type { INodeParameterResourceLocator } from 'n8n-workflow';

export const byId = (value: string): INodeParameterResourceLocator => ({
	__rl: true,
	mode: 'id',
	value,
});
export const fromList = (value: string): INodeParameterResourceLocator => ({
	__rl: true,
	mode: 'list',
	value,
});

/**
 * Add or Remove Talent on one pool, the talent read from each item's `talent`; `overrides`
 * replace or add parameters (batching, Identify By, a pool read from the item, …).
 */
export function membershipParameters(
	operation: 'addTalent' | 'removeTalent',
	pool: string | INodeParameterResourceLocator,
	overrides: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		resource: 'talentPool',
		operation,
		talentPoolId: typeof pool === 'string' ? byId(pool) : pool,
		talentId: '={{ $json.talent }}',
		...overrides,
	};
}
