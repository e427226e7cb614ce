import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	NodeApiError,
} from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { asNodeError } from '../../helpers/item-errors';
import { prepareItems, runItems } from '../../helpers/items';
import {
	feishuIdParameter,
	opaqueIdParameter,
	optionalFeishuIdParameter,
} from '../../helpers/parameters';
import { TALENT_ID_HELP, talentIdField } from '../../identify/fields';
import { FEISHU_CODES } from '../../../shared/transport/codes';
import type { FeishuClient } from '../../../shared/transport/client';
import { jobLocator } from '../job/jobs';
import { resumeSourceIdField } from '../talent/profileFields';
import { FAIL_IF_UNCHANGED } from './changes';
import { alreadySo, failIfUnchangedParameter } from '../../helpers/unchanged';

/** Creates in flight at once: each is a lookup and a write, within the endpoints' 50/s. */
const CONCURRENCY = 10;

export const description: INodeProperties[] = forOperation('application', 'create', [
	talentIdField(`${TALENT_ID_HELP} E.g. the talent_id that Create or Update returned.`),
	jobLocator('The job the talent applies to'),
	resumeSourceIdField,
	FAIL_IF_UNCHANGED,
]);

interface NewApplication {
	talentId: string;
	jobId: string;
	resumeSourceId?: string;
	failIfUnchanged: boolean;
}

/** The talent's active application on the job, if any (Hire keeps at most one). */
async function findActive(
	client: FeishuClient,
	{ talentId, jobId }: NewApplication,
	itemIndex: number,
): Promise<string | undefined> {
	const page = await client.request<{ items?: unknown[] }>({
		endpoint: 'listApplications',
		qs: { talent_id: talentId, job_id: jobId, active_status: '1', page_size: 10 },
		itemIndex,
	});
	const [id] = page?.items ?? [];
	return typeof id === 'string' ? id : undefined;
}

/**
 * Never two applications for one talent and job: the active one is looked up first and
 * returned (created: false); a create whose answer is lost is looked up before it is sent
 * again; Feishu's 1002206 (another item or a retry got there first) is looked up too.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: FeishuClient,
): Promise<INodeExecutionData[]> {
	const prepared = prepareItems(this, items, (itemIndex): NewApplication => {
		return {
			talentId: feishuIdParameter(this, 'talentId', 'Talent ID', itemIndex),
			jobId: opaqueIdParameter(this, 'jobId', 'Job', itemIndex),
			resumeSourceId: optionalFeishuIdParameter(
				this,
				'resumeSourceId',
				'Resume Source ID',
				itemIndex,
			),
			failIfUnchanged: failIfUnchangedParameter(this, itemIndex),
		};
	});
	return await runItems(
		this,
		prepared,
		async (application, itemIndex) => {
			const result = (id: string, created: boolean): IDataObject => ({
				application_id: id,
				talent_id: application.talentId,
				job_id: application.jobId,
				created,
			});
			const existing = async () => {
				const id = await findActive(client, application, itemIndex);
				if (id === undefined) return undefined;
				if (application.failIfUnchanged)
					throw alreadySo(
						this.getNode(),
						`The talent has an active application on this job already: ${id}`,
						itemIndex,
					);
				return result(id, false);
			};
			const found = await existing();
			if (found) return found;
			const body: IDataObject = { talent_id: application.talentId, job_id: application.jobId };
			if (application.resumeSourceId) body.resume_source_id = application.resumeSourceId;
			try {
				const data = await client.request<{ id?: unknown }>({
					endpoint: 'createApplication',
					body,
					itemIndex,
					ifAnswerLost: async () => {
						const id = await findActive(client, application, itemIndex);
						return id === undefined ? undefined : { id };
					},
				});
				if (typeof data?.id !== 'string')
					throw new Error('Feishu answered the create without an application id (as text)');
				return result(data.id, true);
			} catch (error) {
				if ((error as NodeApiError).errorResponse?.code !== FEISHU_CODES.REPEAT_APPLICATION)
					throw asNodeError(this.getNode(), error, itemIndex);
				const raced = await existing();
				if (raced) return raced;
				throw asNodeError(this.getNode(), error, itemIndex);
			}
		},
		CONCURRENCY,
	);
}
