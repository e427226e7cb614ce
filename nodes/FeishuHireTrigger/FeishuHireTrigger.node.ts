import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/credential';
import { FeishuClient } from '../shared/transport/client';
import { addApplication } from '../shared/events/application';
import { seenEventsOf } from '../shared/events/dedupe';
import { eventItem } from '../shared/events/item';
import { APPLICATION_OPTIONS, EVENTS_PROPERTY } from '../shared/events/properties';
import { HIRE_EVENTS, isSelected } from '../shared/events/types';
import {
	MAX_AGE_MINUTES,
	MAX_CLOCK_SKEW_MS,
	maxAgeMsOf,
	missingSecret,
	readDelivery,
	REFUSED_BODY,
	refused,
	type Secrets,
	type Refusal,
} from './delivery';
import { shouldLogRefusal } from './refusals';

const SETUP_NOTICE =
	'In the Feishu developer console, open your app → Events & Callbacks. Paste the Production URL above as the request URL (activate the workflow first: Feishu checks the URL at once), put the Encrypt Key and Verification Token into the credential (the trigger does not activate without at least one of them), add the events and grant their scopes: ' +
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
			EVENTS_PROPERTY,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					...APPLICATION_OPTIONS,
					{
						displayName: 'Max Request Age (Minutes)',
						name: 'maxAgeMinutes',
						type: 'number',
						typeOptions: { minValue: MAX_AGE_MINUTES.min, maxValue: MAX_AGE_MINUTES.max },
						// n8n's package scan wants a literal: a test holds it equal to MAX_AGE_MINUTES.default.
						default: 450,
						description: `Requests whose X-Lark-Request-Timestamp is older are refused as replays (${MAX_AGE_MINUTES.min} to ${MAX_AGE_MINUTES.max}). The default covers Feishu’s last retry (7 h 05 min after the first attempt).`,
					},
				],
			},
		],
	};

	// Feishu has no API to register the request URL: it is pasted into the developer console.
	// n8n asks checkExists on every activation: a trigger that would accept anyone fails here.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const { secrets, maxAge } = await readSettings(this);
				const problem =
					missingSecret(secrets) ?? ('problem' in maxAge ? maxAge.problem : undefined);
				if (problem)
					throw new NodeOperationError(this.getNode(), `Feishu Hire Trigger: ${problem}`, {
						description:
							'Without a Verification Token or an Encrypt Key anyone who knows the URL could start this workflow. Feishu shows both on the app’s Events & Callbacks page.',
					});
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
		const { secrets, maxAge, ...lookup } = await readSettings(this);
		const now = Date.now();
		if ('problem' in maxAge) return refuse(this, refused('max-age', maxAge.problem), now);
		const verdict = readDelivery(
			{
				rawBody: Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined,
				headers: request.headers,
				now,
				maxAgeMs: maxAge.ms,
			},
			secrets,
		);
		if (verdict.kind === 'refused') return refuse(this, verdict, now);
		// The answer alone: returning workflow data too would make n8n send its first item instead.
		if (verdict.kind === 'challenge') return { webhookResponse: { challenge: verdict.challenge } };

		const { event } = verdict;
		const selected = this.getNodeParameter('events', []) as string[];
		if (!isSelected(event.eventType, selected))
			return { webhookResponse: { msg: `${event.eventType} is not selected in the trigger` } };
		// Checked and recorded in one synchronous step: a retry arriving meanwhile is a duplicate.
		const seen = seenEventsOf(this.getWorkflow().id ?? '', this.getNode().id).keepAtLeast(
			maxAge.ms + MAX_CLOCK_SKEW_MS,
		);
		if (!seen.firstTime(event.eventId, now))
			return { webhookResponse: { msg: `event ${event.eventId} was already received` } };

		const item = await addApplication(
			async () => await FeishuClient.connect(this),
			eventItem(event),
			lookup,
		);
		return { workflowData: [[{ json: item }]] };
	}
}

/** Every refusal gets the same answer; its reason goes to the log, once a minute per cause. */
function refuse(ctx: IWebhookFunctions, verdict: Refusal, now: number): IWebhookResponseData {
	const trigger = `${ctx.getWorkflow().id ?? ''}/${ctx.getNode().id}`;
	if (shouldLogRefusal(trigger, verdict.cause, now))
		ctx.logger.warn(
			`Feishu Hire Trigger refused a request: ${verdict.reason} (logged at most once a minute for this reason)`,
		);
	ctx.getResponseObject().status(verdict.status).json(REFUSED_BODY);
	return { noWebhookResponse: true };
}

/** The credential's event secrets and the node's options, as activation and every request read them. */
async function readSettings(ctx: IHookFunctions | IWebhookFunctions) {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const secrets: Secrets = {
		encryptKey: textOf(credentials.encryptKey),
		verificationToken: textOf(credentials.verificationToken),
	};
	return {
		secrets,
		maxAge: maxAgeMsOf(options.maxAgeMinutes),
		resolveTalent: options.resolveTalent === true,
		includeApplication: options.includeApplication === true,
	};
}

function textOf(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}
