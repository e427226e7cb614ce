import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One n8n user folder for the whole run (n8n-core keeps instance settings there); workers inherit it. */
export default function globalSetup(): void {
	if (process.env.N8N_USER_FOLDER) return;
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'feishu-hire-n8n-'));
	process.env.FEISHU_HIRE_TEST_USER_FOLDER = process.env.N8N_USER_FOLDER;
}
