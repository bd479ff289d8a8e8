import { lazy } from '../../util/lazy';
import { networkFailure, type Provider, ProviderError } from './Provider';
import { retryAfterMs } from './retryAfter';

export interface SendGridSettings {
	apiKey: string;
	/** For a proxy or, in tests, a loopback server speaking the v3 API. */
	baseUrl?: string;
	/** The whole request, answer included (default 30 s). */
	timeoutMs?: number;
}

const address = (value: unknown): string | { email: string; name?: string } =>
	typeof value === 'object' && value !== null
		? { email: (value as { address: string }).address, name: (value as { name?: string }).name }
		: String(value);

/**
 * SendGrid's v3 Mail Send through `@sendgrid/mail`. 429 is throttling (Retry-After or
 * X-RateLimit-Reset honoured); other 4xx are permanent; 5xx and network errors are transient.
 */
export function sendgridProvider(settings: SendGridSettings): Provider {
	// @sendgrid/mail and its HTTP client (~19 MB resident) are loaded by the first send.
	const service = lazy(async () => (await import('./sendgridMail')).createMailService(settings));
	return {
		name: 'sendgrid',
		async send(message) {
			const headers: Record<string, string> = { ...(message.headers as Record<string, string>) };
			if (message.inReplyTo) headers['In-Reply-To'] = String(message.inReplyTo);
			if (message.references)
				headers.References = ([] as string[]).concat(message.references as string[]).join(' ');
			const mail = await service.get();
			try {
				const [response] = await mail.send({
					to: String(message.to),
					from: address(message.from),
					...(message.replyTo ? { replyTo: String(message.replyTo) } : {}),
					subject: String(message.subject),
					text: String(message.text),
					html: String(message.html),
					headers,
					customArgs: { message_id: message.messageId },
				});
				const id = (response.headers as Record<string, string>)['x-message-id'];
				return { providerMessageId: id ?? message.messageId };
			} catch (error) {
				const e = error as {
					code?: number | string;
					message: string;
					response?: { headers?: Record<string, string>; body?: unknown };
				};
				if (!e.response) throw networkFailure(error, 'SendGrid');
				const detail = `SendGrid ${e.code ?? ''}: ${JSON.stringify(e.response?.body ?? e.message)}`;
				if (e.code === 429) {
					const h = e.response?.headers ?? {};
					// SendGrid's reset header is an epoch time in seconds.
					const reset = Number(h['x-ratelimit-reset']) * 1000 - Date.now();
					throw new ProviderError('throttled', detail, {
						code: 429,
						retryAfterMs: retryAfterMs(h['retry-after']) ?? (reset > 0 ? reset : 1000),
					});
				}
				if (typeof e.code === 'number' && e.code >= 400 && e.code < 500)
					throw new ProviderError('permanent', detail, { code: e.code });
				throw new ProviderError('transient', detail, { code: e.code });
			}
		},
		async close() {},
	};
}
