import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { checkFeishuId, checkOpaqueId } from '../../shared/ids';

/** Bad input: names the parameter and the item, and says what is wrong. */
export function invalid(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	problem: string,
	description?: string,
) {
	return new NodeOperationError(ctx.getNode(), `${parameter} ${problem} (item ${itemIndex})`, {
		itemIndex,
		description,
	});
}

/** A 19-digit Feishu ID from a string parameter or a resource locator. */
export function feishuIdParameter(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true });
	const checked = checkFeishuId(value);
	if ('problem' in checked) {
		throw invalid(
			ctx,
			itemIndex,
			label,
			checked.problem,
			'Feishu IDs are 19-digit numbers written as text, e.g. 6930815272790114324.',
		);
	}
	return checked.id;
}

/** An optional 19-digit Feishu ID: undefined when the parameter is empty. */
export function optionalFeishuIdParameter(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string | undefined {
	return ctx.getNodeParameter(name, itemIndex, '') === ''
		? undefined
		: feishuIdParameter(ctx, name, label, itemIndex);
}

/** An ID Feishu types only as a string (a job's), from a string parameter or a resource locator. */
export function opaqueIdParameter(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const checked = checkOpaqueId(ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }));
	if ('problem' in checked) throw invalid(ctx, itemIndex, label, checked.problem);
	return checked.id;
}

export function booleanParameter(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	fallback = false,
): boolean {
	const value = ctx.getNodeParameter(name, itemIndex, fallback);
	if (typeof value !== 'boolean') {
		throw invalid(ctx, itemIndex, label, `must be true or false, not ${JSON.stringify(value)}`);
	}
	return value;
}

/** Get Many's Return All and Limit: how many results to return, undefined for all. */
export function resultLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	return booleanParameter(ctx, 'returnAll', 'Return All', itemIndex)
		? undefined
		: limitParameter(ctx, itemIndex);
}

export function limitParameter(ctx: IExecuteFunctions, itemIndex: number): number {
	const value = ctx.getNodeParameter('limit', itemIndex, 50);
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw invalid(
			ctx,
			itemIndex,
			'Limit',
			`must be a whole number of at least 1, not ${JSON.stringify(value)}`,
		);
	}
	return value;
}

/** IDs given as "a, b c" or as an array from an expression; empty means no filter. */
export function idListParameter(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string[] | undefined {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	let entries: unknown[];
	if (Array.isArray(value)) {
		entries = value;
	} else if (typeof value === 'string') {
		if (value.trim() === '') return undefined;
		entries = value.split(/[\s,]+/).filter((entry) => entry !== '');
		if (entries.length === 0) throw invalid(ctx, itemIndex, label, 'holds separators but no ID');
	} else {
		throw invalid(
			ctx,
			itemIndex,
			label,
			`must be IDs separated by commas, or a list of IDs, not ${typeof value}`,
		);
	}
	const ids = new Set<string>();
	for (const [position, entry] of entries.entries()) {
		const checked = checkFeishuId(entry);
		if ('problem' in checked)
			throw invalid(ctx, itemIndex, label, `entry ${position + 1} ${checked.problem}`);
		ids.add(checked.id);
	}
	return ids.size > 0 ? [...ids] : undefined;
}

/** A date-time filter as Feishu wants it (ms), or undefined when empty. */
export function dateTimeParameter(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): number | undefined {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	if (value === '' || value === undefined || value === null) return undefined;
	const ms =
		typeof value === 'number'
			? value
			: value instanceof Date
				? value.getTime()
				: typeof value === 'string'
					? Date.parse(value)
					: typeof (value as { toMillis?: unknown }).toMillis === 'function'
						? (value as { toMillis(): number }).toMillis()
						: NaN;
	if (!Number.isFinite(ms) || ms < 0)
		throw invalid(ctx, itemIndex, label, `${JSON.stringify(value)} is not a date and time`);
	return Math.floor(ms);
}

/** The filters Updated After and Updated Before as a list's update_start_time / update_end_time (ms). */
export function updatedWindowQuery(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const after = dateTimeParameter(ctx, 'filters.updatedAfter', 'Updated After', itemIndex);
	const before = dateTimeParameter(ctx, 'filters.updatedBefore', 'Updated Before', itemIndex);
	if (after !== undefined && before !== undefined && after > before)
		throw invalid(ctx, itemIndex, 'Updated Before', 'is earlier than Updated After');
	return {
		update_start_time: after === undefined ? undefined : String(after),
		update_end_time: before === undefined ? undefined : String(before),
	};
}
