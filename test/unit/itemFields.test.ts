import { itemFields } from '../../nodes/engine';

describe('itemFields: emails from the items of n8n mail nodes', () => {
	it('reads the Gmail node (not simplified)', () => {
		expect(
			itemFields({
				id: '18e1',
				threadId: '18e0',
				messageId: '<abc@mail.gmail.com>',
				subject: 'Intro',
				text: 'Hello there',
				html: '<p>Hello there</p>',
				from: {
					value: [{ address: 'rep@globex.example.com', name: 'Rep' }],
					text: 'Rep <rep@globex.example.com>',
				},
				to: { text: 'kim@p.example.org' },
				date: '2026-03-02T10:00:00.000Z',
			}),
		).toEqual({
			id: '<abc@mail.gmail.com>',
			threadId: '18e0',
			subject: 'Intro',
			body: 'Hello there',
			html: '<p>Hello there</p>',
			from: 'Rep <rep@globex.example.com>',
			to: 'kim@p.example.org',
			sentAt: '2026-03-02T10:00:00.000Z',
		});
	});

	it('reads the Email Trigger (IMAP) and Outlook shapes', () => {
		expect(
			itemFields({
				from: 'a@b.example.com',
				to: 'c@d.example.com',
				subject: 'S',
				date: 'Mon, 2 Mar 2026',
				textPlain: 'T',
				textHtml: '<p>T</p>',
			}),
		).toMatchObject({
			from: 'a@b.example.com',
			body: 'T',
			html: '<p>T</p>',
			sentAt: 'Mon, 2 Mar 2026',
		});
		expect(
			itemFields({
				internetMessageId: '<o@x>',
				conversationId: 'conv1',
				subject: 'S',
				body: { contentType: 'text', content: 'Outlook body' },
				from: { emailAddress: { address: 'o@x.example.com' } },
				toRecipients: [{ emailAddress: { address: 'p@y.example.com' } }],
				sentDateTime: '2026-03-02T10:00:00Z',
			}),
		).toEqual({
			id: '<o@x>',
			threadId: 'conv1',
			subject: 'S',
			body: 'Outlook body',
			from: 'o@x.example.com',
			to: 'p@y.example.com',
			sentAt: '2026-03-02T10:00:00Z',
		});
	});

	it('follows the paths a person names', () => {
		expect(
			itemFields(
				{ mail: { title: 'T', content: 'C' } },
				{ subject: 'mail.title', body: 'mail.content' },
			),
		).toEqual({
			subject: 'T',
			body: 'C',
		});
	});
});
