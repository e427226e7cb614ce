import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../FeishuHire/transport/client';
import { seenEventsOf } from './dedupe';
import { readDelivery, type Secrets } from './delivery';
import { ANY_HIRE_EVENT, HIRE_EVENTS, isSelected } from './events';
import { eventItem } from './output';
import { resolveTalent } from './resolveTalent';

/** Feishu retries for 7 h 05 min; a signed request older than this is a replay. */
const DEFAULT_MAX_AGE_MINUTES = 450;

const SETUP_NOTICE =
	'In the Feishu developer console, open your app → Events & Callbacks. Paste the Production URL above as the request URL (activate the workflow first: Feishu checks the URL at once), put the Encrypt Key and Verification Token into the credential, add the events and grant their scopes: ' +
	[...new Set(HIRE_EVENTS.map(({ scope }) => scope))].join(', ') +
	'. Then publish a new app version.';

export class FeishuHireTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Feishu Hire Trigger',
		name: 'feishuHireTrigger',
		icon: { light: 'file:../../icons/feishu.svg', dark: 'file:../../icons/feishu.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow when something happens in Feishu / Lark Hire (飞书招聘): an application changes stage or is deleted, a talent is deleted or its progress tag changes, an offer changes status. Requests are verified, decrypted and deduplicated.',
		defaults: { name: 'Feishu Hire Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'webhook',
				responseMode: 'onReceived',
				// Feishu reads only the status. Without this n8n 2.41.1 answers the text "firstEntryJson".
				responseData: 'noData',
			},
		],
		properties: [
			{ displayName: SETUP_NOTICE, name: 'setupNotice', type: 'notice', default: '' },
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['hire.application.stage_changed_v1'],
				options: [
					...HIRE_EVENTS.map(({ name, value, description, scope }) => ({
						name,
						value,
						description: `${description} Scope: ${scope}`,
					})),
					{
						name: 'Any Hire Event',
						value: ANY_HIRE_EVENT,
						description: 'Every event whose type starts with hire., listed here or not',
					},
				],
				description:
					'Events to start the workflow for. Feishu sends the events subscribed in its console; others are acknowledged and dropped.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Resolve Talent',
						name: 'resolveTalent',
						type: 'boolean',
						default: false,
						description:
							'Whether to look up the application of application events and add its talent_id, stage and active status (needs the scope hire:application:readonly). A failed look-up is reported on the item as resolve_talent_error.',
					},
					{
						displayName: 'Max Request Age (Minutes)',
						name: 'maxAgeMinutes',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_MAX_AGE_MINUTES,
						description:
							'Requests whose X-Lark-Request-Timestamp is older are refused as replays. The default covers Feishu’s last retry (7 h 05 min after the first attempt).',
					},
				],
			},
		],
	};

	// Feishu has no API to register the request URL: it is pasted into the developer console.
	webhookMethods = {
		default: {
			async checkExists(): Promise<boolean> {
				return true;
			},
			async create(): Promise<boolean> {
				return true;
			},
			async delete(): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const options = this.getNodeParameter('options', {}) as {
			resolveTalent?: boolean;
			maxAgeMinutes?: number;
		};
		const secrets: Secrets = {
			encryptKey: textOf(credentials.encryptKey),
			verificationToken: textOf(credentials.verificationToken),
		};
		const rawBody = Buffer.isBuffer(request.rawBody)
			? request.rawBody
			: Buffer.from(JSON.stringify(request.body ?? {}));
		const now = Date.now();
		const verdict = readDelivery(
			{
				rawBody,
				headers: request.headers,
				now,
				maxAgeMs: (options.maxAgeMinutes ?? DEFAULT_MAX_AGE_MINUTES) * 60_000,
			},
			secrets,
		);

		if (verdict.kind === 'refused') {
			this.logger.warn(`Feishu Hire Trigger refused a request: ${verdict.reason}`);
			this.getResponseObject().status(verdict.status).json({ error: verdict.reason });
			return { noWebhookResponse: true };
		}
		// The answer alone: returning workflow data too would make n8n send its first item instead.
		if (verdict.kind === 'challenge') return { webhookResponse: { challenge: verdict.challenge } };

		const { event } = verdict;
		const selected = this.getNodeParameter('events', []) as string[];
		if (!isSelected(event.eventType, selected))
			return { webhookResponse: { msg: `${event.eventType} is not selected in the trigger` } };
		// Checked and recorded in one synchronous step: a retry arriving meanwhile is a duplicate.
		if (!seenEventsOf(this.getWorkflow().id ?? '', this.getNode().id).firstTime(event.eventId, now))
			return { webhookResponse: { msg: `event ${event.eventId} was already received` } };

		let item: IDataObject = eventItem(event);
		if (options.resolveTalent) item = await resolveTalent(this, item);
		return { workflowData: [[{ json: item }]] };
	}
}

function textOf(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}
