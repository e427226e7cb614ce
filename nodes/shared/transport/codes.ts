/** Feishu's answer codes the package acts on or explains, each named once. */
export const FEISHU_CODES = {
	/** Token endpoint: the App ID is not a published self-built app's. */
	APP_ID_INVALID: 10003,
	APP_SECRET_INVALID: 10014,
	APP_CREDENTIALS_INVALID: 99991543,
	TOKEN_MISSING: 99991661,
	TOKEN_INVALID: 99991663,
	APP_TOKEN_INVALID: 99991664,
	TOKEN_FORMAT: 99991671,
	SCOPE_MISSING: 99991672,
	RATE_LIMITED: 99991400,
	SYSTEM_ERROR: 1002001,
	PARAMETER_ERROR: 1002002,
	PAGE_SIZE_INVALID: 1002004,
	ID_LIST_TOO_LONG: 1002005,
	MOBILE_INVALID: 1002009,
	/** combined_update: the email or mobile belongs to another talent. */
	UPDATE_CONFLICT: 1002101,
	TALENT_NOT_FOUND: 1002102,
	/** Hire's "Duplicate talent": combined_create found the email, mobile or ID document on another talent. */
	DUPLICATE_TALENT: 1002105,
	POOL_NOT_FOUND: 1002109,
	TAG_NOT_FOUND: 1002111,
	TAG_DISABLED: 1002112,
	/** Tag a talent: it has the tag already (add) or has not (remove); the whole list is refused. */
	ALREADY_TAGGED: 1002113,
	NOT_TAGGED: 1002114,
	APPLICATION_NOT_FOUND: 1002201,
	STAGE_NOT_FOUND: 1002204,
	REPEAT_APPLICATION: 1002206,
	/** Create application: the job does not exist (the error page's code; not on the create page). */
	APPLICATION_JOB_NOT_FOUND: 1002207,
	TALENT_LOCKED: 1002210,
	CANNOT_TRANSFER_TO_STAGE: 1002211,
	TRANSFER_NOT_ALLOWED: 1002220,
	/** terminate: the application is terminated already. */
	ALREADY_TERMINATED: 1002221,
	/** recover: the application is not terminated. */
	NOT_TERMINATED: 1002225,
	/** Create application: the talent reached the tenant's limit of applications. */
	APPLICATION_LIMIT: 1002511,
	RESUME_SOURCE_NOT_FOUND: 1002512,
	JOB_NOT_FOUND: 1002601,
} as const;

/** Codes after which a fresh tenant_access_token is fetched once and the request repeated. */
export const TOKEN_CODES: ReadonlySet<number> = new Set([
	FEISHU_CODES.TOKEN_MISSING,
	FEISHU_CODES.TOKEN_INVALID,
	FEISHU_CODES.APP_TOKEN_INVALID,
	FEISHU_CODES.TOKEN_FORMAT,
]);

/** add_type of talent_relationship: add to the pool, or move there from every other pool. */
export const ADD_TYPE = { ADD: 1, MOVE: 2 } as const;
/** option_type of batch_change_talent_pool. */
export const BATCH_OPTION = { ADD: 1, REMOVE: 2 } as const;

/** operation of a talent's tag call. */
export const TAG_OPERATION = { ADD: 1, REMOVE: 2 } as const;
/** privacy of a new note (is_private in the note it answers). */
export const NOTE_PRIVACY = { PRIVATE: 1, PUBLIC: 2 } as const;

/** termination_type of terminate: who ended the application. */
export const TERMINATION_TYPE = {
	REJECTED_BY_US: 1,
	DECLINED_BY_CANDIDATE: 22,
	OTHER: 27,
} as const;
