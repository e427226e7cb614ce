/** What the layers that run a real n8n share: one file at a time, minutes per test (preparing n8n the first time on a machine takes minutes). */
module.exports = (folder) => ({
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: [`<rootDir>/test/${folder}`],
	testMatch: ['**/*.test.ts'],
	// Checks the machine has what the layer needs before anything is prepared.
	globalSetup: '<rootDir>/test/real-n8n-setup.ts',
	globals: { layer: folder },
	globalTeardown: '<rootDir>/test/global-teardown.ts',
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	testTimeout: 20 * 60 * 1000,
	maxWorkers: 1,
});
