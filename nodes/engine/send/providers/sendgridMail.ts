import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';

import type { SendGridSettings } from './sendgridProvider';

/** A MailService of its own (not the shared singleton), so two credentials never mix. */
export function createMailService(settings: SendGridSettings): MailService {
	const client = new Client();
	client.setApiKey(settings.apiKey);
	if (settings.baseUrl) client.setDefaultRequest('baseUrl', settings.baseUrl);
	const mail = new MailService();
	mail.setClient(client);
	return mail;
}
