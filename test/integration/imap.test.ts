import { createCampaign, imapMessages, type ImapSource, ingestMessages } from '../../nodes/engine';
import { startDovecot, type Dovecot } from '../helpers/dovecot';
import { eml, sequence } from '../fixtures/mail';
import { openTestStore, type TestStore } from '../helpers/stores';

describe('IMAP ingestion against Dovecot', () => {
	let dovecot: Dovecot;
	let store: TestStore;
	let campaignId: string;
	let source: ImapSource;

	beforeAll(async () => {
		[dovecot, store] = await Promise.all([startDovecot(), openTestStore('postgres')]);
		campaignId = (await createCampaign(store.engine, { brand: { name: 'Northwind' } })).id;
		sequence.forEach((raw, i) =>
			dovecot.deliver('Sent', raw, new Date(Date.UTC(2026, 2, 2 + 3 * i))),
		);
		// No Date header: the server's received date stands in.
		dovecot.deliver(
			'Sent',
			eml([
				'From: dana@northwind.example.com',
				'To: x@y.example.org',
				'Subject: Undated',
				'Message-ID: <undated@n>',
				'',
				'Hi',
			]),
			new Date('2026-04-01T12:00:00Z'),
		);
		source = {
			host: dovecot.host,
			port: dovecot.port,
			secure: false,
			user: dovecot.user,
			password: dovecot.password,
			folder: 'Sent',
		};
	});
	afterAll(async () => {
		dovecot?.stop();
		await store?.dispose();
	});

	it('ingests a folder, newest first when limited, and dates undated mail by the server', async () => {
		const limited = await ingestMessages(
			store.engine,
			{ campaignId, source: 'brand' },
			imapMessages({ ...source, limit: 2 }),
		);
		expect(limited).toMatchObject({ seen: 2, inserted: 2, errorCount: 0 });
		const all = await ingestMessages(
			store.engine,
			{ campaignId, source: 'brand' },
			imapMessages(source),
		);
		expect(all).toMatchObject({ seen: 4, inserted: 2, duplicates: 2, errorCount: 0 });
		const { rows } = await store.engine.db.query<{
			provider: string;
			subject: string;
			sent_at: Date;
			thread_position: number;
		}>(
			'select provider, subject, sent_at, thread_position from emails where campaign_id = $1 order by sent_at',
			[campaignId],
		);
		expect(rows.map((r) => [r.provider, r.subject, r.thread_position])).toEqual([
			['imap', 'Cutting month-end close for Prospect Co', 1],
			['imap', 'Re: Cutting month-end close for Prospect Co', 2],
			['imap', 'RE: Cutting month-end close for Prospect Co', 3],
			['imap', 'Undated', 1],
		]);
		expect(rows[3].sent_at).toEqual(new Date('2026-04-01T12:00:00Z'));
	});

	it('takes only mail since a date', async () => {
		const items = [];
		for await (const item of imapMessages({ ...source, since: new Date('2026-03-07T00:00:00Z') }))
			items.push(item);
		expect(items.map((i) => i.origin)).toEqual(['Sent UID 3', 'Sent UID 4']);
	});

	it('says what is wrong: password, folder, server', async () => {
		const first = (s: ImapSource) => imapMessages(s).next();
		await expect(first({ ...source, password: 'wrong' })).rejects.toMatchObject({
			message: `The IMAP server at ${dovecot.host}:${dovecot.port} refused the login for "sales"`,
		});
		await expect(first({ ...source, folder: 'Outbox' })).rejects.toMatchObject({
			message: `The IMAP folder "Outbox" does not exist on ${dovecot.host}`,
			description: 'Folders there: INBOX, Sent.',
		});
		await expect(first({ ...source, port: 1 })).rejects.toMatchObject({
			message: `Cannot reach the IMAP server at ${dovecot.host}:1: connection refused`,
		});
	});
});
