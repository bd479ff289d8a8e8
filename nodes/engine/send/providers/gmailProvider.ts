import { lazy } from '../../util/lazy';
import { mimeComposer } from './mimeComposer';
import { CREDENTIAL_REFUSED, networkFailure, type Provider, ProviderError } from './Provider';
import { retryAfterMs } from './retryAfter';

export interface GmailSendSettings {
	accessToken: string;
	/** With these three, Google's client renews an expired access token by itself. */
	refreshToken?: string;
	clientId?: string;
	clientSecret?: string;
	/** Where the Gmail REST API is: Google's by default; a proxy or a test server otherwise. */
	rootUrl?: string;
	/** The whole request, answer included (default 30 s). */
	timeoutMs?: number;
}

/** Gmail's id of a sent message and of its thread, as the engine keeps it (provider_message_id). */
export const gmailMessageRef = (id: string, threadId: string) => `gmail ${id} thread ${threadId}`;

/** The Gmail thread of an earlier message of the sequence, from its provider_message_id. */
export const gmailThreadOf = (ref: string | undefined) =>
	ref ? /^gmail \S+ thread (\S+)$/.exec(ref)?.[1] : undefined;

/** Google's reasons for "slow down": per-user and per-project quotas, concurrent requests. */
const THROTTLE_REASONS = new Set([
	'rateLimitExceeded',
	'userRateLimitExceeded',
	'quotaExceeded',
	'concurrentLimitExceeded',
	'dailyLimitExceeded',
]);

/** Google's reasons for "this credential may not do this": revoked scopes, a disabled account. */
const CREDENTIAL_REASONS = new Set(['authError', 'insufficientPermissions', 'forbidden']);

interface GaxiosError {
	message: string;
	status?: number;
	response?: {
		status?: number;
		headers?: Headers | Record<string, string>;
		/** An API error object, or an OAuth token endpoint's `{"error": "invalid_grant"}`. */
		data?: {
			error?: string | { message?: string; errors?: Array<{ reason?: string }> };
		};
	};
}

type ResponseHeaders = NonNullable<GaxiosError['response']>['headers'];

const header = (headers: ResponseHeaders, name: string) =>
	headers && typeof (headers as Headers).get === 'function'
		? ((headers as Headers).get(name) ?? undefined)
		: (headers as Record<string, string> | undefined)?.[name];

/**
 * Sending from the user's own Gmail or Google Workspace mailbox: users.messages.send with the raw
 * MIME the engine builds (Google's official client; n8n's Gmail OAuth2 credential supplies the
 * tokens). A follow-up goes into the thread of touch 1 (its `threadId`, kept in the attempt's
 * provider id) besides carrying In-Reply-To/References. Quotas (429, 403 with a rate-limit reason)
 * are throttling with Retry-After; other 4xx are permanent; 5xx transient. The client's own retries
 * are off, and a timeout or a dropped connection after the request left is `ambiguous`: Gmail may
 * have sent it.
 */
export function gmailProvider(settings: GmailSendSettings): Provider {
	const composer = mimeComposer();
	// Google's client and its auth library (~17 MB resident) are loaded by the first send.
	const api = lazy(async () => {
		const { auth, gmail } = await import('@googleapis/gmail');
		const client = new auth.OAuth2(settings.clientId, settings.clientSecret);
		client.setCredentials({
			access_token: settings.accessToken,
			refresh_token: settings.refreshToken,
		});
		return gmail({ version: 'v1', auth: client, rootUrl: settings.rootUrl });
	});
	async function prepare(message: Parameters<Provider['send']>[0]): Promise<Buffer> {
		const built = (await composer.sendMail(message)) as unknown as { message: Buffer };
		return built.message;
	}
	return {
		name: 'gmail',
		// Google Workspace's daily sending limit a user (a consumer account has 500: set Per Day).
		mailboxLimits: { perDay: 2_000 },
		// Google allows a handful of concurrent sends per user; more only earns 429s.
		parallel: 4,
		prepare,
		async send(message, prepared) {
			const raw = ((prepared as Buffer | undefined) ?? (await prepare(message))).toString(
				'base64url',
			);
			const threadId = gmailThreadOf(message.firstProviderMessageId);
			const gmail = await api.get();
			try {
				const { data } = await gmail.users.messages.send(
					{ userId: 'me', requestBody: { raw, ...(threadId ? { threadId } : {}) } },
					{ retry: false, timeout: settings.timeoutMs ?? 30_000 },
				);
				return { providerMessageId: gmailMessageRef(data.id ?? '', data.threadId ?? '') };
			} catch (error) {
				const e = error as GaxiosError;
				const status = e.response?.status ?? e.status;
				const body = e.response?.data?.error;
				const oauth = typeof body === 'string' ? body : '';
				const api = typeof body === 'object' ? body : undefined;
				// The token refresh failed (a revoked refresh token answers 400 invalid_grant): the
				// request never reached Gmail.
				if (CREDENTIAL_REFUSED.test(`${oauth} ${e.message}`) && (!status || status < 500))
					throw new ProviderError('credential', `Gmail credential refused: ${e.message}`, {
						code: status,
					});
				if (!status) throw networkFailure(error, 'Gmail');
				const reason = api?.errors?.[0]?.reason ?? '';
				const detail = `Gmail ${status}${reason ? ` ${reason}` : ''}: ${api?.message ?? e.message}`;
				if (status === 401 || (status === 403 && CREDENTIAL_REASONS.has(reason)))
					throw new ProviderError('credential', detail, { code: status });
				if (status === 429 || (status === 403 && THROTTLE_REASONS.has(reason))) {
					throw new ProviderError('throttled', detail, {
						code: status,
						retryAfterMs: retryAfterMs(header(e.response?.headers, 'retry-after')) ?? 1000,
					});
				}
				if (status >= 400 && status < 500)
					throw new ProviderError('permanent', detail, { code: status });
				throw new ProviderError('transient', detail, { code: status });
			}
		},
		async close() {
			composer.close();
		},
	};
}
