/** Feishu IDs are 19-digit strings, larger than 2^53: they must never pass through a number. */
export const FEISHU_ID_PATTERN = '^[0-9]{19}$';
const FEISHU_ID = new RegExp(FEISHU_ID_PATTERN);

/** The ID, trimmed, or a sentence saying what is wrong with it. */
export function checkFeishuId(value: unknown): { id: string } | { problem: string } {
	if (typeof value === 'number' || typeof value === 'bigint') {
		return {
			problem: `is the number ${String(value)}: IDs must be text, since a 19-digit ID does not survive as a number. Make the field a string in the source data`,
		};
	}
	if (typeof value !== 'string')
		return { problem: `must be text, not ${value === null ? 'null' : typeof value}` };
	const id = value.trim();
	if (id === '') return { problem: 'is empty' };
	if (!FEISHU_ID.test(id))
		return {
			problem: `"${id.length > 40 ? `${id.slice(0, 40)}…` : id}" is not a Feishu ID (19 digits)`,
		};
	return { id };
}

/** Longer values are no ID any Hire page shows. */
const MAX_OPAQUE_ID_LENGTH = 128;

/**
 * An ID Feishu types as a string without saying more (job IDs: mostly 19 digits, some short,
 * e.g. "6001"): kept as given, trimmed, or a sentence saying what is wrong with it.
 */
export function checkOpaqueId(value: unknown): { id: string } | { problem: string } {
	if (typeof value === 'number' || typeof value === 'bigint')
		return {
			problem: `is the number ${String(value)}: IDs must be text, since a long ID does not survive as a number. Make the field a string in the source data`,
		};
	if (typeof value !== 'string')
		return { problem: `must be text, not ${value === null ? 'null' : typeof value}` };
	const id = value.trim();
	if (id === '') return { problem: 'is empty' };
	if (id.length > MAX_OPAQUE_ID_LENGTH || id === '.' || id === '..' || /[\s/?#]/.test(id))
		return { problem: `"${id.length > 40 ? `${id.slice(0, 40)}…` : id}" is not an ID` };
	return { id };
}
