import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Where the sales engine keeps its data: PostgreSQL (or embedded PGlite) for rows, S3 (or a local
 * folder) for raw mail and reports. Nodes without this credential use the embedded default in the n8n
 * user folder. Tested by the nodes' `salesEngineStoreTest` method (connects, migrates nothing).
 */
export class SalesEngineStoreApi implements ICredentialType {
	name = 'salesEngineStoreApi';

	displayName = 'Sales Engine Store API';

	icon: Icon = {
		light: 'file:../nodes/SalesCampaign/salesCampaign.svg',
		dark: 'file:../nodes/SalesCampaign/salesCampaign.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-sales-engine/n8n-nodes-sales-engine#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Database',
			name: 'database',
			type: 'options',
			options: [
				{
					name: 'Embedded (PGlite)',
					value: 'embedded',
					description: 'PostgreSQL with pgvector inside the n8n process; one n8n instance only',
				},
				{
					name: 'PostgreSQL',
					value: 'postgres',
					description: 'A PostgreSQL server (pgvector optional)',
				},
			],
			default: 'embedded',
		},
		{
			displayName: 'Embedded Folder',
			name: 'embeddedFolder',
			type: 'string',
			default: '',
			placeholder: '~/.n8n/sales-engine/db',
			description:
				'Folder for the embedded database. Empty: sales-engine/db in the n8n user folder.',
			displayOptions: { show: { database: ['embedded'] } },
		},
		{
			displayName: 'Connect With',
			name: 'postgresConnection',
			type: 'options',
			options: [
				{ name: 'URL', value: 'url' },
				{ name: 'Fields', value: 'fields' },
			],
			default: 'fields',
			displayOptions: { show: { database: ['postgres'] } },
		},
		// The URL carries the database password, so it is masked like one.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'URL',
			name: 'connectionString',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'postgres://user:password@host:5432/database',
			displayOptions: { show: { database: ['postgres'], postgresConnection: ['url'] } },
		},
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: 'localhost',
			displayOptions: { show: { database: ['postgres'], postgresConnection: ['fields'] } },
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: 5432,
			displayOptions: { show: { database: ['postgres'], postgresConnection: ['fields'] } },
		},
		{
			displayName: 'Database Name',
			name: 'databaseName',
			type: 'string',
			default: 'postgres',
			displayOptions: { show: { database: ['postgres'], postgresConnection: ['fields'] } },
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: 'postgres',
			displayOptions: { show: { database: ['postgres'], postgresConnection: ['fields'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { database: ['postgres'], postgresConnection: ['fields'] } },
		},
		{
			displayName: 'SSL',
			name: 'ssl',
			type: 'options',
			options: [
				{ name: 'Disable', value: 'disable' },
				{ name: 'Require (Do Not Verify Certificate)', value: 'require' },
				{ name: 'Verify Full', value: 'verify-full' },
			],
			default: 'disable',
			displayOptions: { show: { database: ['postgres'] } },
		},
		{
			displayName: 'Max Connections',
			name: 'maxConnections',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			description: 'Pool size per n8n process',
			displayOptions: { show: { database: ['postgres'] } },
		},
		{
			displayName: 'Object Store',
			name: 'objectStore',
			type: 'options',
			options: [
				{ name: 'Local Folder', value: 'local' },
				{ name: 'S3 (or MinIO, R2…)', value: 's3' },
			],
			default: 'local',
			description: 'Where raw emails, HTML bodies, logs and reports are kept',
		},
		{
			displayName: 'Local Folder',
			name: 'localFolder',
			type: 'string',
			default: '',
			placeholder: '~/.n8n/sales-engine/objects',
			description: 'Empty: sales-engine/objects in the n8n user folder',
			displayOptions: { show: { objectStore: ['local'] } },
		},
		{
			displayName: 'S3 Endpoint',
			name: 's3Endpoint',
			type: 'string',
			default: '',
			placeholder: 'http://minio:9000',
			description: 'Empty for AWS S3 itself',
			displayOptions: { show: { objectStore: ['s3'] } },
		},
		{
			displayName: 'Region',
			name: 's3Region',
			type: 'string',
			default: 'us-east-1',
			displayOptions: { show: { objectStore: ['s3'] } },
		},
		{
			displayName: 'Bucket',
			name: 's3Bucket',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { objectStore: ['s3'] } },
		},
		{
			displayName: 'Access Key ID',
			name: 's3AccessKeyId',
			type: 'string',
			default: '',
			displayOptions: { show: { objectStore: ['s3'] } },
		},
		{
			displayName: 'Secret Access Key',
			name: 's3SecretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { objectStore: ['s3'] } },
		},
		{
			displayName: 'Force Path Style',
			name: 's3ForcePathStyle',
			type: 'boolean',
			default: true,
			description: 'Whether to put the bucket in the path (needed by MinIO and most S3 clones)',
			displayOptions: { show: { objectStore: ['s3'] } },
		},
	];
}
