import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';

import type { SendGridSettings } from './sendgridProvider';

/** A MailService of its own (not the shared singleton), so two credentials never mix. */
export function createMailService(settings: SendGridSettings): MailService {
	const client = new Client();
	client.setApiKey(settings.apiKey);
	if (settings.baseUrl) client.setDefaultRequest('baseUrl', settings.baseUrl);
	// A hung API never holds a worker; a timeout after the body was written ends `unknown`. The
	// client hands its default request to axios, which takes `timeout` (missing from its types).
	const timeout = { timeout: settings.timeoutMs ?? 30_000 };
	client.setDefaultRequest(timeout as unknown as Parameters<Client['setDefaultRequest']>[0]);
	const mail = new MailService();
	mail.setClient(client);
	return mail;
}
