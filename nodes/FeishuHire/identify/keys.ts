import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
} from 'n8n-workflow';

import { invalid } from '../helpers/parameters';
import { IDENTIFICATION_TYPES, type KeyKind } from './kinds';

export type { KeyKind } from './kinds';

export interface TalentKey {
	kind: KeyKind;
	/** Trimmed; for a mobile number, digits only. */
	value: string;
	/** The mobile code ("86") or the ID document type ("1"): one request carries only one. */
	qualifier?: string;
}

/** RFC 5321's limit on an address; longer values are refused before any pattern runs. */
export const MAX_EMAIL_LENGTH = 254;
/** Dots split the domain into labels no quantifier shares, so matching is linear in the length. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const MOBILE_SEPARATORS = /[\s\-.()]/g;
const MOBILE_CODE = /^\d{1,4}$/;
/** The dialing code Feishu assumes for a number sent without one. */
export const MAINLAND_CODE = '86';
const MAINLAND_MOBILE = /^1\d{10}$/;
const OTHER_MOBILE = /^\d{4,15}$/;
const ID_NUMBER = /^[0-9A-Za-z-]{1,64}$/;

/**
 * Reads the key an item identifies its talent by; bad input is a NodeOperationError naming
 * the item. `prefix` is the path of the fields (e.g. "updateFields.") when they sit in a collection.
 */
export function readTalentKey(
	ctx: IExecuteFunctions,
	kind: KeyKind,
	itemIndex: number,
	prefix = '',
): TalentKey {
	if (kind === 'email') return { kind, value: readEmail(ctx, itemIndex, prefix) };
	if (kind === 'mobile') {
		const { code, number } = readMobile(ctx, itemIndex, prefix);
		return { kind, value: number, qualifier: code };
	}
	if (kind === 'identification') {
		const { type, number } = readIdentification(ctx, itemIndex, prefix);
		return { kind, value: number, qualifier: String(type) };
	}
	throw invalid(
		ctx,
		itemIndex,
		'Identify By',
		`must be Email, Mobile Number or ID Document Number, not ${JSON.stringify(kind)}`,
	);
}

/** Whether the item gives a value for `name` at all: empty text and absent fields mean "not given". */
export function isGiven(ctx: IExecuteFunctions, name: string, itemIndex: number): boolean {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	return !(
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '')
	);
}

/** A text parameter, trimmed; an empty one is bad input. */
export function readText(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	numbersAllowed = false,
): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	// An expression that reads a column the row does not have gives undefined: nothing given.
	if (value === undefined || value === null) throw invalid(ctx, itemIndex, label, 'is empty');
	if (numbersAllowed && typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
		return String(value);
	if (typeof value !== 'string') {
		throw invalid(
			ctx,
			itemIndex,
			label,
			`must be text, not ${value === null ? 'null' : typeof value}${typeof value === 'number' ? ` (${value})` : ''}`,
		);
	}
	const trimmed = value.trim();
	if (trimmed === '') throw invalid(ctx, itemIndex, label, 'is empty');
	return trimmed;
}

/** A value as error messages quote it: at most 40 characters. */
export function shown(value: string): string {
	return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
}

export function readEmail(ctx: IExecuteFunctions, itemIndex: number, prefix = ''): string {
	const email = readText(ctx, `${prefix}email`, 'Email', itemIndex);
	if (email.length > MAX_EMAIL_LENGTH)
		throw invalid(
			ctx,
			itemIndex,
			'Email',
			`${shown(email)} is ${email.length} characters long: an email address has at most ${MAX_EMAIL_LENGTH}`,
		);
	if (!EMAIL_PATTERN.test(email))
		throw invalid(ctx, itemIndex, 'Email', `${shown(email)} is not an email address`);
	return email;
}

/** The dialing code (Mobile Code, "86" when empty) and the number, digits only. */
export function readMobile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	prefix = '',
): { code: string; number: string } {
	const code = readMobileCode(ctx, itemIndex, prefix);
	const raw = readText(ctx, `${prefix}mobileNumber`, 'Mobile Number', itemIndex, true);
	if (raw.startsWith('+')) {
		throw invalid(
			ctx,
			itemIndex,
			'Mobile Number',
			`${shown(raw)} starts with "+": put the country calling code in Mobile Code and only the number here`,
		);
	}
	const number = raw.replace(MOBILE_SEPARATORS, '');
	const valid = code === MAINLAND_CODE ? MAINLAND_MOBILE : OTHER_MOBILE;
	if (!valid.test(number)) {
		const expected =
			code === MAINLAND_CODE ? '11 digits starting with 1 for mobile code 86' : '4 to 15 digits';
		throw invalid(
			ctx,
			itemIndex,
			'Mobile Number',
			`${shown(raw)} is not a mobile number (${expected})`,
		);
	}
	return { code, number };
}

