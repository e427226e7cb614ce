import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { seededTalent } from '../emulator/data';
import { seededRandom } from '../emulator/random';

/**
 * npx ts-node scripts/make-ats-export.ts
 *
 * Writes examples/ats-export.csv: an ATS export of candidates, most of them talents the
 * emulator seeds (seed 1), as real exports look: some candidates unknown to Feishu Hire,
 * some rows exported twice, some values with spaces around them, a few rows no sync can use
 * (no email, an email that is not one, no name). Deterministic.
 */
const EMULATOR_SEED = 1;
const EMULATOR_TALENTS = 5000;
const KNOWN_CANDIDATES = 490;
const UNKNOWN_CANDIDATES = 10;
const DUPLICATED_ROWS = 12;
const STRAY_SPACE_RATE = 0.06;
const OUTPUT = join(__dirname, '..', 'examples', 'ats-export.csv');
/** Rows a sync must set aside with the reason, and where they stand in the export (0-based rows). */
const UNUSABLE_ROWS: Array<{ at: number; row: Candidate }> = [
	{ at: 100, row: { name: '沈文', email: '', mobile_code: '86', phone: '13912340001' } },
	{
		at: 250,
		row: {
			name: '钱多多',
			email: 'duoduo.qian-at-applicants.example.org',
			mobile_code: '86',
			phone: '13912340002',
		},
	},
	{
		at: 400,
		row: {
			name: '',
			email: 'nameless.candidate@applicants.example.org',
			mobile_code: '86',
			phone: '13912340003',
		},
	},
];

const random = seededRandom(20261120);

interface Candidate {
	name: string;
	email: string;
	mobile_code: string;
	phone: string;
}

const COLUMNS: Array<keyof Candidate> = ['name', 'email', 'mobile_code', 'phone'];

/** People who applied outside Feishu Hire: their emails match no seeded talent. */
const UNKNOWN_NAMES: Array<[string, string]> = [
	['欧阳娜', 'na.ouyang'],
	['司马磊', 'lei.sima'],
	['诸葛明', 'ming.zhuge'],
	['上官婷', 'ting.shangguan'],
	['东方杰', 'jie.dongfang'],
	['慕容欣怡', 'xinyi.murong'],
	['令狐涛', 'tao.linghu'],
	['皇甫静', 'jing.huangfu'],
	['尉迟军', 'jun.yuchi'],
	['公孙芳', 'fang.gongsun'],
];

function knownCandidates(): Candidate[] {
	const indexes = shuffle(Array.from({ length: EMULATOR_TALENTS }, (_, i) => i)).slice(
		0,
		KNOWN_CANDIDATES,
	);
	return indexes.map((index) => {
		const { name, email, mobile_code, mobile_number } = seededTalent(
			index,
			EMULATOR_SEED,
		).basic_info;
		return { name, email, mobile_code, phone: mobile_number };
	});
}

function unknownCandidates(seededEmails: Set<string>): Candidate[] {
	return UNKNOWN_NAMES.slice(0, UNKNOWN_CANDIDATES).map(([name, local]) => {
		const email = `${local}@applicants.example.org`;
		if (seededEmails.has(email)) throw new Error(`${email} belongs to a seeded talent`);
		return {
			name,
			email,
			mobile_code: '86',
			phone: `199${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
		};
	});
}

/** The export's rows: every candidate once in random order, then some exported again. */
function exportRows(candidates: Candidate[]): Candidate[] {
	const rows = shuffle(candidates);
	for (let i = 0; i < DUPLICATED_ROWS; i++) {
		const position = Math.floor(random() * (rows.length + 1));
		rows.splice(position, 0, { ...rows[Math.floor(random() * rows.length)] });
	}
	return rows;
}

function withStraySpaces(value: string): string {
	if (random() >= STRAY_SPACE_RATE) return value;
	const pad = () => ' '.repeat(1 + Math.floor(random() * 2));
	const where = random();
	if (where < 1 / 3) return pad() + value;
	if (where < 2 / 3) return value + pad();
	return pad() + value + pad();
}

function csvCell(value: string): string {
	return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function toCsv(rows: Candidate[]): string {
	const lines = rows.map((row) =>
		COLUMNS.map((column) => csvCell(withStraySpaces(row[column]))).join(','),
	);
	// Placed after the random draws, so the other rows stay as they were.
	for (const { at, row } of UNUSABLE_ROWS)
		lines.splice(at, 0, COLUMNS.map((column) => csvCell(row[column])).join(','));
	return `${[COLUMNS.join(','), ...lines].join('\n')}\n`;
}

function shuffle<T>(list: T[]): T[] {
	const copy = [...list];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}

function main() {
	const seededEmails = new Set(
		Array.from(
			{ length: EMULATOR_TALENTS },
			(_, i) => seededTalent(i, EMULATOR_SEED).basic_info.email,
		),
	);
	const rows = exportRows([...knownCandidates(), ...unknownCandidates(seededEmails)]);
	writeFileSync(OUTPUT, toCsv(rows));
	console.log(
		`${relative(process.cwd(), OUTPUT)}: ${rows.length + UNUSABLE_ROWS.length} rows, ${KNOWN_CANDIDATES} known candidates, ${UNKNOWN_CANDIDATES} unknown, ${DUPLICATED_ROWS} rows exported twice, ${UNUSABLE_ROWS.length} unusable`,
	);
}

main();
