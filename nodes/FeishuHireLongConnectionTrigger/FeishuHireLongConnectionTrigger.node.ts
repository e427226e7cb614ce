import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/credential';
import { addApplication } from '../shared/events/application';
import { seenEventsOf } from '../shared/events/dedupe';
import { normaliseEnvelope } from '../shared/events/envelope';
import { eventItem } from '../shared/events/item';
import { APPLICATION_OPTIONS, EVENTS_PROPERTY } from '../shared/events/properties';
import { isSelected } from '../shared/events/types';
import type { Post } from '../shared/long-connection/endpoint';
import { subscribe } from '../shared/long-connection/registry';
import { builtInWebSocket } from '../shared/long-connection/socket';
import { resolveOrigin } from '../shared/origin';
import { FeishuClient } from '../shared/transport/client';

/** Feishu's re-push schedule for this mode is undocumented: event IDs are kept a day. */
const KEEP_EVENT_IDS_MS = 24 * 60 * 60_000;

const SETUP_NOTICE =
	'No public URL needed: n8n opens a connection to Feishu and events arrive over it. Activate this workflow first, then in the Feishu developer console open your app → Events & Callbacks → Event configuration, choose "Receive events through persistent connection" and save (Feishu saves this mode only while a client is connected), add the events and grant their scopes. Self-built apps only; needs Node.js 22 or later.';

export class FeishuHireLongConnectionTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Feishu Hire Long Connection Trigger',
		name: 'feishuHireLongConnectionTrigger',
		icon: { light: 'file:../../icons/feishu.svg', dark: 'file:../../icons/feishu.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow on Feishu / Lark Hire (飞书招聘) events received over Feishu’s long connection (WebSocket): no public URL, for n8n inside a company network. Events are acknowledged at once and deduplicated.',
		defaults: { name: 'Feishu Hire Long Connection Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{ displayName: SETUP_NOTICE, name: 'setupNotice', type: 'notice', default: '' },
			EVENTS_PROPERTY,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: APPLICATION_OPTIONS,
			},
		],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const WebSocketClass = builtInWebSocket();
		if (!WebSocketClass)
			throw new NodeOperationError(
				this.getNode(),
				'Feishu Hire Long Connection Trigger needs Node.js 22 or later (its built-in WebSocket)',
				{
					description: 'Run n8n on Node.js 22 or later, or use the Feishu Hire Trigger (webhook).',
				},
			);
		const data = await this.getCredentials(CREDENTIAL_TYPE);
		const target = resolveOrigin(data);
		if ('problem' in target)
			throw new NodeOperationError(
				this.getNode(),
				`Credential "Feishu Hire API": ${target.problem}`,
			);
		const appId = typeof data.appId === 'string' ? data.appId.trim() : '';
		const appSecret = typeof data.appSecret === 'string' ? data.appSecret.trim() : '';
		if (!appId || !appSecret)
			throw new NodeOperationError(
				this.getNode(),
				'Credential "Feishu Hire API": App ID and App Secret are needed',
			);

		const selected = this.getNodeParameter('events', []) as string[];
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const lookup = {
			resolveTalent: options.resolveTalent === true,
			includeApplication: options.includeApplication === true,
		};
		const seen = seenEventsOf(this.getWorkflow().id ?? '', this.getNode().id).keepAtLeast(
			KEEP_EVENT_IDS_MS,
		);
		// Read while n8n lets the node read its credential: events come later, outside this call.
		const client =
			lookup.resolveTalent || lookup.includeApplication ? FeishuClient.connect(this) : undefined;
		client?.catch(() => undefined);
		const clientOf = async () => await client!;
		let closed = false;
		const onEnvelope = (envelope: Record<string, unknown>) => {
			const normalised = normaliseEnvelope(envelope);
			if (closed || !normalised) return;
			const { event } = normalised;
			// The event is acked already; what is not selected or seen before is dropped here.
			if (!isSelected(event.eventType, selected) || !seen.firstTime(event.eventId, Date.now()))
				return;
			void addApplication(clientOf, eventItem(event), lookup).then((item) => {
				if (!closed) this.emit([this.helpers.returnJsonArray([item])]);
			});
		};
		const post: Post = async ({ url, body, timeout }) => {
			const response = await this.helpers.httpRequest({
				method: 'POST',
				url,
				body,
				json: true,
				timeout,
				headers: { locale: 'zh' },
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			});
			return { status: response.statusCode as number, body: response.body as unknown };
		};
		const subscription = await subscribe(
			{ origin: target.origin, appId, appSecret },
			WebSocketClass,
			{ post, logger: this.logger },
			onEnvelope,
		);
		if ('failure' in subscription)
			throw new NodeOperationError(this.getNode(), subscription.failure, {
				description: 'The long connection could not be opened, so the workflow was not activated.',
			});
		return {
			closeFunction: async () => {
				closed = true;
				subscription.leave();
			},
		};
	}
}
