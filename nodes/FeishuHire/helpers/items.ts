import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, forItem } from './item-errors';

export type Prepared<Input> = { input: Input } | { error: Error };

/**
 * Reads and checks every item's parameters before anything is sent. Without "Continue On
 * Fail" the first bad item stops the node here, so no request goes out for any item.
 */
export function prepareItems<Input>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	prepare: (itemIndex: number) => Input,
): Array<Prepared<Input>> {
	return items.map((_item, itemIndex) => {
		try {
			return { input: prepare(itemIndex) };
		} catch (error) {
			const failure = asNodeError(ctx.getNode(), error, itemIndex);
			if (!ctx.continueOnFail()) throw failure;
			return { error: failure };
		}
	});
}

/**
 * Runs `work` for every prepared item, at most `concurrency` at a time, and returns the
 * output in input order with pairedItem set. With "Continue On Fail" a failed item becomes
 * `{ error }`; without it, no new item starts after a failure and the earliest failure is thrown.
 */
export async function runItems<Input>(
	ctx: IExecuteFunctions,
	prepared: Array<Prepared<Input>>,
	work: (input: Input, itemIndex: number) => Promise<IDataObject | IDataObject[]>,
	concurrency = 1,
): Promise<INodeExecutionData[]> {
	const continueOnFail = ctx.continueOnFail();
	const results: INodeExecutionData[][] = new Array(prepared.length);
	const failures: Array<{ itemIndex: number; error: Error }> = [];
	let next = 0;

	const settle = (itemIndex: number, outcome: IDataObject | IDataObject[] | Error) => {
		if (outcome instanceof Error) {
			if (!continueOnFail) failures.push({ itemIndex, error: outcome });
			results[itemIndex] = [{ json: { error: outcome.message }, pairedItem: { item: itemIndex } }];
			return;
		}
		results[itemIndex] = ctx.helpers.constructExecutionMetaData(
			ctx.helpers.returnJsonArray(outcome),
			{
				itemData: { item: itemIndex },
			},
		);
	};

	const worker = async () => {
		while (next < prepared.length && failures.length === 0) {
			const itemIndex = next++;
			const entry = prepared[itemIndex];
			if ('error' in entry) {
				settle(itemIndex, entry.error);
				continue;
			}
			try {
				settle(itemIndex, await work(entry.input, itemIndex));
			} catch (error) {
				settle(itemIndex, error as Error);
			}
		}
	};
	await Promise.all(
		Array.from({ length: Math.max(1, Math.min(concurrency, prepared.length)) }, worker),
	);

	if (failures.length > 0) {
		failures.sort((a, b) => a.itemIndex - b.itemIndex);
		throw failures[0].error;
	}
	return results.flat();
}

/** Without Continue On Fail: throws the failure of the earliest item that has one, naming that item. */
export function throwEarliestFailure<Input>(
	ctx: IExecuteFunctions,
	prepared: Array<Prepared<Input>>,
	failureOf: (input: Input) => Error | undefined,
): void {
	if (ctx.continueOnFail()) return;
	const first = prepared.findIndex(
		(entry) => 'input' in entry && failureOf(entry.input) !== undefined,
	);
	if (first >= 0)
		throw forItem(ctx.getNode(), failureOf((prepared[first] as { input: Input }).input)!, first);
}
