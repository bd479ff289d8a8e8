import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SAMPLE_DIR = join(__dirname, '..', '..', 'workflows', 'sample');

export type SampleEmail = Record<string, string>;

export const SAMPLE = JSON.parse(readFileSync(join(SAMPLE_DIR, 'campaign.json'), 'utf8')) as {
	brandEmails: SampleEmail[];
	competitorEmails: SampleEmail[];
};

/** One message as RFC 5322 text (CRLF), the way a mail client saves an .eml. */
export function eml(m: SampleEmail, extraHeaders: string[] = []): string {
	return [
		`From: ${m.from}`,
		`To: ${m.to}`,
		`Subject: ${m.subject}`,
		`Date: ${new Date(m.date).toUTCString()}`,
		`Message-ID: ${m.messageId}`,
		...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`, `References: ${m.references}`] : []),
		...extraHeaders,
		'MIME-Version: 1.0',
		'Content-Type: text/plain; charset=utf-8',
		'',
		m.text,
		'',
	].join('\r\n');
}

/** Messages as an mbox file, the way a mail client exports a folder. */
export function mbox(emails: SampleEmail[]): string {
	return emails
		.map((m) =>
			[
				`From ${m.from} ${new Date(m.date).toUTCString().replace(',', '')}`,
				eml(m)
					.replace(/\r\n/g, '\n')
					.replace(
						/\n\n([\s\S]*)$/,
						(_, body: string) => `\n\n${body.replace(/^From /gm, '>From ')}`,
					),
			].join('\n'),
		)
		.join('\n');
}

/** Messages as a CRM's CSV export: a header row, one message a row, RFC 4180 quoting. */
export function csv(emails: SampleEmail[]): string {
	const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
	const rows = emails.map((m) =>
		[m.messageId, m.from, m.to, m.subject, m.text, m.date].map(quote).join(','),
	);
	return ['message_id,from,to,subject,body,date', ...rows].join('\r\n') + '\r\n';
}

/** Mail a seeded inbox also holds: a newsletter nobody listed as a competitor. */
export const UNRELATED: SampleEmail[] = [
	{
		messageId: '<weekly-48@news.saas-digest.example.org>',
		from: 'editor@news.saas-digest.example.org',
		to: 'seed@northwind-analytics.example.com',
		subject: 'SaaS Digest #48: pricing pages that convert',
		text: 'This week: five pricing pages that convert, and what their teams changed.\n\nThe SaaS Digest team',
		date: '2026-10-08T07:00:00Z',
	},
];

/**
 * The files of workflows/sample, from campaign.json: the brand's sent mail as an mbox, a seeded
 * inbox (every competitor's mail and a newsletter) as an mbox, one competitor's first touch as an
 * .eml, and one competitor's mail as a CSV export.
 */
export function sampleFiles(): Record<string, string> {
	const of = (name: string) => SAMPLE.competitorEmails.filter((m) => m.competitor === name);
	return {
		'northwind-sent.mbox': mbox(SAMPLE.brandEmails),
		'competitors-inbox.mbox': mbox([...SAMPLE.competitorEmails, ...UNRELATED]),
		'globex-first-touch.eml': eml(of('Globex Insights')[0]),
		'initech-export.csv': csv(of('Initech BI')),
	};
}
