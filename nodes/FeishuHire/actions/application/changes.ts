import {
	NodeOperationError,
	type INode,
	type INodeProperties,
	type NodeApiError,
} from 'n8n-workflow';

import { optionsCollection } from '../../helpers/display';
import { asNodeError } from '../../helpers/item-errors';

/** The "already so" answers of Hire's application writes: the target state holds already. */
export const FAIL_IF_UNCHANGED: INodeProperties = optionsCollection([
	{
		displayName: 'Fail If Already So',
		name: 'failIfUnchanged',
		type: 'boolean',
		default: false,
		description:
			'Whether an application already in the wanted state fails its item. When off, the item succeeds with changed: false, so running the workflow again is safe.',
	},
]);

/**
 * `{ changed: false }` when Feishu answered `code` (the target state already holds), unless
 * the user asked for that to fail; any other error is passed on.
 */
export function unchangedOr(
	node: INode,
	error: unknown,
	code: number,
	failIfUnchanged: boolean,
	itemIndex: number,
	what: string,
): { changed: false } {
	if ((error as NodeApiError).errorResponse?.code !== code)
		throw asNodeError(node, error, itemIndex);
	if (failIfUnchanged)
		throw new NodeOperationError(node, `The application is ${what} already (item ${itemIndex})`, {
			itemIndex,
			description: 'Turn off Fail If Already So to let such items succeed with changed: false.',
		});
	return { changed: false };
}
