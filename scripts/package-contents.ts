// What may ship in the npm package, shared by `npm run check:release` and test/package.

const TEST_ONLY_FOLDERS = new Set([
	'test',
	'tests',
	'__tests__',
	'__mocks__',
	'fixtures',
	'scripts',
	'tools',
]);
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?(\.map)?$/;

/** Why a file of the package (a path relative to the package root) is test or dev tooling; undefined if it is not. */
export function testOnlyReason(path: string): string | undefined {
	const segments = path.split(/[\\/]/);
	const folder = segments.slice(0, -1).find((segment) => TEST_ONLY_FOLDERS.has(segment));
	if (folder) return `it is under a ${folder}/ folder`;
	if (segments.some((segment) => /emulator/i.test(segment)))
		return 'it belongs to the Feishu emulator';
	if (TEST_FILE.test(segments[segments.length - 1]))
		return 'it is a test file (or the source map of one)';
	return undefined;
}
