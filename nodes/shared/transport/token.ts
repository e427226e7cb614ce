import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IPollFunctions,
	ITriggerFunctions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../credential';
import { tokenIssuer } from '../origin';

export type Context =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions
	| ITriggerFunctions
	| IPollFunctions;

/** Token fetches in progress, per app: executions that start together fetch one token. */
const tokenFetches = new Map<string, Promise<unknown>>();

/**
 * The tenant_access_token of one client. The credential's preAuthentication fetches it
 * inside the first request that has none, and n8n stores it with the credential; requests
 * that start meanwhile wait for that fetch rather than start their own, and a token Feishu
 * refuses is renewed once for all the requests that carried it.
 */
export class TokenKeeper {
	private renewal: Promise<void> | undefined;

	/** `app`: the origin and App ID tokens are fetched for (tokenIssuer). */
	constructor(
		private readonly ctx: Context,
		readonly credentials: ICredentialsDecrypted,
		private readonly origin: string,
		private readonly app: string,
	) {}

	get current(): string | undefined {
		return this.credentials.data?.tenantAccessToken as string | undefined;
	}

	/**
	 * Runs `call` (one request through n8n's httpRequestWithAuthentication with these
	 * credentials) and says which token it went out with.
	 */
	async send(
		call: () => Promise<IN8nHttpFullResponse>,
	): Promise<{ response: IN8nHttpFullResponse; sentToken?: string }> {
		await this.waitForFetch();
		// No await from here to the call: the first request without a token claims the fetch.
		const fetchesToken = !this.current;
		const sentToken = this.current;
		const running = call();
		if (!fetchesToken) return { response: await running, sentToken };

		// The credential's preAuthentication runs inside this call; the others wait for its token.
		tokenFetches.set(this.app, running);
		try {
			return { response: await running, sentToken: this.current };
		} finally {
			if (tokenFetches.get(this.app) === running) tokenFetches.delete(this.app);
		}
	}

	/**
	 * Feishu refused `rejected`. Another execution may already have stored a newer token;
	 * if not, blanking the field makes the next request's preAuthentication fetch one,
	 * which n8n saves for later executions.
	 */
	async renew(rejected: string | undefined): Promise<void> {
		if (this.current !== rejected) return;
		this.renewal ??= (async () => {
			const stored = await this.stored();
			const newer = stored !== '' && stored !== rejected;
			this.credentials.data!.tenantAccessToken = newer ? stored : '';
		})().finally(() => {
			this.renewal = undefined;
		});
		await this.renewal;
	}

	/**
	 * While another request fetches a token for this app, wait for it. In this execution it
	 * lands in our credential data; from another execution, n8n has stored it.
	 */
	private async waitForFetch(): Promise<void> {
		for (
			let running = tokenFetches.get(this.app);
			!this.current && running;
			running = tokenFetches.get(this.app)
		) {
			await running.catch(() => undefined);
			if (!this.current) {
				const stored = await this.stored();
				if (stored) this.credentials.data!.tenantAccessToken = stored;
			}
		}
	}

	/** The token n8n stored; '' when n8n cannot read the credential now (a trigger's later call in n8n 2.x). */
	private async stored(): Promise<string> {
		try {
			return storedToken(await this.ctx.getCredentials(CREDENTIAL_TYPE), this.origin);
		} catch {
			return '';
		}
	}
}

/**
 * The token n8n stored with the credential, if it was issued for this origin and App ID:
 * after either is changed, the next request fetches a new one, so a token never reaches
 * another host.
 */
export function storedToken(data: IDataObject, origin: string): string {
	const { tenantAccessToken: token, issuedFor: issuer } = data;
	return typeof token === 'string' && issuer === tokenIssuer(origin, data.appId) ? token : '';
}
