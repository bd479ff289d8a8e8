import { randomUUID } from 'node:crypto';

import { type ApiReply, startLoopbackApi, scriptedStatuses } from './loopbackApi';

export interface SendGridRequest {
	to: string;
	subject: string;
	headers: Record<string, string>;
	at: number;
}

/**
 * A loopback server speaking SendGrid's v3 Mail Send (`POST /v3/mail/send` → 202 with
 * X-Message-Id), checking the bearer key. `replies` scripts answers per recipient, in order:
 * e.g. [429] (with Retry-After: 0) or [400]. `latencyMs` delays every answer.
 */
export async function startSendGridServer(
	apiKey: string,
	replies: Record<string, number[]> = {},
	latencyMs = 0,
): Promise<{ baseUrl: string; requests: SendGridRequest[]; stop: () => Promise<void> }> {
	const requests: SendGridRequest[] = [];
	const next = scriptedStatuses(replies);
	const api = await startLoopbackApi((req, body): ApiReply | 'drop' => {
		if (req.method !== 'POST' || req.url !== '/v3/mail/send') {
			return { status: 404, json: { errors: [{ message: `unknown endpoint ${req.url}` }] } };
		}
		if (req.headers.authorization !== `Bearer ${apiKey}`) {
			const message = 'The provided authorization grant is invalid, expired, or revoked';
			return { status: 401, json: { errors: [{ message }] } };
		}
		const mail = JSON.parse(body) as {
			personalizations: Array<{ to: Array<{ email: string }> }>;
			subject: string;
			headers?: Record<string, string>;
		};
		const to = mail.personalizations[0].to[0].email;
		const scripted = next(to);
		if (scripted === 429) {
			return {
				status: 429,
				json: { errors: [{ message: 'too many requests' }] },
				headers: { 'retry-after': '0', 'x-ratelimit-remaining': '0' },
			};
		}
		if (scripted) {
			return { status: scripted, json: { errors: [{ message: `scripted ${scripted}` }] } };
		}
		requests.push({ to, subject: mail.subject, headers: mail.headers ?? {}, at: Date.now() });
		return { status: 202, headers: { 'x-message-id': randomUUID().replace(/-/g, '') } };
	}, latencyMs);
	return { ...api, requests };
}
