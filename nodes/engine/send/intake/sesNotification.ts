import type { InboundMessage } from './types';

type Report = NonNullable<InboundMessage['report']>;

/** The fields of an SES event this reader uses (the rest is ignored). */
interface SesEvent {
	notificationType?: string;
	Message?: unknown;
	bounce?: { bounceType?: string; bouncedRecipients?: SesRecipient[] };
	complaint?: { complaintFeedbackType?: string; complainedRecipients?: SesRecipient[] };
	delivery?: { recipients?: string[]; smtpResponse?: string };
}

interface SesRecipient {
	emailAddress?: string;
	action?: string;
	status?: string;
	diagnosticCode?: string;
}

/**
 * Amazon SES event notifications delivered by e-mail through SNS: a JSON body instead of a report
 * part. Read as the report it stands for (a DSN, an ARF complaint, a delivery), or undefined.
 */
export function sesNotification(text: string): Report | undefined {
	if (!text.includes('notificationType')) return undefined;
	const start = text.indexOf('{');
	const end = text.lastIndexOf('}');
	let event: SesEvent;
	try {
		// SNS folds long lines with "!\n " (RFC 2822 line-length guard of its mailer).
		event = JSON.parse(text.slice(start, end + 1).replace(/!\r?\n /g, ''));
		// An SNS envelope ("Type": "Notification") carries the SES event as a JSON string.
		if (typeof event.Message === 'string') event = JSON.parse(event.Message) as SesEvent;
	} catch {
		return undefined;
	}
	const type = String(event.notificationType ?? '');
	if (type === 'Bounce') {
		const transient = event.bounce?.bounceType === 'Transient';
		return {
			type: 'delivery-status',
			groups: (event.bounce?.bouncedRecipients ?? []).map((r) => ({
				'final-recipient': `rfc822; ${r.emailAddress ?? ''}`,
				action: r.action ?? (transient ? 'delayed' : 'failed'),
				status: r.status ?? (transient ? '4.0.0' : '5.0.0'),
				...(r.diagnosticCode ? { 'diagnostic-code': r.diagnosticCode } : {}),
			})),
		};
	}
	if (type === 'Complaint') {
		return {
			type: 'feedback-report',
			groups: (event.complaint?.complainedRecipients ?? []).map((r) => ({
				'feedback-type': String(event.complaint?.complaintFeedbackType ?? 'abuse'),
				'original-rcpt-to': r.emailAddress ?? '',
			})),
		};
	}
	if (type === 'Delivery') {
		return {
			type: 'delivery-status',
			groups: (event.delivery?.recipients ?? []).map((address) => ({
				'final-recipient': `rfc822; ${address}`,
				action: 'delivered',
				status: /\b(2\.\d\.\d)\b/.exec(String(event.delivery?.smtpResponse ?? ''))?.[1] ?? '2.0.0',
			})),
		};
	}
	return undefined;
}
