#!/usr/bin/env node
// Prints a token for the Sales Engine webhooks (kill switch, status, campaign API): a JWT (RFC 7519)
// signed HS256 with the webhook signing key, issued now, expiring in 5 minutes, with a random id.
// The key itself never travels; each token is accepted once. Usage:
//   SALES_ENGINE_WEBHOOK_KEY=... node scripts/webhook-token.js
//   curl -H "Authorization: Bearer $(node scripts/webhook-token.js)" ...
'use strict';
const { createHmac, randomBytes } = require('node:crypto');

const LIFETIME_S = 300;

const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A signed token for one request (`lifetime` and `jti` are for tests of what is refused). */
function webhookToken(key, { now = Date.now(), lifetime = LIFETIME_S, jti } = {}) {
	const iat = Math.floor(now / 1000);
	const claims = { iat, exp: iat + lifetime, jti: jti ?? randomBytes(16).toString('base64url') };
	const signed = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
	return `${signed}.${createHmac('sha256', key).update(signed).digest('base64url')}`;
}

module.exports = { webhookToken };

if (require.main === module) {
	const key = process.env.SALES_ENGINE_WEBHOOK_KEY;
	if (!key) {
		console.error('[webhook-token] set SALES_ENGINE_WEBHOOK_KEY (the signing key in .env)');
		process.exit(2);
	}
	console.log(webhookToken(key));
}
