import { checkFeishuId, checkOpaqueId } from '../ids';
import { RATE_LIMITED, SCOPE_MISSING } from './api-errors';
import { FEISHU_CODES } from './codes';
import type { RateLimit } from './rate-limiter';

const TALENT_POOL_WRITE = ['hire:talent_folder'];
const TALENT_POOL_READ = ['hire:talent_folder:readonly', 'hire:talent_folder'];
const TALENT_READ = ['hire:talent:readonly', 'hire:talent'];
const TALENT_WRITE = ['hire:talent'];
const LOCATION_READ = ['hire:location:readonly'];
const JOB_READ = ['hire:job:readonly'];
const JOB_PROCESS_READ = ['hire:job_process:readonly'];
const APPLICATION_READ = ['hire:application:readonly', 'hire:application'];
const APPLICATION_WRITE = ['hire:application'];
const NOTE_READ = ['hire:note:readonly', 'hire:note'];
const NOTE_WRITE = ['hire:note'];
const TAG_READ = ['hire:talent_tag:readonly', 'hire:talent_tag'];
const FOLDER_READ = ['hire:talent_folder:readonly', 'hire:talent_folder'];
const NOTE_NOT_FOUND =
	'Feishu documents no other error for notes: check that the Note ID is one that Create or Get Many returned and the note was not deleted.';

export interface EndpointSpec {
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	/** The path; `:id` stands for the ID it names (checked by endpointPath). */
	path: string;
	/** The ID in the path: a 19-digit Feishu ID (the default), or one Feishu types only as a string. */
	idFormat?: 'feishu' | 'opaque';
	/** Feishu's documented limit for this endpoint, per app. */
	limit: RateLimit;
	/** Any one of these scopes lets the app call it. */
	scopes: string[];
	/** What to check for codes this endpoint gives a meaning of its own. */
	hints?: Record<number, string>;
	/** Feishu lets only self-built (custom) apps call it, not store apps. */
	customAppsOnly?: boolean;
}

const FOLDER_HINTS = {
	[FEISHU_CODES.PARAMETER_ERROR]: 'Feishu refused the change: pick the folder from the list.',
	[FEISHU_CODES.TALENT_NOT_FOUND]:
		'A talent of the request is not in Feishu Hire: use IDs that Find or Create returned.',
};

