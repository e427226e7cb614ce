import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeProperties,
	type NodeApiError,
} from 'n8n-workflow';

import { optionsCollection } from '../../helpers/display';
import { asNodeError } from '../../helpers/item-errors';
import { booleanParameter } from '../../helpers/parameters';
import type { FeishuClient } from '../../../shared/transport/client';
import type { Endpoint } from '../../../shared/transport/endpoints';

/** The "already so" answers of Hire's application writes: the target state holds already. */
export const FAIL_IF_UNCHANGED: INodeProperties = optionsCollection([
	{
		displayName: 'Fail If Already So',
		name: 'failIfUnchanged',
		type: 'boolean',
		default: false,
		description:
			'Whether an item whose change holds already (the application in that stage, terminated, active; the talent on the job) fails. When off, it succeeds with changed: false (created: false for Create), so running the workflow again is safe.',
	},
]);

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

interface ApplicationChange {
	endpoint: Endpoint;
	applicationId: string;
	body: IDataObject;
	/** Feishu's answer when the application is in the wanted state already. */
	unchangedCode: number;
	/** What the application is then, for the error: "terminated", "active". */
	state: string;
	failIfUnchanged: boolean;
}

/**
 * A write Feishu does not repeat (terminate, recover): its "already so" code is
 * `changed: false`, unless the user asked for that to fail; any other error is the item's.
 */
export async function changeApplication(
	ctx: IExecuteFunctions,
	client: FeishuClient,
	change: ApplicationChange,
	itemIndex: number,
): Promise<IDataObject> {
	const { endpoint, applicationId, body, unchangedCode, state, failIfUnchanged } = change;
	try {
		await client.request({ endpoint, id: applicationId, body, itemIndex });
		return { application_id: applicationId, changed: true };
	} catch (error) {
		if ((error as NodeApiError).errorResponse?.code !== unchangedCode)
			throw asNodeError(ctx.getNode(), error, itemIndex);
		if (failIfUnchanged)
			throw alreadySo(ctx.getNode(), `The application is ${state} already`, itemIndex);
		return { application_id: applicationId, changed: false };
	}
}
