/** Talent tags (`GET /open-apis/hire/v1/talent_tags`) and talent folders (`GET …/talent_folders`). */
export interface TalentTag {
	id: string;
	name: { zh_cn: string; en_us: string };
	description: { zh_cn: string; en_us: string };
	/** 1 manual, 2 automatic. */
	type: 1 | 2;
	/** 1 enabled, 2 disabled. */
	active_status: 1 | 2;
}

export interface TalentFolder {
	folder_id: string;
	folder_name: string;
	owner_id: string;
}

const tag = (
	id: string,
	zh: string,
	en: string,
	type: 1 | 2 = 1,
	active_status: 1 | 2 = 1,
): TalentTag => ({
	id,
	name: { zh_cn: zh, en_us: en },
	description: { zh_cn: `${zh}的人才`, en_us: `Talents marked ${en}` },
	type,
	active_status,
});

/** Newest first, as the list answers; one disabled, one automatic. */
export const TALENT_TAGS: TalentTag[] = [
	tag('7104402231462020101', 'Offer 阶段', 'Offer stage'),
	tag('7104402231462020102', '内推', 'Referral'),
	tag('7104402231462020103', '高潜', 'High potential'),
	tag('7104402231462020104', '已停用', 'Retired tag', 1, 2),
	tag('7104402231462020105', '重复投递', 'Applied twice', 2),
	tag('7104402231462020106', '校招', 'Campus'),
];

export const TALENT_FOLDERS: TalentFolder[] = [
	{ folder_id: '7104402231462030201', folder_name: '2027 校招', owner_id: 'ou_emulator_owner_1' },
	{ folder_id: '7104402231462030202', folder_name: '销售候选人', owner_id: 'ou_emulator_owner_1' },
	{
		folder_id: '7104402231462030203',
		folder_name: 'Engineering shortlist',
		owner_id: 'ou_emulator_owner_2',
	},
];
