import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodeParameters,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { FeishuHireApi } from '../../credentials/FeishuHireApi.credentials';
import { FeishuHire } from '../../nodes/FeishuHire/FeishuHire.node';
import { FeishuHireLongConnectionTrigger } from '../../nodes/FeishuHireLongConnectionTrigger/FeishuHireLongConnectionTrigger.node';
import { FeishuHireTalentPollTrigger } from '../../nodes/FeishuHireTalentPollTrigger/FeishuHireTalentPollTrigger.node';
import { FeishuHireTrigger } from '../../nodes/FeishuHireTrigger/FeishuHireTrigger.node';
import type { Emulator } from '../../emulator';
import { TestCredentialsHelper } from './credentials-helper';

export const NODE_TYPE = 'n8n-nodes-feishu-hire.feishuHire';
export const TRIGGER_TYPE = 'n8n-nodes-feishu-hire.feishuHireTrigger';
export const LONG_CONNECTION_TRIGGER_TYPE = 'n8n-nodes-feishu-hire.feishuHireLongConnectionTrigger';
export const TALENT_POLL_TRIGGER_TYPE = 'n8n-nodes-feishu-hire.feishuHireTalentPollTrigger';
const NODE_NAME = 'Feishu Hire';

const feishuHire = new FeishuHire();
export const feishuHireTrigger = new FeishuHireTrigger();
export const longConnectionTrigger = new FeishuHireLongConnectionTrigger();
export const talentPollTrigger = new FeishuHireTalentPollTrigger();
const credentialType = new FeishuHireApi();

class NodeTypes implements INodeTypes {
	getByName(type: string): INodeType {
		if (type === NODE_TYPE) return feishuHire;
		if (type === TRIGGER_TYPE) return feishuHireTrigger;
		if (type === LONG_CONNECTION_TRIGGER_TYPE) return longConnectionTrigger;
		if (type === TALENT_POLL_TRIGGER_TYPE) return talentPollTrigger;
		throw new Error(`Unknown node type ${type}`);
	}
	getByNameAndVersion(type: string): INodeType {
		return this.getByName(type);
	}
	getKnownTypes() {
		return {};
	}
}
const nodeTypes = new NodeTypes();

export interface RunOptions {
	parameters: Record<string, unknown>;
	/** Input items' JSON (default: one empty item). */
	items?: IDataObject[];
	continueOnFail?: boolean;
	credentialId?: string;
}

export interface RunResult {
	items: INodeExecutionData[];
	/** The error as n8n stores it for the run: a plain copy of the node's error. */
	error?: {
		name: string;
		message: string;
		description?: string;
		context?: IDataObject;
		httpCode?: string;
		errorResponse?: IDataObject;
	};
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

let executions = 0;

/**
 * Runs the node the way n8n does, in-process: a Workflow, n8n-core's WorkflowExecute and
 * execution contexts, real HTTP to the emulator, and a credential store that keeps the
 * token preAuthentication fetched, as n8n's database does.
 */
export class N8nHarness {
	readonly credentials = new TestCredentialsHelper({ feishuHireApi: credentialType });

	constructor(readonly emulator: Emulator) {}

	/** Stores a credential pointing at the emulator; `data` overrides fields. Returns its ID. */
	addCredential(
		data: ICredentialDataDecryptedObject = {},
		id = `cred-${this.credentials.store.size + 1}`,
	): string {
		this.credentials.store.set(id, {
			name: `Feishu ${id}`,
			type: 'feishuHireApi',
			data: {
				domain: 'custom',
				baseUrl: this.emulator.url,
				appId: this.emulator.appId,
				appSecret: this.emulator.appSecret,
				tenantAccessToken: '',
				...data,
			},
		});
		return id;
	}

	storedToken(id = 'cred-1'): unknown {
		return this.credentials.store.get(id)?.data.tenantAccessToken;
	}

