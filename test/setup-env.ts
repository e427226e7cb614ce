import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { removeLater } from '../tools/n8n/cleanup';

// n8n-core keeps instance settings in the user folder: give each test run its own. Under jest,
// globalSetup made it already; a script (the bench) that loads this file gets one removed at exit.
if (!process.env.N8N_USER_FOLDER)
	process.env.N8N_USER_FOLDER = removeLater(mkdtempSync(join(tmpdir(), 'feishu-hire-n8n-')));
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'true';
process.env.N8N_ENCRYPTION_KEY ??= 'feishu-hire-tests-only';
