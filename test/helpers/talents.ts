import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../emulator';
import type { RunOptions } from './n8n';
import { membershipParameters } from './parameters';

/** One input row of an ATS export: whichever keys the run identifies talents by. */
export interface ExportRow extends IDataObject {
	email?: string;
	code?: string;
	mobile?: string;
	type?: number | string;
	number?: string;
}

/** The key fields of a run, read from each row by expression. */
const KEY_PARAMETERS = {
	email: '={{ $json.email }}',
	mobileCode: '={{ $json.code }}',
	mobileNumber: '={{ $json.mobile }}',
	identificationType: '={{ $json.type }}',
	identificationNumber: '={{ $json.number }}',
};

export function findTalents(
	identifyBy: 'email' | 'mobile' | 'identification',
	rows: ExportRow[],
	options: IDataObject = {},
): RunOptions {
	return {
		parameters: { resource: 'talent', operation: 'find', identifyBy, ...KEY_PARAMETERS, options },
		items: rows,
	};
}

export function getTalent(talentIds: string[]): RunOptions {
	return {
		parameters: { resource: 'talent', operation: 'get', talentId: '={{ $json.talent }}' },
		items: talentIds.map((talent) => ({ talent })),
	};
}

/** Add or Remove Talent for rows that name their talent by email or mobile number. */
export function changeByKey(
	operation: 'addTalent' | 'removeTalent',
	poolId: string,
	identifyBy: 'email' | 'mobile',
	rows: ExportRow[],
	parameters: IDataObject = {},
): RunOptions {
	return {
		parameters: membershipParameters(operation, poolId, {
			identifyBy,
			...KEY_PARAMETERS,
			...parameters,
		}),
		items: rows,
	};
}

/** The JSON bodies of the talent lookups the emulator received, in order. */
export function findBodies(emulator: Emulator): IDataObject[] {
	return emulator.requests('findTalents').map((entry) => entry.body as IDataObject);
}

/** A row of an ATS export as the write operations read it. */
export type WriteRow = IDataObject;

/** Create or Create or Update, each field read from the row by expression. */
export function writeTalents(
	operation: 'create' | 'upsert',
	rows: WriteRow[],
	extra: IDataObject = {},
): RunOptions {
	return {
		parameters: {
			resource: 'talent',
			operation,
			name: '={{ $json.name }}',
			email: '={{ $json.email }}',
			mobileNumber: '={{ $json.mobile }}',
			mobileCode: '={{ $json.code }}',
			...extra,
		},
		items: rows,
	};
}

/** The bodies the emulator received for an endpoint, in order. */
export function bodiesOf(
	emulator: Emulator,
	endpoint: 'createTalent' | 'updateTalent',
): IDataObject[] {
	return emulator.requests(endpoint).map((entry) => entry.body as IDataObject);
}
