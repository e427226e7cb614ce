/** Feishu codes the emulator answers with, their HTTP status and message, as the docs give them. */
export const FEISHU = {
	paramInvalid: { status: 400, code: 10003, msg: 'invalid param' },
	appSecretInvalid: { status: 400, code: 10014, msg: 'app secret invalid' },
	tokenMissing: {
		status: 400,
		code: 99991661,
		msg: 'Missing access token for authorization. Please make a request with token attached.',
	},
	tokenInvalid: {
		status: 400,
		code: 99991663,
		msg: 'Invalid access token for authorization. Please make a request with token attached.',
	},
	tokenFormat: {
		status: 400,
		code: 99991671,
		msg: "Invalid access token format. The token must start with 't-' or 'u-'.",
	},
	scopeMissing: {
		status: 400,
		code: 99991672,
		msg: 'Access denied. One of the following scopes is required',
	},
	rateLimited: { status: 429, code: 99991400, msg: 'request trigger frequency limit' },
	systemError: { status: 500, code: 1002001, msg: 'system error' },
	/** batch_get_id's page lists its system error with HTTP 200. */
	lookupSystemError: { status: 200, code: 1002001, msg: 'system error' },
	hireParamError: { status: 400, code: 1002002, msg: 'param error' },
	pageSizeInvalid: { status: 400, code: 1002004, msg: 'invalid page size' },
	idListTooLong: { status: 400, code: 1002005, msg: 'id list too long' },
	invalidMobile: { status: 400, code: 1002009, msg: 'invalid mobile number' },
	talentNotFound: { status: 400, code: 1002102, msg: 'talent not found' },
	/** The Hire error list names no HTTP status for these two: 400, as for the other parameter refusals. */
	duplicateTalent: { status: 400, code: 1002105, msg: 'Duplicate talent' },
	updateConflict: { status: 400, code: 1002101, msg: 'Update Talent ID Conflict' },
	/** The talent details page answers a missing talent with HTTP 404, the batch endpoints with 400. */
	talentDoesNotExist: { status: 404, code: 1002102, msg: 'talent not found' },
	tagNotFound: { status: 400, code: 1002111, msg: 'talent tag not exist' },
	tagDisabled: { status: 400, code: 1002112, msg: 'talent tag not enabled' },
	alreadyTagged: { status: 400, code: 1002113, msg: 'talent already has this tag' },
	notTagged: { status: 400, code: 1002114, msg: 'talent does not have this tag' },
	poolNotFound: { status: 400, code: 1002109, msg: 'talent pool not found' },
	applicationNotFound: { status: 400, code: 1002201, msg: 'application not exist' },
	stageNotFound: { status: 400, code: 1002204, msg: 'application stage not exist' },
	/** Create application answers a missing talent with 400 (the talent pages use 404). */
	applicationTalentNotFound: { status: 400, code: 1002102, msg: 'talent not exist' },
	/** Not on the create page: the error page's "job does not exist" (assumed). */
	applicationJobNotFound: { status: 400, code: 1002207, msg: 'job not exist' },
	repeatApplication: { status: 400, code: 1002206, msg: 'Repeat application' },
	talentOnboarded: { status: 400, code: 1002209, msg: 'talent already hired' },
	cannotTransferToStage: { status: 400, code: 1002211, msg: 'cannot transfer to target stage' },
	transferNotAllowed: { status: 400, code: 1002220, msg: 'current stage does not allow transfer' },
	alreadyTerminated: { status: 400, code: 1002221, msg: 'application already terminated' },
	notTerminated: { status: 400, code: 1002225, msg: 'application is not terminated' },
	/** The job pages answer an unknown job with HTTP 404. */
	jobNotFound: { status: 404, code: 1002601, msg: 'job not exist' },
	notFound: { status: 404, code: 404, msg: 'page not found' },
} as const;

export type FeishuError = (typeof FEISHU)[keyof typeof FEISHU];

export class FeishuFailure extends Error {
	constructor(
		readonly error: FeishuError,
		detail?: string,
	) {
		super(detail ? `${error.msg}: ${detail}` : error.msg);
	}
}
