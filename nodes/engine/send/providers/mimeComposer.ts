import type Mail from 'nodemailer/lib/mailer';

import { lazy } from '../../util/lazy';

/**
 * nodemailer's stream transport: builds the exact MIME (CRLF lines) of a message, sends nothing.
 * nodemailer (~12 MB resident) is loaded by the first message, not by every operation of the package.
 */
export function mimeComposer() {
	const transport = lazy(async () => {
		const { default: nodemailer } = await import('nodemailer');
		return nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
	});
	return {
		async sendMail(message: Mail.Options) {
			return (await transport.get()).sendMail(message);
		},
		close: () => transport.made()?.close(),
	};
}
