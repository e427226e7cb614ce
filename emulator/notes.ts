/**
 * Notes (备注) on a talent, optionally tied to one of its applications, as the notes pages
 * document the object: privacy is a bool here, times are ms integers.
 */
export interface Note {
	id: string;
	talent_id: string;
	application_id?: string;
	is_private: boolean;
	create_time: number;
	modify_time: number;
	creator_id?: string;
	content: string;
}

const NOTE_ID_BASE = 7041205467799530001n;

export function noteIdAt(index: number): string {
	return (NOTE_ID_BASE + BigInt(index) * 104729n).toString();
}

/** A mention as create and patch take it: offset 0..content length, and the user. */
export function mentionsAreValid(mentions: unknown, content: string): boolean {
	if (mentions === undefined) return true;
	return (
		Array.isArray(mentions) &&
		mentions.every((mention) => {
			if (typeof mention !== 'object' || mention === null) return false;
			const { offset, user_id } = mention as Record<string, unknown>;
			return (
				typeof offset === 'number' &&
				Number.isInteger(offset) &&
				offset >= 0 &&
				offset <= content.length &&
				typeof user_id === 'string' &&
				user_id !== ''
			);
		})
	);
}
