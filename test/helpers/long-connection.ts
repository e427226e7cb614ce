import { TriggerContext } from 'n8n-core';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { LONG_CONNECTION_TRIGGER_TYPE, longConnectionTrigger, type N8nHarness } from './n8n';
import { waitFor } from '../../tools/wait';

export interface RunningTrigger {
	/** Every item emitted so far, in order. */
	items: IDataObject[];
	/** Lines the trigger logged (warn and error). */
	logged: string[];
	close(): Promise<void>;
}

/**
 * The long-connection trigger activated as n8n does (n8n-core's TriggerContext, mode
 * `trigger`): resolves once activation succeeded, rejects with its error.
 */
export async function startLongConnectionTrigger(
	n8n: N8nHarness,
	parameters: IDataObject = {},
	{
		credentialId = 'cred-1',
		workflowId = 'wf-lc',
		nodeId = 'lc-node',
		onEmit = () => undefined,
	}: { credentialId?: string; workflowId?: string; nodeId?: string; onEmit?: () => void } = {},
): Promise<RunningTrigger> {
	const node = {
		...n8n.node(
			{ events: ['hire.application.stage_changed_v1'], options: {}, ...parameters },
			credentialId,
			false,
			LONG_CONNECTION_TRIGGER_TYPE,
		),
		id: nodeId,
	};
	const workflow = n8n.workflow(node, workflowId);
	const items: IDataObject[] = [];
	const logged: string[] = [];
	const emit = (data: INodeExecutionData[][]) => {
		onEmit();
		for (const item of data[0] ?? []) items.push(item.json);
	};
	const context = new TriggerContext(
		workflow,
		node,
		n8n.additionalData(workflow),
		'trigger',
		'activate',
		emit,
	);
	const record = (message: string) => logged.push(message);
	Object.defineProperty(context, 'logger', {
		value: { info: () => undefined, debug: () => undefined, warn: record, error: record },
	});
	const response = await longConnectionTrigger.trigger.call(context);
	return { items, logged, close: async () => await response.closeFunction?.() };
}

/** Waits until `check` holds (polled every 20 ms), or fails after `timeoutMs`. */
export const until = async (check: () => boolean, timeoutMs = 5_000, what = 'the condition') =>
	await waitFor(check, what, timeoutMs, 20);
