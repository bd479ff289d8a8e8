import type { GraphReply } from '../../ingest/outlookMessages';
import { mimeComposer } from './mimeComposer';
import { CREDENTIAL_REFUSED, networkFailure, type Provider, ProviderError } from './Provider';
import { retryAfterMs } from './retryAfter';

/**
 * One authenticated POST to Microsoft Graph. In n8n it goes through the Outlook credential's own
 * request helper (which refreshes the token); `graphPostWithToken` is the plain bearer-token
 * version. Resolves with any HTTP answer; throws only when none came (never connected, timed out,
 * connection dropped).
 */
export type GraphPost = (
	url: string,
	body: string,
	contentType: string,
	timeoutMs: number,
) => Promise<GraphReply>;

export function graphPostWithToken(token: string): GraphPost {
	return async (url, body, contentType, timeoutMs) => {
		const response = await fetch(url, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
			body,
			signal: AbortSignal.timeout(timeoutMs),
		});
		return {
			status: response.status,
			retryAfter: response.headers.get('retry-after') ?? undefined,
			body: Buffer.from(await response.arrayBuffer()),
		};
	};
}

export interface Microsoft365Settings {
	post: GraphPost;
	/** A shared mailbox's address (Mail.Send.Shared); the signed-in user's own mailbox otherwise. */
	mailbox?: string;
	/** Microsoft Graph's root: https://graph.microsoft.com by default. */
	baseUrl?: string;
	/** The whole request, answer included (default 30 s). */
	timeoutMs?: number;
}

/** Exchange Online's sending limits surface as these codes: slow down, not "never". */
const THROTTLE_CODES = /TooManyRequests|Throttl|QuotaExceeded|SubmissionQuota|MailboxConcurrency/i;

/**
 * Sending from the user's own Microsoft 365 mailbox (or a shared one) through Graph's sendMail with
 * the raw MIME the engine builds, so the Message-ID, In-Reply-To/References (Outlook threads a
 * follow-up by them) and unsubscribe headers are exactly the engine's. Graph answers 202 without an
 * id: the provider id is the Message-ID. 429/503 and Exchange's quota codes are throttling
 * (Retry-After honoured; Exchange Online allows 30 messages a minute and 10,000 recipients a day
 * per mailbox); other 4xx are permanent; a request that got no answer is `ambiguous`.
 */
export function microsoft365Provider(settings: Microsoft365Settings): Provider {
	const composer = mimeComposer();
	const root = (settings.baseUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
	const url = `${root}/v1.0/${settings.mailbox ? `users/${encodeURIComponent(settings.mailbox)}` : 'me'}/sendMail`;
	async function prepare(message: Parameters<Provider['send']>[0]): Promise<Buffer> {
		return ((await composer.sendMail(message)) as unknown as { message: Buffer }).message;
	}
	return {
		name: 'microsoft365',
		// Exchange Online's sending limits: 30 messages a minute, 10,000 recipients a day a mailbox.
		mailboxLimits: { perSecond: 0.5, perDay: 10_000 },
		// Exchange allows a few concurrent submissions per mailbox; more only earns 429s.
		parallel: 3,
		prepare,
		async send(message, prepared) {
			const raw = (prepared as Buffer | undefined) ?? (await prepare(message));
			let reply: GraphReply;
			try {
				reply = await settings.post(
					url,
					raw.toString('base64'),
					'text/plain',
					settings.timeoutMs ?? 30_000,
				);
			} catch (error) {
				// n8n refreshes the token before the request; a revoked grant fails that refresh.
				const text = String((error as Error).message ?? error);
				if (CREDENTIAL_REFUSED.test(text))
					throw new ProviderError('credential', `Microsoft 365 credential refused: ${text}`);
				throw networkFailure(error, 'Microsoft Graph');
			}
			if (reply.status >= 200 && reply.status < 300)
				return { providerMessageId: `microsoft365 ${message.messageId}` };
			let code = '';
			let text = reply.body.toString().slice(0, 300);
			try {
				const e = (
					JSON.parse(reply.body.toString()) as { error?: { code?: string; message?: string } }
				).error;
				code = e?.code ?? '';
				text = e?.message ?? text;
			} catch {
				// Not Graph's JSON error: the start of the body says what happened.
			}
			const detail = `Microsoft Graph ${reply.status}${code ? ` ${code}` : ''}: ${text}`;
			if (
				reply.status === 401 ||
				/^(InvalidAuthenticationToken|ErrorAccessDenied|Authorization_RequestDenied|ErrorInvalidUser)$/.test(
					code,
				)
			)
				throw new ProviderError('credential', detail, { code: reply.status });
			if (reply.status === 429 || reply.status === 503 || THROTTLE_CODES.test(code)) {
				throw new ProviderError('throttled', detail, {
					code: reply.status,
					retryAfterMs: retryAfterMs(reply.retryAfter) ?? 60_000,
				});
			}
			if (reply.status >= 400 && reply.status < 500)
				throw new ProviderError('permanent', detail, { code: reply.status });
			throw new ProviderError('transient', detail, { code: reply.status });
		},
		async close() {
			composer.close();
		},
	};
}
