import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../../helpers/item-errors';
import { alreadySo, failIfUnchangedOption } from '../../helpers/unchanged';
import type { FeishuClient } from '../../../shared/transport/client';
import type { Endpoint } from '../../../shared/transport/endpoints';

/** The "already so" answers of Hire's application writes: the target state holds already. */
export const FAIL_IF_UNCHANGED = failIfUnchangedOption(
	'the application in that stage, terminated or active; the talent on the job',
);

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
