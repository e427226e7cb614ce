import { rmSync } from 'node:fs';

/** Removes the user folder globalSetup made (not one the caller passed in). */
export default function globalTeardown(): void {
	const folder = process.env.FEISHU_HIRE_TEST_USER_FOLDER;
	if (folder) rmSync(folder, { recursive: true, force: true });
}
