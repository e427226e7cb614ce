export {
	startEmulator,
	INSPECTION_PREFIX,
	SCOPE_READ,
	SCOPE_WRITE,
	SCOPE_TALENT_READ,
	SCOPE_TALENT_WRITE,
	SCOPE_ONBOARD_STATUS_READ,
	SCOPE_JOB_READ,
	SCOPE_TAG_READ,
	DEFAULT_SCOPES,
} from './server';
export type { Emulator, EmulatorOptions, EmulatorStats, Endpoint, LoggedRequest } from './server';
export type { FaultOptions } from './faults';
export {
	DOCUMENTED_ENDPOINT_LIMITS,
	type EndpointRateLimits,
	type HireEndpoint,
	type RateLimits,
} from './rate-limit';
export {
	poolIdAt,
	talentIdAt,
	type Talent,
	type TalentBasicInfo,
	type TalentIdentification,
	type TalentPool,
} from './data';
export type { TalentSummary } from './talents';
export type { Job } from './jobs';
export { TALENT_FOLDERS, TALENT_TAGS } from './tags-folders';
