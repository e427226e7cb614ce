import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { PollContext } from 'n8n-core';
import type { IDataObject, INode, Workflow } from 'n8n-workflow';

import type { Emulator } from '../../emulator';
import { TALENT_POLL_TRIGGER_TYPE, talentPollTrigger, type N8nHarness } from '../helpers/n8n';

export const NODE_NAME = 'Feishu Hire Talent Trigger';

/**
 * The talent trigger as n8n polls it: n8n-core's PollContext over one Workflow object kept
 * across polls, so its static data (the watermark) lives on as it does in an active workflow.
 */
export class TalentPoller {
	readonly node: INode;
	workflow: Workflow;
	/** Warnings the trigger logged. */
	readonly warnings: string[] = [];

	constructor(
		private readonly n8n: N8nHarness,
		parameters: IDataObject = {},
		private readonly workflowId = 'wf-talent-poll',
	) {
		this.node = {
			...n8n.node(
				{ keyword: '', options: {}, ...parameters },
				'cred-1',
				false,
				TALENT_POLL_TRIGGER_TYPE,
			),
			id: 'talent-poll-node',
			name: NODE_NAME,
		};
		this.workflow = n8n.workflow(this.node, workflowId);
	}

	/** One poll; its items' JSON, or null when it emitted nothing. */
	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<IDataObject[] | null> {
		const context = new PollContext(
			this.workflow,
			this.node,
			this.n8n.additionalData(this.workflow),
			mode,
			'activate',
		);
		Object.defineProperty(context, 'logger', {
			value: {
				info: () => undefined,
				debug: () => undefined,
				warn: (message: string) => this.warnings.push(message),
				error: (message: string) => this.warnings.push(message),
			},
		});
		const output = await talentPollTrigger.poll.call(context);
		return output === null ? null : output[0].map((item) => item.json);
	}

	/** The node's static data now, as n8n would save it. */
	get state(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.getStaticData('node', this.node)));
	}

	/** n8n stopped and started: the workflow comes back from the database with its saved static data. */
	restart(): void {
		const saved = JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
		this.workflow = this.n8n.workflow(this.node, this.workflowId);
		this.workflow.staticData = saved as Workflow['staticData'];
	}
}

/** A tenant_access_token for the emulator's app, as any Feishu client gets one. */
async function token(emulator: Emulator): Promise<string> {
	const response = await fetch(`${emulator.url}/open-apis/auth/v3/tenant_access_token/internal`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json; charset=utf-8' },
		body: JSON.stringify({ app_id: emulator.appId, app_secret: emulator.appSecret }),
	});
	return ((await response.json()) as { tenant_access_token: string }).tenant_access_token;
}

async function post(emulator: Emulator, path: string, body: object): Promise<IDataObject> {
	const response = await fetch(`${emulator.url}${path}`, {
		method: 'POST',
		headers: {
			Authorization: `Bearer ${await token(emulator)}`,
			'Content-Type': 'application/json; charset=utf-8',
		},
		body: JSON.stringify(body),
	});
	const answer = (await response.json()) as { code: number; msg: string; data: IDataObject };
	if (answer.code !== 0) throw new Error(`${path}: ${answer.code} ${answer.msg}`);
	return answer.data;
}

/** Someone creates a talent in Hire (combined_create, which needs the hire:talent scope); its ID. */
export async function createTalent(emulator: Emulator, name: string): Promise<string> {
	const data = await post(emulator, '/open-apis/hire/v1/talents/combined_create', {
		basic_info: { name },
	});
	return data.talent_id as string;
}

/** Someone changes a talent in Hire (combined_update): its update time becomes the emulator's now. */
export async function updateTalent(
	emulator: Emulator,
	talentId: string,
	basicInfo: IDataObject,
): Promise<void> {
	await post(emulator, '/open-apis/hire/v1/talents/combined_update', {
		talent_id: talentId,
		basic_info: basicInfo,
	});
}

/** The newest time of change among the seeded talents (ms): the first poll's baseline. */
export function seededNewest(emulator: Emulator): { time: number; talentIds: string[] } {
	const times = emulator.data.talents.map((talent) => Number(talent.basic_info.update_time));
	const time = Math.max(...times);
	return {
		time,
		talentIds: emulator.data.talents
			.filter((talent) => Number(talent.basic_info.update_time) === time)
			.map((talent) => talent.talent_id)
			.sort((a, b) => a.length - b.length || a.localeCompare(b)),
	};
}

/** A talent as the v2 get returns it. */
export async function readTalent(emulator: Emulator, talentId: string): Promise<IDataObject> {
	const response = await fetch(`${emulator.url}/open-apis/hire/v2/talents/${talentId}`, {
		headers: { Authorization: `Bearer ${await token(emulator)}` },
	});
	return ((await response.json()) as { data: IDataObject }).data;
}

const HOP_BY_HOP = new Set([
	'host',
	'connection',
	'keep-alive',
	'transfer-encoding',
	'content-length',
]);

export interface ProxyAnswer {
	status: number;
	body: object;
}

/**
 * A pass-through in front of the emulator that calls `before` with each request's path and
 * query before forwarding it (a test changes Feishu at an exact point of a poll); when it
 * returns an answer, that is sent instead.
 */
export async function interceptingProxy(
	target: string,
	before: (path: string, query: URLSearchParams) => Promise<ProxyAnswer | undefined>,
): Promise<{ url: string; close(): Promise<void> }> {
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', target);
			void before(url.pathname, url.searchParams)
				.then((answer) =>
					answer
						? new Response(JSON.stringify(answer.body), {
								status: answer.status,
								headers: { 'content-type': 'application/json; charset=utf-8' },
							})
						: fetch(url, {
								method: req.method,
								headers: Object.fromEntries(
									Object.entries(req.headers).filter(
										([name, value]) => typeof value === 'string' && !HOP_BY_HOP.has(name),
									) as Array<[string, string]>,
								),
								body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
							}),
				)
				.then(async (response) => {
					const body = Buffer.from(await response.arrayBuffer());
					res.writeHead(response.status, {
						'content-type': response.headers.get('content-type') ?? 'application/json',
					});
					res.end(body);
				})
				.catch(() => res.socket?.destroy());
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