/** Every Feishu endpoint the node calls: its path, its own rate limit and the scopes it needs. */
export const ENDPOINTS = {
	listPools: {
		method: 'GET',
		path: '/open-apis/hire/v1/talent_pools/',
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: TALENT_POOL_READ,
	},
	addTalent: {
		method: 'POST',
		path: '/open-apis/hire/v1/talent_pools/:id/talent_relationship',
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: TALENT_POOL_WRITE,
	},
	batchChange: {
		method: 'POST',
		path: '/open-apis/hire/v1/talent_pools/:id/batch_change_talent_pool',
		limit: { perSecond: 10, perMinute: 1000 },
		scopes: TALENT_POOL_WRITE,
	},
	findTalents: {
		method: 'POST',
		path: '/open-apis/hire/v1/talents/batch_get_id',
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: TALENT_READ,
		hints: {
			[FEISHU_CODES.PARAMETER_ERROR]:
				'Feishu refused the lookup. Check the emails, mobile numbers or ID document numbers the items give.',
			[FEISHU_CODES.MOBILE_INVALID]:
				'Feishu refused a mobile number as invalid. Check the Mobile Number and the Mobile Code (country calling code, e.g. 86).',
		},
	},
	getTalent: {
		method: 'GET',
		path: '/open-apis/hire/v2/talents/:id',
		// Only 20/s is documented; no per-minute cap beyond it is assumed.
		limit: { perSecond: 20, perMinute: 1200 },
		scopes: TALENT_READ,
		hints: {
			[FEISHU_CODES.TALENT_NOT_FOUND]:
				'No talent has this Talent ID in Feishu Hire (deleted talents cannot be read). Use an ID that Find returned.',
		},
	},
	/** The old by-ID read: the only one that returns mobile_country_code, so Update reads it before writing. */
	getTalentV1: {
		method: 'GET',
		path: '/open-apis/hire/v1/talents/:id',
		limit: { perSecond: 20, perMinute: 1200 },
		scopes: TALENT_READ,
		hints: {
			[FEISHU_CODES.TALENT_NOT_FOUND]:
				'No talent has this Talent ID in Feishu Hire (deleted talents cannot be read). Use an ID that Find or Get Many returned.',
		},
	},
	/** Talent summaries, 20 per page at most; only 20/s is documented. */
	listTalents: {
		method: 'GET',
		path: '/open-apis/hire/v1/talents',
		limit: { perSecond: 20, perMinute: 1200 },
		scopes: TALENT_READ,
	},
	createTalent: {
		method: 'POST',
		path: '/open-apis/hire/v1/talents/combined_create',
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: TALENT_WRITE,
		customAppsOnly: true,
		hints: {
			[FEISHU_CODES.DUPLICATE_TALENT]:
				'Feishu Hire already has a talent with this email, mobile number or ID document number. Use Create or Update to reuse it instead of creating another.',
			[FEISHU_CODES.PARAMETER_ERROR]:
				'Feishu refused a field of the new talent. Check the name, email, mobile number and location code (e.g. CN_1) the item gives.',
		},
	},
	updateTalent: {
		method: 'POST',
		path: '/open-apis/hire/v1/talents/combined_update',
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: TALENT_WRITE,
		customAppsOnly: true,
		hints: {
			[FEISHU_CODES.UPDATE_CONFLICT]:
				'Another talent in Feishu Hire already has this email or mobile number. Find it first, and update that talent instead.',
			[FEISHU_CODES.TALENT_NOT_FOUND]:
				'No talent has this Talent ID in Feishu Hire (deleted talents cannot be changed). Use an ID that Find or Get Many returned.',
			[FEISHU_CODES.PARAMETER_ERROR]:
				'Feishu refused a field of the update. Check the name, email, mobile number and location code (e.g. CN_1) the item gives.',
		},
	},
	/** Countries for the Mobile Country Code picker. */
	queryLocations: {
		method: 'POST',
		path: '/open-apis/hire/v1/locations/query',
		limit: { perSecond: 5, perMinute: 300 },
		scopes: LOCATION_READ,
	},
	/** Jobs, 20 per page at most; only 50/s is documented. */
	listJobs: {
		method: 'GET',
		path: '/open-apis/hire/v1/jobs',
		limit: { perSecond: 50, perMinute: 3000 },
		scopes: JOB_READ,
	},
	getJob: {
		method: 'GET',
		path: '/open-apis/hire/v1/jobs/:id',
		idFormat: 'opaque',
		limit: { perSecond: 50, perMinute: 3000 },
		scopes: JOB_READ,
		hints: {
			[FEISHU_CODES.JOB_NOT_FOUND]:
				'No job has this Job ID in Feishu Hire. Pick the job from the list, or use an ID that Get Many returned.',
		},
	},
	/** Application IDs only, up to 200 a page. */
	listApplications: {
		method: 'GET',
		path: '/open-apis/hire/v1/applications',
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: APPLICATION_READ,
	},
	/** An application with related records; only 10/s is documented. */
	getApplicationDetail: {
		method: 'GET',
		path: '/open-apis/hire/v1/applications/:id/get_detail',
		limit: { perSecond: 10, perMinute: 600 },
		scopes: APPLICATION_READ,
	},
	/** Not idempotent: a second active application of a talent on a job is 1002206. */
	createApplication: {
		method: 'POST',
		path: '/open-apis/hire/v1/applications',
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: APPLICATION_WRITE,
		customAppsOnly: true,
		hints: {
			[FEISHU_CODES.APPLICATION_JOB_NOT_FOUND]:
				'No job has this Job ID in Feishu Hire. Pick the job from the list.',
			[FEISHU_CODES.APPLICATION_LIMIT]:
				"The talent reached the tenant's limit of applications (Hire → Settings → Channel management → application limit).",
			[FEISHU_CODES.RESUME_SOURCE_NOT_FOUND]:
				"No résumé source has this ID in Feishu Hire: leave Resume Source ID empty or use one of Hire's sources.",
		},
	},
	transferStage: {
		method: 'POST',
		path: '/open-apis/hire/v1/applications/:id/transfer_stage',
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: APPLICATION_WRITE,
		customAppsOnly: true,
		hints: {
			[FEISHU_CODES.STAGE_NOT_FOUND]:
				"The stage is not one of the application's job's recruitment process: pick it from the list.",
			[FEISHU_CODES.TALENT_LOCKED]:
				'The talent is locked by another application (e.g. an offer on another job): Hire refuses to move this one meanwhile.',
			[FEISHU_CODES.CANNOT_TRANSFER_TO_STAGE]:
				"Hire refuses this move (e.g. into Onboarded, or a move the tenant's process rules forbid). Move the application in Hire, or pick another stage.",
			[FEISHU_CODES.TRANSFER_NOT_ALLOWED]:
				'The application cannot leave its stage (e.g. Onboarded) or is terminated: recover it first.',
		},
	},
	/** Only 20/s is documented. */
	terminateApplication: {
		method: 'POST',
		path: '/open-apis/hire/v1/applications/:id/terminate',
		limit: { perSecond: 20, perMinute: 1200 },
		scopes: APPLICATION_WRITE,
		customAppsOnly: true,
	},
	recoverApplication: {
		method: 'POST',
		path: '/open-apis/hire/v1/applications/:id/recover',
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: APPLICATION_WRITE,
		customAppsOnly: true,
		hints: {
			[FEISHU_CODES.REPEAT_APPLICATION]:
				'The talent has another active application on the same job: Hire keeps one active application per talent and job.',
			[FEISHU_CODES.TALENT_LOCKED]:
				'The talent is locked by another application: Hire refuses to recover this one meanwhile.',
		},
	},
	listTerminationReasons: {
		method: 'GET',
		path: '/open-apis/hire/v1/termination_reasons',
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: APPLICATION_READ,
	},
	/** Every recruitment process with its stages: the stage picker; only 20/s is documented. */
	listJobProcesses: {
		method: 'GET',
		path: '/open-apis/hire/v1/job_processes',
		limit: { perSecond: 20, perMinute: 1200 },
		scopes: JOB_PROCESS_READ,
	},
	/** One application: Application → Get and Get Many, and the trigger's Resolve Talent. */
	getApplication: {
		method: 'GET',
		path: '/open-apis/hire/v1/applications/:id',
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: APPLICATION_READ,
		hints: {
			[FEISHU_CODES.PARAMETER_ERROR]:
				'Feishu has no application with this ID (it may have been deleted since the event was sent).',
		},
	},
	/** Not idempotent: the same note sent twice is two notes. */
	createNote: {
		method: 'POST',
		path: '/open-apis/hire/v1/notes',
		limit: { perSecond: 20, perMinute: 1200 },
		scopes: NOTE_WRITE,
		customAppsOnly: true,
		hints: {
			[FEISHU_CODES.PARAMETER_ERROR]:
				"Feishu refused the note: check that the Talent ID names a talent and the Application ID one of that talent's applications, and that the content is not empty.",
		},
	},
	/** Content only: a note's privacy cannot change. */
	updateNote: {
		method: 'PATCH',
		path: '/open-apis/hire/v1/notes/:id',
		idFormat: 'opaque',
		limit: { perSecond: 20, perMinute: 1200 },
		scopes: NOTE_WRITE,
		customAppsOnly: true,
		hints: { [FEISHU_CODES.PARAMETER_ERROR]: NOTE_NOT_FOUND },
	},
	getNote: {
		method: 'GET',
		path: '/open-apis/hire/v1/notes/:id',
		idFormat: 'opaque',
		limit: { perSecond: 20, perMinute: 1200 },
		scopes: NOTE_READ,
		hints: { [FEISHU_CODES.PARAMETER_ERROR]: NOTE_NOT_FOUND },
	},
	/** A talent's notes, up to 200 a page; there is no application filter. */
	listNotes: {
		method: 'GET',
		path: '/open-apis/hire/v1/notes',
		limit: { perSecond: 20, perMinute: 1200 },
		scopes: NOTE_READ,
	},
	deleteNote: {
		method: 'DELETE',
		path: '/open-apis/hire/v1/notes/:id',
		idFormat: 'opaque',
		limit: { perSecond: 20, perMinute: 1200 },
		scopes: NOTE_WRITE,
		customAppsOnly: true,
	},
	/** The tenant's talent tags, up to 100 a page. */
	listTalentTags: {
		method: 'GET',
		path: '/open-apis/hire/v1/talent_tags',
		limit: { perSecond: 20, perMinute: 1200 },
		scopes: TAG_READ,
	},
	/** Adds or removes tags; not idempotent (1002113 / 1002114). */
	tagTalent: {
		method: 'POST',
		path: '/open-apis/hire/v1/talents/:id/tag',
		limit: { perSecond: 20, perMinute: 1200 },
		scopes: TALENT_WRITE,
		customAppsOnly: true,
		hints: {
			[FEISHU_CODES.TAG_NOT_FOUND]:
				'No talent tag has this ID in Feishu Hire: pick the tags from the list.',
			[FEISHU_CODES.TAG_DISABLED]:
				'The tag is disabled in Hire (Settings → Talent tags): enable it or pick another.',
			[FEISHU_CODES.TALENT_NOT_FOUND]:
				'No talent has this Talent ID in Feishu Hire. Use an ID that Find or Create returned.',
		},
	},
	listTalentFolders: {
		method: 'GET',
		path: '/open-apis/hire/v1/talent_folders',
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: FOLDER_READ,
	},
	/** 1–200 talents a request. */
	addToFolder: {
		method: 'POST',
		path: '/open-apis/hire/v1/talents/add_to_folder',
		limit: { perSecond: 50, perMinute: 1000 },
		scopes: ['hire:talent_folder_association', 'hire:talent'],
		customAppsOnly: true,
		hints: FOLDER_HINTS,
	},
	/** 1–200 talents a request; answers the talents it removed. */
	removeFromFolder: {
		method: 'POST',
		path: '/open-apis/hire/v1/talents/remove_to_folder',
		limit: { perSecond: 10, perMinute: 600 },
		scopes: ['hire:talent_folder_association'],
		customAppsOnly: true,
		hints: FOLDER_HINTS,
	},
} satisfies Record<string, EndpointSpec>;

