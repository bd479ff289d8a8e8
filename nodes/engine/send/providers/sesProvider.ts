import type { SESv2Client } from '@aws-sdk/client-sesv2';

import { lazy } from '../../util/lazy';
import { mimeComposer } from './mimeComposer';
import { networkFailure, type Provider, ProviderError } from './Provider';
import { retryAfterMs } from './retryAfter';

export interface SesSettings {
	region: string;
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
	/** A VPC endpoint or, in tests, a loopback server speaking the SES v2 API. */
	endpoint?: string;
	/** A configuration set: where SES publishes bounce, complaint and delivery events. */
	configurationSet?: string;
}

/** SES answers that mean "slow down": the account's per-second rate (SES v2 and v1 names). */
const THROTTLED = new Set(['TooManyRequestsException', 'ThrottlingException', 'Throttling']);
/**
 * Answers about the account, not the message: every send would fail the same way, so the attempt
 * is deferred and the error burst pauses the campaign instead of failing each draft.
 */
const ACCOUNT = new Set([
	'SendingPausedException',
	'AccountSuspendedException',
	'MailFromDomainNotVerifiedException',
	'LimitExceededException',
]);

/**
 * Amazon SES through `@aws-sdk/client-sesv2` `SendEmail` with the raw MIME, so the one-click
 * unsubscribe headers, Message-ID and threading go out exactly as built. The SDK's own retries are
 * off: a retried timeout could mail a prospect twice, and throttling backs off in the dispatcher.
 */
export function sesProvider(settings: SesSettings): Provider {
	const composer = mimeComposer();
	// The SES client (~17 MB resident) is loaded by the first send, not with the package.
	const sdk = lazy(() => import('@aws-sdk/client-sesv2'));
	const client = lazy(
		async (): Promise<SESv2Client> =>
			new (await sdk.get()).SESv2Client({
				region: settings.region,
				endpoint: settings.endpoint || undefined,
				credentials: {
					accessKeyId: settings.accessKeyId,
					secretAccessKey: settings.secretAccessKey,
					sessionToken: settings.sessionToken || undefined,
				},
				maxAttempts: 1,
				// A hung endpoint never holds a worker; a timeout after the request left ends `unknown`.
				requestHandler: { connectionTimeout: 10_000, requestTimeout: 30_000 },
			}),
	);
	const prepare = async (message: Parameters<Provider['send']>[0]) =>
		(await composer.sendMail(message)).message as Buffer;
	return {
		name: 'ses',
		prepare,
		async send(message, prepared) {
			const raw = (prepared as Buffer | undefined) ?? (await prepare(message));
			const { SendEmailCommand } = await sdk.get();
			const ses = await client.get();
			try {
				const out = await ses.send(
					new SendEmailCommand({
						Destination: { ToAddresses: [String(message.to)] },
						Content: { Raw: { Data: raw } },
						...(settings.configurationSet
							? { ConfigurationSetName: settings.configurationSet }
							: {}),
					}),
				);
				return { providerMessageId: out.MessageId ?? message.messageId };
			} catch (error) {
				const e = error as {
					name: string;
					message: string;
					$metadata?: { httpStatusCode?: number };
					$response?: { headers?: Record<string, string> };
				};
				const status = e.$metadata?.httpStatusCode;
				if (!status) throw networkFailure(error, 'SES');
				const detail = `SES ${status} ${e.name}: ${e.message}`;
				if (status === 429 || THROTTLED.has(e.name)) {
					throw new ProviderError('throttled', detail, {
						code: e.name,
						retryAfterMs: retryAfterMs(e.$response?.headers?.['retry-after']),
					});
				}
				if (ACCOUNT.has(e.name) || status >= 500)
					throw new ProviderError('transient', detail, { code: e.name });
				throw new ProviderError('permanent', detail, { code: e.name });
			}
		},
		async close() {
			client.made()?.destroy();
			composer.close();
		},
	};
}
