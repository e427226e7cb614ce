import type { IDataObject } from 'n8n-workflow';

import { MAINLAND_CODE, type TalentKey } from '../../identify/keys';
import { findTalentsByKey } from '../../identify/lookup';
import type { FeishuClient } from '../../../shared/transport/client';
import { basicInfoOf, MAINLAND_LOCATION, type TalentProfile } from './profile';

/** A talent's basic_info as the v1 get reads it (only the fields Update carries over). */
interface StoredBasicInfo {
	name?: string;
	email?: string;
	mobile?: string;
	mobile_code?: string;
	mobile_country_code?: string;
	gender?: number;
	identification_type?: number;
	identification_number?: string;
	birthday?: number | string;
	nationality?: { nationality_code?: string };
	current_city?: { city_code?: string };
	hometown_city?: { city_code?: string };
}

/**
 * The key a create can be found by afterwards: the email, else the mobile number, else the
 * ID document. Without one a create whose answer is lost cannot be checked.
 */
export function keyOfProfile(profile: TalentProfile): TalentKey | undefined {
	if (profile.email) return { kind: 'email', value: profile.email };
	if (profile.mobile)
		return { kind: 'mobile', value: profile.mobile.number, qualifier: profile.mobile.code };
	if (profile.identification)
		return {
			kind: 'identification',
			value: profile.identification.number,
			qualifier: String(profile.identification.type),
		};
	return undefined;
}

/**
 * combined_create, never doubled by a retry: when the answer is lost after Feishu may have
 * committed it, the talent is looked up by `key` before anything is sent again; found
 * means it was created.
 */
export async function createTalent(
	client: FeishuClient,
	profile: TalentProfile,
	key: TalentKey | undefined,
	itemIndex: number,
): Promise<string> {
	const body: IDataObject = { basic_info: basicInfoOf(profile) };
	if (profile.resumeSourceId) body.resume_source_id = profile.resumeSourceId;
	const data = await client.request<{ talent_id?: unknown }>({
		endpoint: 'createTalent',
		body,
		itemIndex,
		ifAnswerLost: async () => {
			if (!key)
				throw new Error(
					'the talent has no email, mobile number or ID document number to look it up by',
				);
			const [match] = await findTalentsByKey(client, key, itemIndex);
			return match ? { talent_id: match.talent_id } : undefined;
		},
	});
	if (typeof data?.talent_id !== 'string')
		throw new Error('Feishu answered the create without a talent_id (as text)');
	return data.talent_id;
}

/**
 * combined_update that changes only what the profile gives, whatever Feishu does with the
 * basic_info fields a request leaves out: the talent is read first (the v1 get, the only read
 * with the mobile's location code) and its other fields are sent as they are. Experience
 * lists and custom fields are never sent, so they stay.
 */
export async function updateTalent(
	client: FeishuClient,
	talentId: string,
	profile: TalentProfile,
	itemIndex: number,
): Promise<void> {
	const current = await client.request<{ talent?: { basic_info?: StoredBasicInfo } }>({
		endpoint: 'getTalentV1',
		id: talentId,
		itemIndex,
	});
	const basicInfo = { ...carriedOver(current?.talent?.basic_info ?? {}), ...basicInfoOf(profile) };
	if (!profile.mobile && profile.countryCode) {
		const { mobile } = current?.talent?.basic_info ?? {};
		if (mobile) Object.assign(basicInfo, { mobile, mobile_country_code: profile.countryCode });
	}
	await client.request({
		endpoint: 'updateTalent',
		body: { talent_id: talentId, basic_info: basicInfo },
		itemIndex,
	});
}

/**
 * The stored fields combined_update takes back unchanged. A mobile is carried over only with
 * its location code (or as a mainland number): without one, sending it could move it to
 * another country, so it is left out.
 */
function carriedOver(stored: StoredBasicInfo): IDataObject {
	const info: IDataObject = {};
	const text = (value: unknown) =>
		typeof value === 'string' && value.trim() !== '' ? value : undefined;
	const put = (field: string, value: unknown) => {
		if (value !== undefined) info[field] = value;
	};
	put('name', text(stored.name));
	put('email', text(stored.email));
	const countryCode =
		text(stored.mobile_country_code) ??
		(stored.mobile_code === MAINLAND_CODE ? MAINLAND_LOCATION : undefined);
	if (text(stored.mobile) && countryCode) {
		info.mobile = stored.mobile;
		info.mobile_country_code = countryCode;
	}
	if (typeof stored.identification_type === 'number' && text(stored.identification_number))
		info.identification = {
			identification_type: stored.identification_type,
			identification_number: stored.identification_number,
		};
	if ([1, 2, 3].includes(stored.gender as number)) info.gender = stored.gender;
	// Read in seconds (or ms, as one example shows), written as a ms string.
	const birthday = Number(stored.birthday);
	if (stored.birthday !== undefined && Number.isFinite(birthday) && birthday > 0)
		info.birthday = String(birthday < 1e11 ? birthday * 1000 : birthday);
	put('nationality_id', text(stored.nationality?.nationality_code));
	put('current_city_code', text(stored.current_city?.city_code));
	put('hometown_city_code', text(stored.hometown_city?.city_code));
	return info;
}
