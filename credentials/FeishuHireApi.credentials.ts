import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	CUSTOM_DOMAIN,
	FEISHU_ORIGIN,
	LARK_ORIGIN,
	resolveOrigin,
	tokenIssuer,
	TRAILING_SLASHES,
} from '../nodes/shared/origin';
import { CREDENTIAL_TYPE } from '../nodes/shared/credential';
import { hintFor } from '../nodes/shared/transport/api-errors';

export class FeishuHireApi implements ICredentialType {
	name = CREDENTIAL_TYPE;

	displayName = 'Feishu Hire API';

	icon: Icon = { light: 'file:../icons/feishu.svg', dark: 'file:../icons/feishu.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-feishu-hire#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'options',
			options: [
				{ name: 'Feishu (open.feishu.cn)', value: FEISHU_ORIGIN },
				{ name: 'Lark (open.larksuite.com)', value: LARK_ORIGIN },
				{ name: 'Custom Base URL', value: CUSTOM_DOMAIN },
			],
			default: FEISHU_ORIGIN,
			description: 'Feishu for tenants in mainland China, Lark for international tenants',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://open.feishu.cn',
			description:
				'Origin of the Open Platform API (scheme, host and optional port, no /open-apis path). Plain http:// is accepted only for localhost.',
			displayOptions: { show: { domain: [CUSTOM_DOMAIN] } },
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'cli_a1b2c3d4e5f6a7b8',
			description: 'App ID of your self-built app (Developer Console → Credentials & Basic Info)',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'App Secret of the same app',
		},
		// The Encrypt Key decrypts every event and makes signatures: whoever has it can forge them.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Encrypt Key',
			name: 'encryptKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'For the Feishu Hire Trigger only (Events & Callbacks → Encryption Strategy). With it, events arrive encrypted and signed, and unsigned or wrongly signed requests are refused. The trigger needs this or the Verification Token: with neither it does not activate.',
		},
		{
			displayName: 'Verification Token',
			name: 'verificationToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'For the Feishu Hire Trigger only (Events & Callbacks → Encryption Strategy; every app has one). Events that carry another token are refused. The trigger needs this or the Encrypt Key: with neither it does not activate.',
		},
		{
			displayName: 'Tenant Access Token',
			name: 'tenantAccessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			// The stored token is used only while origin and App ID are still the ones it was issued for.
			displayName: 'Issued For',
			name: 'issuedFor',
			type: 'hidden',
			default: '',
		},
	];

	/** Exchanges the app ID and secret for a tenant_access_token; n8n stores it in the hidden field above. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const target = resolveOrigin(credentials);
		if ('problem' in target) throw new Error(target.problem);
		const appId = typeof credentials.appId === 'string' ? credentials.appId.trim() : '';
		const appSecret = typeof credentials.appSecret === 'string' ? credentials.appSecret.trim() : '';
		if (!appId || !appSecret) throw new Error('App ID and App Secret are both required');

		let response: { code?: unknown; msg?: unknown; tenant_access_token?: unknown } | undefined;
		try {
			response = await this.helpers.httpRequest({
				method: 'POST',
				url: `${target.origin}/open-apis/auth/v3/tenant_access_token/internal`,
				body: { app_id: appId, app_secret: appSecret },
				json: true,
				ignoreHttpStatusErrors: true,
				timeout: 30_000,
			});
		} catch (error) {
			// A fresh error on purpose: the request error carries the request body, i.e. the secret.
			const reason =
				(error as { code?: string; message?: string }).code ?? (error as Error).message;
			throw new Error(`Could not reach ${target.origin} to get a tenant access token (${reason})`);
		}
		if (response?.code !== 0 || typeof response.tenant_access_token !== 'string') {
			const code = typeof response?.code === 'number' ? response.code : 'none';
			const msg =
				typeof response?.msg === 'string' ? response.msg : 'no tenant_access_token in the answer';
			throw new Error(
				`Feishu did not issue a tenant access token: ${msg} (code ${code}). ${hintFor(code)}`,
			);
		}
		return {
			tenantAccessToken: response.tenant_access_token,
			issuedFor: tokenIssuer(target.origin, appId),
		};
	}

	/**
	 * A function rather than a generic expression: n8n 2.x evaluates credential expressions
	 * only inside a node's own call, and the long-connection trigger sends requests later, from
	 * its socket's events.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token =
			typeof credentials.tenantAccessToken === 'string' ? credentials.tenantAccessToken : '';
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ $credentials.domain === "${CUSTOM_DOMAIN}" ? $credentials.baseUrl.trim().replace(${String(TRAILING_SLASHES)}, "") : $credentials.domain }}`,
			url: '/open-apis/hire/v1/talent_pools/',
			qs: { page_size: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message:
						'The token was issued, but Feishu refused to list talent pools. Grant the app the scope hire:talent_folder:readonly or hire:talent_folder, then publish a new app version.',
				},
			},
		],
	};
}
