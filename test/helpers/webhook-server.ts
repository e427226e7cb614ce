import { WebhookContext } from 'n8n-core';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
	IDataObject,
	INodeParameters,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { feishuHireTrigger, TRIGGER_TYPE, type N8nHarness } from './n8n';

/** n8n's own body limit (N8N_PAYLOAD_SIZE_MAX, 16 MiB): larger requests never reach a node. */
const N8N_PAYLOAD_SIZE_MAX = 16 * 1024 * 1024;

export interface Answer {
	status: number;
	body: string;
	/** Whether n8n would have started an execution for it. */
	started: boolean;
}

export interface TriggerServer {
	/** The trigger's production URL. */
	url: string;
	/** Every request's answer, in order. */
	answers: Answer[];
	/** The items of each execution the trigger started. */
	executions: IDataObject[][];
	/** What the trigger logged (n8n's logger). */
	logs: string[];
	close(): Promise<void>;
}

let servers = 0;

/**
 * A production webhook as n8n serves one: the raw body read and JSON bodies parsed
 * (middlewares/body-parser), the trigger's webhook() run in n8n-core's WebhookContext, and
 * its result answered the way webhook-helpers does: its own response, `webhookResponse` as
 * JSON, or an execution for `workflowData` and the answer its `responseData` sets. A webhook() that
 * throws gets 500 and an execution with the error, as in n8n.
 */
export async function startTriggerServer(
	n8n: N8nHarness,
	parameters: INodeParameters,
	credentialId = 'cred-1',
): Promise<TriggerServer> {
	const node = { ...n8n.node(parameters, credentialId, false, TRIGGER_TYPE), webhookId: 'hook' };
	const workflow = n8n.workflow(node, `wf-trigger-${++servers}`);
	const answers: Answer[] = [];
	const executions: IDataObject[][] = [];
	const logs: string[] = [];
	const logger = Object.fromEntries(
		['error', 'warn', 'info', 'debug'].map((level) => [
			level,
			(message: string) => logs.push(`${level}: ${message}`),
		]),
	);

	const server = createServer((req, res) => {
		void handle(req, res).catch((error: Error) => {
			answers.push({ status: 500, body: error.message, started: true });
			res.writeHead(500).end();
		});
	});
	async function handle(req: IncomingMessage, res: ServerResponse) {
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of req) {
			size += (chunk as Buffer).length;
			if (size > N8N_PAYLOAD_SIZE_MAX) throw new Error('payload too large');
			chunks.push(chunk as Buffer);
		}
		const received = Buffer.concat(chunks);
		// n8n's body parser keeps no raw bytes for multipart bodies (it hands them to its form parser).
		const rawBody = String(req.headers['content-type']).startsWith('multipart/')
			? undefined
			: received;
		let body: unknown = {};
		if (String(req.headers['content-type']).startsWith('application/json') && received.length) {
			try {
				body = JSON.parse(received.toString('utf8'));
			} catch {
				// n8n answers 422 "Failed to parse request body" before any node sees it.
				answers.push({ status: 422, body: 'Failed to parse request body', started: false });
				res.writeHead(422).end();
				return;
			}
		}
		let sent: { status: number; body: string } | undefined;
		const response = {
			status(status: number) {
				return {
					json(value: unknown) {
						sent = { status, body: JSON.stringify(value) };
						res.writeHead(status, { 'content-type': 'application/json' }).end(sent.body);
					},
				};
			},
		};
		const request = { body, rawBody, headers: req.headers, query: {}, params: {} };
		const additionalData = {
			...n8n.additionalData(workflow),
			httpRequest: request,
			httpResponse: response,
			logger,
		} as unknown as IWorkflowExecuteAdditionalData;
		const webhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: 'hook/webhook',
			webhookDescription: feishuHireTrigger.description.webhooks![0],
			workflowId: workflow.id,
		} as unknown as IWebhookData;
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			'webhook',
			webhookData,
			[],
			null,
		);
		Object.defineProperty(context, 'logger', { value: logger });
		const result: IWebhookResponseData = await feishuHireTrigger.webhook!.call(context);

		const started = result.workflowData !== undefined;
		if (started) executions.push(result.workflowData![0].map((item) => item.json));
		if (result.noWebhookResponse) {
			answers.push({ ...(sent ?? { status: 0, body: '' }), started });
			return;
		}
		// An execution gets the description's responseData ("noData": an empty body).
		const text = started
			? ''
			: JSON.stringify(result.webhookResponse ?? { message: 'Webhook call received' });
		answers.push({ status: 200, body: text, started });
		res.writeHead(200, { 'content-type': 'application/json' }).end(text);
	}

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook/hook/webhook`,
		answers,
		executions,
		logs,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
