import { apiError, type GmailSource } from '../../ingest/gmailMessages';
import type { Found, SeedMailbox } from './SeedMailbox';

/** Gmail's system labels, most telling first: spam beats a tab, a tab beats the inbox. */
const BY_LABEL: Array<[string, Found['placement']]> = [
	['SPAM', 'spam'],
	['CATEGORY_PROMOTIONS', 'promotions'],
	['CATEGORY_UPDATES', 'updates'],
	['CATEGORY_SOCIAL', 'social'],
	['CATEGORY_FORUMS', 'forums'],
	['INBOX', 'inbox'],
];

/** Where Gmail's labels put a message: spam, a tab of the inbox, the inbox, or elsewhere. */
export function gmailPlacement(labelIds: string[]): Found {
	const hit = BY_LABEL.find(([label]) => labelIds.includes(label));
	return { placement: hit?.[1] ?? 'other', folder: labelIds.join(', ') || 'no label' };
}

/**
 * A Gmail seed through Google's client: the message found by its Message-ID
 * (`rfc822msgid:`, spam and trash included), its labels read with format=minimal.
 */
export function gmailSeed(address: string, source: GmailSource): SeedMailbox {
	const api = (async () => {
		const { auth, gmail } = await import('@googleapis/gmail');
		const client = new auth.OAuth2(source.clientId, source.clientSecret);
		client.setCredentials({ access_token: source.accessToken, refresh_token: source.refreshToken });
		return gmail({ version: 'v1', auth: client, rootUrl: source.rootUrl });
	})();
	return {
		kind: 'gmail',
		address,
		async locate(messageId) {
			try {
				const gmail = await api;
				const { data } = await gmail.users.messages.list({
					userId: 'me',
					q: `rfc822msgid:${messageId.replace(/^<|>$/g, '')}`,
					includeSpamTrash: true,
					maxResults: 1,
				});
				const id = data.messages?.[0]?.id;
				if (!id) return null;
				const { data: message } = await gmail.users.messages.get({
					userId: 'me',
					id,
					format: 'minimal',
				});
				return gmailPlacement(message.labelIds ?? []);
			} catch (error) {
				throw apiError(error);
			}
		},
	};
}
