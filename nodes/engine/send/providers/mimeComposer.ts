import type Mail from 'nodemailer/lib/mailer';

import { lazy } from '../../util/lazy';
import type { DkimSettings } from '../deliverability/dkimKey';

/**
 * nodemailer's list (RFC 4871 §5.5) plus List-Unsubscribe-Post: RFC 8058 one-click unsubscribe
 * counts only when both List-Unsubscribe headers are covered by a DKIM signature.
 */
const SIGNED_HEADERS = [
	'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type',
	'Content-Transfer-Encoding:Content-ID:Content-Description:Resent-Date:Resent-From',
	'Resent-Sender:Resent-To:Resent-Cc:Resent-Message-ID:In-Reply-To:References:List-Id',
	'List-Help:List-Unsubscribe:List-Unsubscribe-Post:List-Subscribe:List-Post:List-Owner',
	'List-Archive',
].join(':');

/**
 * nodemailer's stream transport: builds the exact MIME (CRLF lines) of a message, sends nothing;
 * with `dkim`, signed (nodemailer's DKIM signer) as the last step, so the signature covers exactly
 * the bytes that leave. nodemailer (~12 MB resident) is loaded by the first message, not by every
 * operation of the package.
 */
export function mimeComposer(dkim?: DkimSettings) {
	const transport = lazy(async () => {
		const { default: nodemailer } = await import('nodemailer');
		return nodemailer.createTransport({
			streamTransport: true,
			buffer: true,
			newline: 'windows',
			...(dkim && {
				dkim: {
					domainName: dkim.domainName.trim().toLowerCase(),
					keySelector: dkim.keySelector.trim(),
					privateKey: dkim.privateKey.trim(),
					headerFieldNames: SIGNED_HEADERS,
				},
			}),
		});
	});
	return {
		async sendMail(message: Mail.Options) {
			return (await transport.get()).sendMail(message);
		},
		close: () => transport.made()?.close(),
	};
}
