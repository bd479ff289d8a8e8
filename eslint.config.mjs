import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

// n8n's community-node rules. The package is self-hosted only (it needs PostgreSQL/PGlite, S3 and
// SMTP), so the n8n Cloud rules are off (`n8n-node cloud-support disable` gives the same config).
export default [
	...configWithoutCloudSupport,
	{
		files: ['package.json'],
		rules: {
			// By design: the engine needs pg, PGlite and the AWS SDK at run time; n8n installs a
			// community package's dependencies (with --ignore-scripts, so none of them builds natively).
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
			// n8n runs `npm install` inside the unpacked package, so `overrides` do apply there: they pin
			// the AWS SDK tree to the tested lock versions (a registry mid-way through the SDK's daily
			// release once made the install fail). Nothing else is overridden.
			'@n8n/community-nodes/no-overrides-field': 'off',
		},
	},
	{
		// The engine imports nothing from n8n (docs/architecture.md: engine modules are plain TypeScript): it throws
		// EngineError, which nodes/shared/toNodeError.ts turns into NodeOperationError at the boundary.
		files: ['nodes/engine/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	{
		// Tests, e2e, benchmarks and scripts are not node code: they may log and use dev tooling.
		files: ['test/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
		rules: {
			'no-console': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			// Fixtures hold throwaway keys and passwords for loopback servers.
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@n8n/community-nodes/require-node-api-error': 'off',
			'import-x/no-unresolved': 'off',
		},
	},
];
