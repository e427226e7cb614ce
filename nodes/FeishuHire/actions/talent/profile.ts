import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { checkFeishuId } from '../../../shared/ids';
import { invalid } from '../../helpers/parameters';
import {
	isGiven,
	MAINLAND_CODE,
	readEmail,
	readIdentification,
	readMobile,
	readText,
	shown,
} from '../../identify/keys';

/** The location code Feishu writes mainland numbers with (dialing code 86). */
export const MAINLAND_LOCATION = 'CN_1';
/** A location code as locations/query gives them: CN_1, ST_15, CT_159, MDCA00009061. */
const LOCATION_CODE = /^[A-Za-z][A-Za-z0-9]*(?:_[0-9A-Za-z]+)?$/;
const MAX_LOCATION_CODE_LENGTH = 64;
const GENDERS: Record<string, number> = { male: 1, female: 2, other: 3 };

/** What an item writes to a talent; absent fields are left as they are. */
export interface TalentProfile {
	name?: string;
	email?: string;
	/** Dialing code (for lookups), number, and the location code Feishu writes it with. */
	mobile?: { code: string; number: string; countryCode: string };
	/** A location code alone: for Update, the country of the mobile Hire already has. */
	countryCode?: string;
	identification?: { type: number; number: string };
	gender?: number;
	resumeSourceId?: string;
}

/** Where an operation keeps the fields: top level, or in a collection ("additionalFields."). */
export interface ProfilePaths {
	main: string;
	extra: string;
	nameRequired: boolean;
}

/**
 * Reads and checks what an item writes, before anything is sent. Empty text means "not
 * given". Bad input is a NodeOperationError naming the field and the item.
 */
export function readProfile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	{ main, extra, nameRequired }: ProfilePaths,
): TalentProfile {
	const given = (name: string) => isGiven(ctx, name, itemIndex);
	const profile: TalentProfile = {};
	if (nameRequired || given(`${main}name`))
		profile.name = readText(ctx, `${main}name`, 'Name', itemIndex);
	if (given(`${main}email`)) profile.email = readEmail(ctx, itemIndex, main);

	const countryCode = given(`${extra}mobileCountryCode`)
		? readLocationCode(ctx, `${extra}mobileCountryCode`, itemIndex)
		: undefined;
	if (given(`${main}mobileNumber`)) {
		const { code, number } = readMobile(ctx, itemIndex, main);
		profile.mobile = {
			code,
			number,
			countryCode: countryCode ?? mainlandOnly(ctx, code, itemIndex),
		};
	} else if (countryCode !== undefined) {
		profile.countryCode = countryCode;
	}

	if (given(`${extra}identificationNumber`)) {
		if (!given(`${extra}identificationType`))
			throw invalid(
				ctx,
				itemIndex,
				'ID Document Type',
				'is required with an ID Document Number',
				'Add the ID Document Type (e.g. PRC Resident ID Card) beside the number.',
			);
		profile.identification = readIdentification(ctx, itemIndex, extra);
	}
	if (given(`${extra}gender`)) profile.gender = readGender(ctx, `${extra}gender`, itemIndex);
	if (given(`${extra}resumeSourceId`)) {
		const checked = checkFeishuId(
			ctx.getNodeParameter(`${extra}resumeSourceId`, itemIndex, '', { extractValue: true }),
		);
		if ('problem' in checked) throw invalid(ctx, itemIndex, 'Resume Source ID', checked.problem);
		profile.resumeSourceId = checked.id;
	}
	return profile;
}

/** Without a location code only mainland numbers can be written: Feishu wants CN_1, not 86. */
function mainlandOnly(ctx: IExecuteFunctions, code: string, itemIndex: number): string {
	if (code === MAINLAND_CODE) return MAINLAND_LOCATION;
	throw invalid(
		ctx,
		itemIndex,
		'Mobile Country Code',
		`is required for mobile code ${code}`,
		'Feishu writes a mobile number with the location code of its country (e.g. CN_1 for mainland China), not with its dialing code. Pick the country from the list, or give its location code.',
	);
}

function readLocationCode(ctx: IExecuteFunctions, name: string, itemIndex: number): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value =
		typeof raw === 'object' && raw !== null && 'value' in raw ? (raw as IDataObject).value : raw;
	if (typeof value !== 'string')
		throw invalid(ctx, itemIndex, 'Mobile Country Code', `must be text, not ${typeof value}`);
	const code = value.trim();
	if (/^\+?\d+$/.test(code))
		throw invalid(
			ctx,
			itemIndex,
			'Mobile Country Code',
			`${shown(code)} is a dialing code, not a location code`,
			'Put the dialing code (e.g. 86) in Mobile Code, and here the location code of the country, e.g. CN_1 for mainland China: pick it from the list.',
		);
	if (code.length > MAX_LOCATION_CODE_LENGTH || !LOCATION_CODE.test(code))
		throw invalid(
			ctx,
			itemIndex,
			'Mobile Country Code',
			`${shown(code)} is not a location code (e.g. CN_1)`,
			'Pick the country from the list, or give a location code from Feishu’s locations/query.',
		);
	return code;
}

function readGender(ctx: IExecuteFunctions, name: string, itemIndex: number): number {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
	const gender =
		typeof text === 'string'
			? (GENDERS[text] ?? (/^[123]$/.test(text) ? Number(text) : NaN))
			: text;
	if (gender === 1 || gender === 2 || gender === 3) return gender;
	throw invalid(
		ctx,
		itemIndex,
		'Gender',
		`must be Male, Female or Other (1, 2 or 3), not ${JSON.stringify(value)}`,
	);
}

/** The basic_info of combined_create / combined_update for what the profile gives. */
export function basicInfoOf(profile: TalentProfile): IDataObject {
	const info: IDataObject = {};
	if (profile.name !== undefined) info.name = profile.name;
	if (profile.email !== undefined) info.email = profile.email;
	if (profile.mobile) {
		info.mobile = profile.mobile.number;
		info.mobile_country_code = profile.mobile.countryCode;
	}
	if (profile.identification)
		info.identification = {
			identification_type: profile.identification.type,
			identification_number: profile.identification.number,
		};
	if (profile.gender !== undefined) info.gender = profile.gender;
	return info;
}
