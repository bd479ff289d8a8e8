#!/usr/bin/env node
// Writes the credentials the shipped workflows use (the store needs none: the stack names it in
// SALES_ENGINE_DATABASE_URL and SALES_ENGINE_S3_*), as `n8n import:credentials --separate` reads
// them, from the environment (docker-compose passes .env through). n8n encrypts them on import with
// N8N_ENCRYPTION_KEY. The e2e tests run this same script. Usage: make-credentials.js <out folder>
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const out = process.argv[2];
if (!out) {
	console.error('usage: make-credentials.js <out folder>');
	process.exit(2);
}
const env = process.env;
const need = (name) => {
	if (!env[name]) {
		console.error(`[make-credentials] ${name} is not set (see .env.example)`);
		process.exit(2);
	}
	return env[name];
};

// The webhook signing key: a random one (the Verify request node refuses one under 128 bits).
function webhookKey() {
	const key = need('SALES_ENGINE_WEBHOOK_KEY');
	if (key.length < 32 || /change-me/.test(key)) {
		console.error(
			'[make-credentials] SALES_ENGINE_WEBHOOK_KEY must be a random key of 32 characters or more: openssl rand -base64 32',
		);
		process.exit(2);
	}
	return key;
}

// The public https address of the unsubscribe webhook: from WEBHOOK_URL (n8n's own setting).
const webhookBase = (env.WEBHOOK_URL ?? 'https://n8n.example.com/').replace(/\/?$/, '/');

const credentials = [
	{
		id: 'SEunsubsecret001',
		name: 'Sales Engine unsubscribe',
		type: 'salesEngineUnsubscribeApi',
		data: {
			unsubscribeUrl:
				env.SALES_ENGINE_UNSUBSCRIBE_URL ?? `${webhookBase}webhook/sales-engine/unsubscribe`,
			secret: need('SALES_ENGINE_UNSUBSCRIBE_SECRET'),
		},
	},
	{
		// n8n's Webhook node checks each request's JWT with it; the key itself never travels.
		id: 'SEhookauth000001',
		name: 'Sales Engine webhook signing key',
		type: 'jwtAuth',
		data: { keyType: 'passphrase', secret: webhookKey(), algorithm: 'HS256' },
	},
	{
		id: 'SEsmtpsink00001',
		name: 'SMTP (dry-run sink)',
		type: 'smtp',
		data: {
			host: env.SALES_ENGINE_SMTP_HOST ?? 'mailpit',
			port: Number(env.SALES_ENGINE_SMTP_PORT ?? 1025),
			secure: false,
			user: '',
			password: '',
		},
	},
];

fs.mkdirSync(out, { recursive: true });
for (const c of credentials) fs.writeFileSync(path.join(out, `${c.id}.json`), JSON.stringify(c));
console.log(`[make-credentials] ${credentials.length} credentials written to ${out}`);
