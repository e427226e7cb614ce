import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { FeishuClient } from '../../shared/transport/client';
import * as application from './application';
import * as job from './job';
import * as note from './note';
import * as talent from './talent';
import * as talentPool from './talentPool';

export interface Operation {
	description: INodeProperties[];
	execute(
		this: IExecuteFunctions,
		items: INodeExecutionData[],
		client: FeishuClient,
	): Promise<INodeExecutionData[]>;
}

export interface Resource {
	resource: { name: string; value: string };
	/** The resource's operation picker and every operation's parameters. */
	description: INodeProperties[];
	operations: Record<string, Operation>;
}

/** Every resource of the node, in the order the editor lists them. */
export const resources: Resource[] = [application, job, note, talent, talentPool];
