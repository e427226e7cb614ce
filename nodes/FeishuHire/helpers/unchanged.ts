import {
	NodeOperationError,
	type IExecuteFunctions,
	type INode,
	type INodeProperties,
} from 'n8n-workflow';

import { optionsCollection } from './display';
import { booleanParameter } from './parameters';

/** Options → Fail If Already So of a write whose wanted state may hold already; `what` gives examples. */
export function failIfUnchangedOption(what: string): INodeProperties {
	return optionsCollection([
		{
			displayName: 'Fail If Already So',
			name: 'failIfUnchanged',
			type: 'boolean',
			default: false,
			description: `Whether an item whose change holds already (${what}) fails. When off, it succeeds without a change (changed: false, created: false or deleted: false), so running the workflow again is safe.`,
		},
	]);
}

export function failIfUnchangedParameter(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return booleanParameter(ctx, 'options.failIfUnchanged', 'Fail If Already So', itemIndex);
}

/** The item's error when the wanted state holds already and the user asked for that to fail. */
export function alreadySo(node: INode, what: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, `${what} (item ${itemIndex})`, {
		itemIndex,
		description: 'Turn off Fail If Already So to let such items succeed without a change.',
	});
}
