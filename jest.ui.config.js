/** The editor in a real browser: n8n 2.41.1 started with the packed package, Debian's Chromium. */
/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/ui'],
	testMatch: ['**/*.test.ts'],
	globalSetup: '<rootDir>/test/global-setup.ts',
	globalTeardown: '<rootDir>/test/global-teardown.ts',
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	// Preparing n8n the first time on a machine takes minutes; the editor's first load is slow.
	testTimeout: 20 * 60 * 1000,
	maxWorkers: 1,
};
