/** End-to-end: the packed package in real n8n 2.41.1 and 1.123.81, against the emulator. */
/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.ts'],
	globalSetup: '<rootDir>/test/global-setup.ts',
	globalTeardown: '<rootDir>/test/global-teardown.ts',
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	// Preparing n8n the first time on a machine takes minutes.
	testTimeout: 20 * 60 * 1000,
	maxWorkers: 1,
};
