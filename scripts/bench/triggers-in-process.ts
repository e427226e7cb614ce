import { ExecutionLifecycleHooks, TriggerContext, WebhookContext } from 'n8n-core';
import {
	ICredentialsHelper,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

import type { Emulator } from '../../emulator';
import { FeishuHireLongConnectionTrigger } from '../../nodes/FeishuHireLongConnectionTrigger/FeishuHireLongConnectionTrigger.node';
import { FeishuHireTrigger } from '../../nodes/FeishuHireTrigger/FeishuHireTrigger.node';
import { emulatorCredential } from '../../tools/n8n/workspace';

/** The two triggers in-process through n8n-core, for the long-connection bench table. */
export const STAGE_CHANGED = 'hire.application.stage_changed_v1';

// The part of the n8n harness these rows need (scripts do not import the tests' helpers).
const LONG_CONNECTION_TYPE = 'n8n-nodes-feishu-hire.feishuHireLongConnectionTrigger';
const WEBHOOK_TYPE = 'n8n-nodes-feishu-hire.feishuHireTrigger';
const longConnectionTrigger = new FeishuHireLongConnectionTrigger();
const webhookTrigger = new FeishuHireTrigger();
const byType = (type: string): INodeType => {
	if (type === LONG_CONNECTION_TYPE) return longConnectionTrigger;
	if (type === WEBHOOK_TYPE) return webhookTrigger;
	throw new Error(`Unknown node type ${type}`);
};
const nodeTypes: INodeTypes = {
	getByName: byType,
	getByNameAndVersion: byType,
	getKnownTypes: () => ({}),
};

/** One stored credential, decrypted as n8n hands it to a node; nothing here authenticates requests. */
class OneCredential extends ICredentialsHelper {
	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}
	getParentTypes(): string[] {
		return [];
	}
	getCredentialsProperties() {
		return [];
	}
	async getCredentials(): Promise<ICredentials> {
		throw new Error('getCredentials is not used');
	}
	async getDecrypted() {
		return structuredClone(this.data);
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	async preAuthentication() {
		return undefined;
	}
	async authenticate(_data: unknown, _type: string, options: unknown) {
		return options as IHttpRequestOptions;
	}
}

let workflows = 0;

/** A one-node workflow of `type`, and the additionalData n8n-core's contexts read. */
function oneNode(emulator: Emulator, type: string, parameters: INodeParameters) {
	const credentials = new OneCredential(emulatorCredential(emulator).data);
	const node: INode = {
		id: `bench-node-${++workflows}`,
		name: 'Feishu Hire Trigger',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { feishuHireApi: { id: 'cred-1', name: 'Feishu' } },
		webhookId: 'hook',
	};
	const workflow = new Workflow({
		id: `wf-bench-${workflows}`,
		name: 'bench',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		settings: {},
	});
	const executionId = `bench-exec-${workflows}`;
	const additionalData = {
		hooks: new ExecutionLifecycleHooks('trigger', executionId, {
			id: workflow.id,
			name: workflow.name,
			nodes: [node],
			connections: {},
			active: true,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
			activeVersionId: null,
		} as never),
		credentialsHelper: credentials,
		executionId,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		userId: 'user-1',
	} as unknown as IWorkflowExecuteAdditionalData;
	return { node, workflow, additionalData };
}

const quietLogger = { info: () => undefined, debug: () => undefined };

/** When each event_id was emitted (every emit, duplicates included). */
export type Emits = Map<string, number[]>;

export function recordEmit(emits: Emits, eventId: unknown, at: number) {
	const key = String(eventId);
	emits.set(key, [...(emits.get(key) ?? []), at]);
}

/** The long-connection trigger activated as n8n does (TriggerContext, mode `trigger`). */
export async function activateLongConnection(emulator: Emulator, emits: Emits) {
	const { node, workflow, additionalData } = oneNode(emulator, LONG_CONNECTION_TYPE, {
		events: [STAGE_CHANGED],
		options: {},
	});
	const emit = (data: INodeExecutionData[][]) => {
		const at = performance.now();
		for (const item of data[0] ?? []) recordEmit(emits, item.json.event_id, at);
	};
	const context = new TriggerContext(workflow, node, additionalData, 'trigger', 'activate', emit);
	const logged: string[] = [];
	const record = (message: string) => logged.push(message);
	Object.defineProperty(context, 'logger', {
		value: { ...quietLogger, warn: record, error: record },
	});
	const response = await longConnectionTrigger.trigger.call(context);
	return { logged, close: async () => await response.closeFunction?.() };
}

/**
 * The webhook trigger's production URL as n8n serves it: the raw body kept and JSON parsed,
 * webhook() run in n8n-core's WebhookContext, an execution (the emit) for its workflowData.
 */
export async function serveWebhook(emulator: Emulator, emits: Emits) {
	const { node, workflow, additionalData } = oneNode(emulator, WEBHOOK_TYPE, {
		events: [STAGE_CHANGED],
		options: {},
	});
	const logs: string[] = [];
	const record = (message: string) => logs.push(message);
	const logger = { ...quietLogger, warn: record, error: record };
	const webhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: 'hook/webhook',
		webhookDescription: webhookTrigger.description.webhooks![0],
		workflowId: workflow.id,
	} as unknown as IWebhookData;
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks);
			let body: unknown = {};
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				res.writeHead(422).end();
				return;
			}
			const response = {
				status: (status: number) => ({
					json: (value: unknown) =>
						res
							.writeHead(status, { 'content-type': 'application/json' })
							.end(JSON.stringify(value)),
				}),
			};
			const context = new WebhookContext(
				workflow,
				node,
				{
					...additionalData,
					httpRequest: { body, rawBody, headers: req.headers, query: {}, params: {} },
					httpResponse: response,
					logger,
				} as unknown as IWorkflowExecuteAdditionalData,
				'webhook',
				webhookData,
				[],
				null,
			);
			Object.defineProperty(context, 'logger', { value: logger });
			webhookTrigger.webhook!.call(context).then(
				(result) => {
					if (result.noWebhookResponse) return;
					if (result.workflowData) {
						const at = performance.now();
						for (const item of result.workflowData[0]) recordEmit(emits, item.json.event_id, at);
					}
					const text = result.workflowData ? '' : JSON.stringify(result.webhookResponse ?? {});
					res.writeHead(200, { 'content-type': 'application/json' }).end(text);
				},
				(error: Error) => {
					logs.push(error.message);
					res.writeHead(500).end();
				},
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook/hook/webhook`,
		logs,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