	async run(options: RunOptions): Promise<RunResult> {
		const node = this.node(
			options.parameters as INodeParameters,
			options.credentialId,
			options.continueOnFail,
		);
		const workflow = this.workflow(node);
		const input: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
		const executionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node, data: { main: [input] }, source: null }] },
		});
		const execute = new WorkflowExecute(this.additionalData(workflow), 'manual', executionData);
		const run = await execute.processRunExecutionData(workflow);
		const task = run.data.resultData.runData[NODE_NAME]?.[0];
		return {
			items: task?.data?.main?.[0] ?? [],
			error: (task?.error ?? run.data.resultData.error) as RunResult['error'],
		};
	}

	/** The Talent Pool picker, as the editor calls it. */
	async searchPools(
		filter?: string,
		paginationToken?: string,
		credentialId?: string,
	): Promise<INodeListSearchResult> {
		return await this.searchList('searchTalentPools', filter, paginationToken, credentialId);
	}

	/** An options list (a loadOptions method of the node) for these parameters, as the editor loads it. */
	async loadOptions(
		method: keyof typeof feishuHire.methods.loadOptions,
		parameters: INodeParameters,
	): Promise<{ options: INodePropertyOptions[] }> {
		const node = this.node(parameters);
		const workflow = this.workflow(node);
		// The editor sends the node's current parameters along with the request.
		const additionalData = { ...this.additionalData(workflow), currentNodeParameters: parameters };
		const context = new LoadOptionsContext(
			workflow,
			node,
			additionalData,
			'parameters.terminationReasonIds',
		);
		return { options: await feishuHire.methods.loadOptions[method].call(context) };
	}

	/** A picker (a listSearch method of the node), as the editor calls it. */
	async searchList(
		method: keyof typeof feishuHire.methods.listSearch,
		filter?: string,
		paginationToken?: string,
		credentialId?: string,
	): Promise<INodeListSearchResult> {
		const node = this.node({ operation: 'addTalent' }, credentialId);
		const workflow = this.workflow(node);
		const context = new LoadOptionsContext(
			workflow,
			node,
			this.additionalData(workflow),
			'parameters.talentPoolId',
		);
		return await feishuHire.methods.listSearch[method].call(context, filter, paginationToken);
	}

	/**
	 * The editor's "test credential", following n8n's credentials tester for a declarative
	 * test: preAuthentication always runs, then the test request, then the rules.
	 */
	async testCredential(credentialId: string): Promise<CredentialTestResult> {
		const node: INode = {
			id: 'temp',
			name: 'Temp-Node',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [0, 0],
			parameters: { temp: '' },
			credentials: { feishuHireApi: { id: credentialId, name: 'test' } },
		};
		const workflow = this.workflow({ ...node, type: NODE_TYPE, parameters: {} });
		const context = new LoadOptionsContext(
			workflow,
			node,
			this.additionalData(workflow),
			'parameters.temp',
		);
		const data = await this.credentials.getDecrypted(
			{},
			{ id: credentialId, name: 'test' },
			'feishuHireApi',
		);
		try {
			await this.credentials.preAuthentication(
				{ helpers: context.helpers },
				data,
				'feishuHireApi',
				node,
				false,
			);
		} catch (error) {
			return { status: 'Error', message: (error as Error).message };
		}
		const test = credentialType.test.request;
		const resolve = (value: string) =>
			workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: data },
				undefined,
				'',
			) as string;
		try {
			const options = await this.credentials.authenticate(
				data,
				'feishuHireApi',
				{
					method: 'GET',
					url: `${resolve(test.baseURL as string)}${test.url as string}`,
					qs: test.qs,
					json: true,
				},
				workflow,
				node,
			);
			await context.helpers.httpRequest(options);
		} catch (error) {
			const status = (error as { response?: { status?: number; statusText?: string } }).response;
			for (const rule of credentialType.test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status?.status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			return { status: 'Error', message: status?.statusText || (error as Error).message };
		}
		return { status: 'OK', message: 'Connection tested successfully' };
	}

	/** A node of the package's action node (or of `type`), using the stored credential. */
	node(
		parameters: INodeParameters,
		credentialId = 'cred-1',
		continueOnFail = false,
		type = NODE_TYPE,
	): INode {
		return {
			id: type === NODE_TYPE ? 'feishu-hire-node' : 'feishu-hire-trigger-node',
			name: type === NODE_TYPE ? NODE_NAME : 'Feishu Hire Trigger',
			type,
			typeVersion: 1,
			position: [0, 0],
			parameters,
			credentials: { feishuHireApi: { id: credentialId, name: `Feishu ${credentialId}` } },
			...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		};
	}

	workflow(node: INode, id = 'wf-test'): Workflow {
		return new Workflow({
			id,
			name: 'test',
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes,
			settings: {},
		});
	}

	additionalData(workflow: Workflow): IWorkflowExecuteAdditionalData {
		const executionId = `exec-${++executions}`;
		const hooks = new ExecutionLifecycleHooks('manual', executionId, {
			id: workflow.id,
			name: workflow.name,
			nodes: Object.values(workflow.nodes),
			connections: {},
			active: false,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
			activeVersionId: null,
		} as never);
		return {
			hooks,
			credentialsHelper: this.credentials,
			executionId,
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678/',
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
			webhookBaseUrl: 'http://localhost:5678/webhook',
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
			variables: {},
			currentNodeParameters: undefined,
			userId: 'user-1',
		} as unknown as IWorkflowExecuteAdditionalData;
	}
}
