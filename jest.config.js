/**
 * unit: no servers, fast. integration: real PostgreSQL, PGlite, s3rver.
 * e2e: a real n8n CLI with the packed package installed (run through e2e/run.sh).
 */
const common = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	setupFiles: ['<rootDir>/test/helpers/tsWorkers.js'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
};

module.exports = {
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{
			...common,
			displayName: 'integration',
			testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/helpers/setupIntegration.ts'],
		},
		{
			...common,
			displayName: 'e2e',
			testMatch: ['<rootDir>/e2e/**/*.e2e.test.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/helpers/setupE2e.ts'],
		},
	],
};
