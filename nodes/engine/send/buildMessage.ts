import { createHash } from 'node:crypto';

import { unsubscribeToken } from './unsubscribeToken';
import type { OutgoingMessage } from './providers/Provider';

export interface Compliance {
	/** The https endpoint of the unsubscribe webhook; `?token=` is appended. */
	unsubscribeUrl: string;
	/** A mailbox that unsubscribes whoever writes to it (the mailto: form of List-Unsubscribe). */
	unsubscribeMailto?: string;
	/** Signs the per-recipient token. */
	secret: string;
	postalAddress: string;
}

/** One message for (campaign, prospect, step): its id is the same on every attempt and worker. */
export function messageIdFor(
	campaignId: string,
	prospectId: string,
	step: number,
	fromAddress: string,
): string {
	const hash = createHash('sha256')
		.update(`${campaignId}:${prospectId}:${step}`)
		.digest('hex')
		.slice(0, 32);
	return `<${hash}.${step}@${fromAddress.split('@')[1] ?? 'sales-engine.local'}>`;
}

export interface OutgoingDraft {
	campaignId: string;
	prospectId: string;
	step: number;
	to: string;
	subject: string;
	bodyText: string;
	bodyHtml: string;
	/** Message-IDs of the earlier touches, oldest first: the thread a follow-up replies in. */
	thread: string[];
	/** The provider's id of touch 1, for providers that thread by their own ids (Gmail). */
	firstProviderMessageId?: string | null;
}

const escapeHtml = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The message as handed to a provider: RFC 8058 one-click unsubscribe headers, the postal address
 * and an unsubscribe link in both bodies, a stable Message-ID, and follow-ups threaded by
 * In-Reply-To/References.
 */
export function buildMessage(
	draft: OutgoingDraft,
	from: { address: string; name?: string; replyTo?: string },
	compliance: Compliance,
): OutgoingMessage {
	const link = `${compliance.unsubscribeUrl}${compliance.unsubscribeUrl.includes('?') ? '&' : '?'}token=${unsubscribeToken(compliance.secret, draft.campaignId, draft.to)}`;
	const listUnsubscribe = [
		`<${link}>`,
		...(compliance.unsubscribeMailto
			? [`<mailto:${compliance.unsubscribeMailto}?subject=unsubscribe>`]
			: []),
	].join(', ');
	const messageId = messageIdFor(draft.campaignId, draft.prospectId, draft.step, from.address);
	const footerText = `\n\n--\n${compliance.postalAddress}\nUnsubscribe: ${link}\n`;
	const footerHtml = `\n<p style="color:#666;font-size:12px">${escapeHtml(compliance.postalAddress)}<br><a href="${escapeHtml(link)}">Unsubscribe</a></p>`;
	return {
		from: from.name ? { name: from.name, address: from.address } : from.address,
		to: draft.to,
		...(from.replyTo ? { replyTo: from.replyTo } : {}),
		subject: draft.subject,
		text: `${draft.bodyText}${footerText}`,
		html: `${draft.bodyHtml}${footerHtml}`,
		messageId,
		...(draft.thread.length ? { inReplyTo: draft.thread.at(-1), references: draft.thread } : {}),
		...(draft.firstProviderMessageId
			? { firstProviderMessageId: draft.firstProviderMessageId }
			: {}),
		headers: {
			'List-Unsubscribe': listUnsubscribe,
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
		},
	};
}