export type Endpoint = keyof typeof ENDPOINTS;

/**
 * The endpoint's path with its ID in place, or why the ID cannot go there. Only a 19-digit
 * Feishu ID (or, where Feishu types the ID only as a string, one without slash, query,
 * space or dot segment, percent-encoded) is put into a path, whatever the caller checked:
 * no ID can turn the request into another one.
 */
export function endpointPath(
	endpoint: Endpoint,
	id: string | undefined,
): { path: string } | { problem: string } {
	const { path, idFormat } = ENDPOINTS[endpoint] as EndpointSpec;
	if (!path.includes(':id')) return { path };
	const checked = idFormat === 'opaque' ? checkOpaqueId(id) : checkFeishuId(id);
	if ('problem' in checked)
		return { problem: `The ID in the path of ${endpoint} ${checked.problem}` };
	return { path: path.replace(':id', encodeURIComponent(checked.id)) };
}

/** What to check after `code` from `endpoint`, where the endpoint's own facts say more than the code. */
export function endpointHint(endpoint: Endpoint, code: number | undefined): string | undefined {
	const { limit, scopes, hints, customAppsOnly } = ENDPOINTS[endpoint] as EndpointSpec;
	if (code === SCOPE_MISSING) {
		const [first, ...others] = scopes;
		const alternatives = others.length > 0 ? ` (or ${others.join(' or ')})` : '';
		const appType = customAppsOnly
			? ' Feishu allows this call to self-built (custom) apps only: a store app is refused whatever its scopes.'
			: '';
		return `Grant the app the scope ${first}${alternatives} in the developer console (Permissions & Scopes), then publish a new app version.${appType}`;
	}
	if (code === RATE_LIMITED) {
		return `Feishu allows this endpoint ${limit.perSecond} requests per second and ${limit.perMinute} per minute for each app. Run the workflow again later, or in smaller batches.`;
	}
	return code === undefined ? undefined : hints?.[code];
}