/** Feishu reads numbers without a code as mainland numbers: an empty Mobile Code means 86. */
export function readMobileCode(ctx: IExecuteFunctions, itemIndex: number, prefix = ''): string {
	if (!isGiven(ctx, `${prefix}mobileCode`, itemIndex)) return MAINLAND_CODE;
	const code = readText(ctx, `${prefix}mobileCode`, 'Mobile Code', itemIndex, true).replace(
		/^\+/,
		'',
	);
	if (!MOBILE_CODE.test(code))
		throw invalid(
			ctx,
			itemIndex,
			'Mobile Code',
			`${shown(code)} is not a country calling code (1 to 4 digits, e.g. 86)`,
		);
	return code;
}

export function readIdentification(
	ctx: IExecuteFunctions,
	itemIndex: number,
	prefix = '',
): { type: number; number: string } {
	const given = ctx.getNodeParameter(`${prefix}identificationType`, itemIndex, 1) as unknown;
	// From a CSV column the type arrives as text.
	const type = typeof given === 'string' && /^\d+$/.test(given.trim()) ? Number(given) : given;
	if (typeof type !== 'number' || !IDENTIFICATION_TYPES.some((known) => known.value === type)) {
		throw invalid(
			ctx,
			itemIndex,
			'ID Document Type',
			`must be one of ${IDENTIFICATION_TYPES.map((known) => known.value)
				.sort((a, b) => a - b)
				.join(', ')}, not ${JSON.stringify(type)}`,
		);
	}
	const number = readText(ctx, `${prefix}identificationNumber`, 'ID Document Number', itemIndex);
	if (!ID_NUMBER.test(number))
		throw invalid(
			ctx,
			itemIndex,
			'ID Document Number',
			`${shown(number)} is not an ID document number (letters, digits and dashes)`,
		);
	return { type, number };
}

/** Equal for equal keys: each distinct key is looked up once, spelled as the items wrote it. */
export function keyId(key: TalentKey): string {
	return `${key.kind} ${key.qualifier ?? ''} ${key.value}`;
}

/** The key as Feishu names it in a match, e.g. `{ email }`: also what a miss outputs. */
export function keyFields(key: TalentKey): IDataObject {
	if (key.kind === 'email') return { email: key.value };
	if (key.kind === 'mobile') return { mobile_code: key.qualifier, mobile_number: key.value };
	return { identification_type: Number(key.qualifier), identification_number: key.value };
}

/** The key a match echoes, read back from Feishu's record; undefined when it is not there. */
export function echoedKey(
	kind: KeyKind,
	qualifier: string | undefined,
	match: IDataObject,
): TalentKey | undefined {
	const field = {
		email: 'email',
		mobile: 'mobile_number',
		identification: 'identification_number',
	}[kind];
	const value = match[field];
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const echoed =
		kind === 'mobile' ? value.replace(MOBILE_SEPARATORS, '').replace(/^\+/, '') : value.trim();
	return { kind, value: echoed, qualifier };
}

export function describeKey(key: TalentKey): string {
	if (key.kind === 'email') return `email ${key.value}`;
	if (key.kind === 'mobile') return `mobile number +${key.qualifier} ${key.value}`;
	const type =
		IDENTIFICATION_TYPES.find((known) => String(known.value) === key.qualifier)?.name ??
		key.qualifier;
	return `ID document number ${key.value} (${type})`;
}

/** No talent has this key. */
export function notFoundError(node: INode, key: TalentKey, itemIndex: number): NodeOperationError {
	return new NodeOperationError(
		node,
		`No talent in Feishu Hire with ${describeKey(key)} (item ${itemIndex})`,
		{
			itemIndex,
			description:
				'Feishu Hire found no talent for this key. Check the value in the input item; the email is sent as written, and Feishu may tell letter case apart.',
		},
	);
}
