import {
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type Workflow,
} from 'n8n-workflow';

export interface StoredCredential {
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/**
 * The credential side of n8n's CLI, in memory: decrypting returns a fresh copy of what is
 * stored, `preAuthentication` and generic `authenticate` follow packages/cli's
 * CredentialsHelper, and `updateCredentials` writes back the way n8n saves a refreshed token.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	readonly store = new Map<string, StoredCredential>();
	readonly updates: Array<{ id: string; data: ICredentialDataDecryptedObject }> = [];

	constructor(private readonly types: Record<string, ICredentialType>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type].properties;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails): Promise<ICredentials> {
		throw new Error(`getCredentials is not used (${String(nodeCredentials.id)})`);
	}

	async getDecrypted(
		_additionalData: unknown,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	) {
		const stored = this.store.get(nodeCredentials.id ?? '');
		if (!stored || stored.type !== type)
			throw new Error(`No credential ${String(nodeCredentials.id)} of type ${type}`);
		return structuredClone(stored.data);
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	) {
		const id = nodeCredentials.id ?? '';
		const stored = this.store.get(id);
		if (!stored || stored.type !== type) throw new Error(`No credential ${id} of type ${type}`);
		stored.data = structuredClone(data);
		this.updates.push({ id, data: structuredClone(data) });
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.types[typeName];
		const expirable = credentialType.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (expirable === undefined || typeof credentialType.preAuthentication !== 'function')
			return undefined;
		const isTestingCredentials =
			node.parameters?.temp === '' && node.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials)
			return undefined;

		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const reference = node.credentials?.[typeName];
		if (!reference) return undefined;
		await this.updateCredentials(reference, typeName, Object.assign(credentials, output));
		return Object.assign(credentials, output);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types[typeName].authenticate;
		if (typeof authenticate === 'function')
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		if (!authenticate || authenticate.type !== 'generic')
			return requestOptions as IHttpRequestOptions;
		const resolve = (value: string) =>
			String(
				workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $credentials: credentials },
					undefined,
					'',
				) ?? '',
			);
		const options = requestOptions as IHttpRequestOptions;
		const headers = (authenticate.properties.headers ?? {}) as Record<string, string>;
		options.headers = { ...options.headers };
		for (const [name, value] of Object.entries(headers))
			options.headers[resolve(name)] = resolve(value);
		return options;
	}
}
