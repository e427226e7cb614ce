import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, selectors, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`), or CHROMIUM_PATH; nothing is downloaded. */
const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Why the browser tests cannot run here, in one line saying what to install, or undefined
 * when Chromium is where chromiumPath() says. Checked before anything starts.
 */
export function chromiumMissing(): string | undefined {
	const path = chromiumPath();
	try {
		accessSync(path, constants.X_OK);
		return undefined;
	} catch {
		const where = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${path}` : path;
		return `No Chromium at ${where}: install it with \`apt-get install -y chromium fonts-wqy-zenhei\`, or set CHROMIUM_PATH to a Chromium binary`;
	}
}

/** Throws the chromiumMissing() line, without a stack trace: there is nothing to debug. */
export function requireChromium(): void {
	const missing = chromiumMissing();
	if (!missing) return;
	const error = new Error(missing);
	error.stack = missing;
	throw error;
}

export interface Browser {
	context: BrowserContext;
	close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile. The background-networking flags keep it from
 * calling Google's services, which this machine cannot reach.
 */
export async function launchBrowser(baseURL: string): Promise<Browser> {
	requireChromium();
	selectors.setTestIdAttribute('data-test-id'); // n8n's attribute
	const profile = mkdtempSync(join(tmpdir(), 'feishu-hire-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: chromiumPath(),
		headless: true,
		baseURL,
		viewport: { width: 1440, height: 900 },
		locale: 'en-US',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--no-first-run',
			'--disable-quic',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	context.setDefaultTimeout(60_000);
	return {
		context,
		async close() {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}
