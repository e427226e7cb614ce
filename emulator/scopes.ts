import type { HireEndpoint } from './rate-limit';

export const SCOPE_WRITE = 'hire:talent_folder';
export const SCOPE_READ = 'hire:talent_folder:readonly';
export const SCOPE_TALENT_WRITE = 'hire:talent';
export const SCOPE_TALENT_READ = 'hire:talent:readonly';
/** Field scope: batch_get_id answers `is_onboarded` only with it. */
export const SCOPE_ONBOARD_STATUS_READ = 'hire:talent_onboard_status:readonly';
export const SCOPE_APPLICATION = 'hire:application';
export const SCOPE_APPLICATION_READ = 'hire:application:readonly';
export const SCOPE_LOCATION_READ = 'hire:location:readonly';
export const SCOPE_JOB_READ = 'hire:job:readonly';
export const SCOPE_JOB_PROCESS_READ = 'hire:job_process:readonly';
export const SCOPE_NOTE = 'hire:note';
export const SCOPE_NOTE_READ = 'hire:note:readonly';
export const SCOPE_TAG = 'hire:talent_tag';
/** Also the field scope that puts a talent's tag_list into the v2 talent get. */
export const SCOPE_TAG_READ = 'hire:talent_tag:readonly';
/** The only scope remove_to_folder takes. */
export const SCOPE_FOLDER_ASSOCIATION = 'hire:talent_folder_association';

/** What the emulated app is granted unless a test says otherwise. */
export const DEFAULT_SCOPES = [
	SCOPE_WRITE,
	SCOPE_READ,
	SCOPE_TALENT_WRITE,
	SCOPE_TALENT_READ,
	SCOPE_LOCATION_READ,
	SCOPE_JOB_READ,
	SCOPE_JOB_PROCESS_READ,
	SCOPE_APPLICATION,
	SCOPE_ONBOARD_STATUS_READ,
	SCOPE_APPLICATION_READ,
	SCOPE_NOTE,
	SCOPE_TAG_READ,
	SCOPE_FOLDER_ASSOCIATION,
];

/** Any one of an endpoint's scopes lets the app call it. */
export const REQUIRED_SCOPES: Record<HireEndpoint, string[]> = {
	listPools: [SCOPE_READ, SCOPE_WRITE],
	addTalent: [SCOPE_WRITE],
	batchChange: [SCOPE_WRITE],
	findTalents: [SCOPE_TALENT_READ, SCOPE_TALENT_WRITE],
	getTalent: [SCOPE_TALENT_READ, SCOPE_TALENT_WRITE],
	getTalentV1: [SCOPE_TALENT_READ, SCOPE_TALENT_WRITE],
	listTalents: [SCOPE_TALENT_READ, SCOPE_TALENT_WRITE],
	createTalent: [SCOPE_TALENT_WRITE],
	updateTalent: [SCOPE_TALENT_WRITE],
	queryLocations: [SCOPE_LOCATION_READ],
	listJobs: [SCOPE_JOB_READ],
	getJob: [SCOPE_JOB_READ],
	listApplications: [SCOPE_APPLICATION_READ, SCOPE_APPLICATION],
	getApplicationDetail: [SCOPE_APPLICATION_READ, SCOPE_APPLICATION],
	createApplication: [SCOPE_APPLICATION],
	transferStage: [SCOPE_APPLICATION],
	terminateApplication: [SCOPE_APPLICATION],
	recoverApplication: [SCOPE_APPLICATION],
	listTerminationReasons: [SCOPE_APPLICATION_READ, SCOPE_APPLICATION],
	listJobProcesses: [SCOPE_JOB_PROCESS_READ],
	getApplication: [SCOPE_APPLICATION_READ, SCOPE_APPLICATION],
	createNote: [SCOPE_NOTE],
	updateNote: [SCOPE_NOTE],
	getNote: [SCOPE_NOTE_READ, SCOPE_NOTE],
	listNotes: [SCOPE_NOTE_READ, SCOPE_NOTE],
	deleteNote: [SCOPE_NOTE],
	listTalentTags: [SCOPE_TAG_READ, SCOPE_TAG],
	tagTalent: [SCOPE_TALENT_WRITE],
	listTalentFolders: [SCOPE_READ, SCOPE_WRITE],
	addToFolder: [SCOPE_TALENT_WRITE, SCOPE_FOLDER_ASSOCIATION],
	removeFromFolder: [SCOPE_FOLDER_ASSOCIATION],
};
