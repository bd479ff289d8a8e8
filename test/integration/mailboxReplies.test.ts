import { randomUUID } from 'node:crypto';

import {
	dispatch,
	gmailReplies,
	graphReplies,
	graphWithToken,
	imapReplies,
	type MailboxReader,
	pollMailbox,
	smtpProvider,
} from '../../nodes/engine';
import { approvedCampaign, TEST_COMPLIANCE } from '../fixtures/approvedCampaign';
import { type Dovecot, startDovecot } from '../helpers/dovecot';
import { type GmailMessage, startGmailServer } from '../helpers/gmailServer';
import { type GraphMessage, startGraphServer } from '../helpers/graphServer';
import { type Received, startSmtpSink } from '../helpers/smtpSink';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

/** An answer from the prospect a touch went to, quoting nothing but threading by its Message-ID. */
function replyTo(touch: Received, text: string): Buffer {
	return Buffer.from(
		[
			`From: <${touch.to[0]}>`,
			'To: Dana <dana@northwind.example.com>',
			'Subject: Re: your note',
			`Message-ID: <${randomUUID()}@acme.example.net>`,
			`In-Reply-To: ${touch.messageId}`,
			`References: ${touch.messageId}`,
			`Date: ${new Date().toUTCString()}`,
			'Content-Type: text/plain; charset=utf-8',
			'',
			text,
			'',
		].join('\r\n'),
	);
}

/** Mail that answers nothing we sent: read, recorded as unmatched, changes nothing. */
const newsletter = () =>
	Buffer.from(
		[
			'From: news@vendor.example.org',
			'To: dana@northwind.example.com',
			'Subject: This week in sales',
			`Message-ID: <${randomUUID()}@vendor.example.org>`,
			'',
			'Ten tips.',
			'',
		].join('\r\n'),
	);

/** A mailbox of one kind the test can put mail into, and the reader of it. */
interface Inbox {
	reader: MailboxReader;
	deliver: (raw: Buffer) => void;
	stop: () => Promise<void>;
}

const inboxes: Record<'gmail' | 'microsoft365' | 'imap', () => Promise<Inbox>> = {
	async gmail() {
		const messages: GmailMessage[] = [];
		const server = await startGmailServer(messages);
		return {
			reader: gmailReplies(`gmail:${randomUUID()}`, {
				accessToken: server.token,
				rootUrl: server.rootUrl,
			}),
			deliver: (raw) =>
				messages.push({
					id: `19a${String(messages.length + 1).padStart(13, '0')}`,
					threadId: `t${messages.length + 1}`,
					raw,
					internalDate: new Date(),
					labelIds: ['INBOX', 'UNREAD'],
				}),
			stop: server.stop,
		};
	},
	async microsoft365() {
		const inbox: GraphMessage[] = [];
		const server = await startGraphServer({ inbox }, { maxPageSize: 1 });
		return {
			reader: graphReplies(`microsoft365:${randomUUID()}`, {
				get: graphWithToken(server.token),
				baseUrl: server.baseUrl,
			}),
			deliver: (raw) =>
				inbox.push({
					id: `AAMk${inbox.length + 1}`,
					conversationId: `c${inbox.length + 1}`,
					raw,
					received: new Date(),
				}),
			stop: server.stop,
		};
	},
	async imap() {
		const dovecot: Dovecot = await startDovecot();
		return {
			reader: imapReplies(`imap:${randomUUID()}`, {
				host: dovecot.host,
				port: dovecot.port,
				secure: false,
				user: dovecot.user,
				password: dovecot.password,
				folder: 'INBOX',
			}),
			deliver: (raw) => dovecot.deliver('INBOX', raw, new Date()),
			stop: async () => dovecot.stop(),
		};
	},
};

describe.each(STORE_KINDS)('replies read from the sending mailboxes on %s', (kind) => {
	let store: TestStore;
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	beforeAll(async () => {
		[store, sink] = await Promise.all([openTestStore(kind), startSmtpSink()]);
	});
	afterAll(async () => {
		await sink?.stop();
		await store?.dispose();
	});

	it.each(Object.keys(inboxes) as Array<keyof typeof inboxes>)(
		'%s: a reply found in the mailbox stops the sequence, and each message is taken once',
		async (mailboxKind) => {
			const inbox = await inboxes[mailboxKind]();
			const provider = smtpProvider({ host: '127.0.0.1', port: sink.port });
			try {
				const campaignId = await approvedCampaign(store.engine, [
					'ana@acme.example.net',
					'ben@binford.example.net',
				]);
				const send = () =>
					dispatch(store.engine, {
						campaignId,
						provider,
						mailboxes: [{ address: 'dana@northwind.example.com', name: 'Dana' }],
						window: null,
						compliance: TEST_COMPLIANCE,
					});
				const before = sink.received.length;
				expect(await send()).toMatchObject({ sent: 2 });
				const touch = (to: string) =>
					sink.received.slice(before).find((m) => m.to[0] === to) as Received;

				// Ana answers before the first read: the first read takes the recent inbox.
				inbox.deliver(replyTo(touch('ana@acme.example.net'), 'Sounds good, call me Tuesday.'));
				expect(await pollMailbox(store.engine, inbox.reader)).toMatchObject({
					read: 1,
					stopped: 1,
					byKind: { reply: 1 },
					duplicates: 0,
					failed: [],
				});
				// Nothing new: nothing read.
				expect(await pollMailbox(store.engine, inbox.reader)).toMatchObject({ read: 0 });

				// The follow-ups fall due: only Ben's leaves, Ana's sequence stopped at her reply.
				await store.engine.db.query(
					"update drafts set due_at = now() where campaign_id = $1 and status = 'approved' and step = 2",
					[campaignId],
				);
				expect(await send()).toMatchObject({ sent: 1 });
				expect(sink.received.slice(before + 2).map((m) => m.to[0])).toEqual([
					'ben@binford.example.net',
				]);

				// Then Ben answers, among unrelated mail: only the new messages are read.
				inbox.deliver(newsletter());
				inbox.deliver(replyTo(touch('ben@binford.example.net'), 'Not now, maybe next quarter.'));
				expect(await pollMailbox(store.engine, inbox.reader)).toMatchObject({
					read: 2,
					stopped: 1,
					byKind: { reply: 1, unmatched: 1 },
				});
				const { rows } = await store.engine.db.query<{ email: string; status: string }>(
					'select email, status from prospects where campaign_id = $1 order by email',
					[campaignId],
				);
				expect(rows).toEqual([
					{ email: 'ana@acme.example.net', status: 'replied' },
					{ email: 'ben@binford.example.net', status: 'replied' },
				]);
				expect(await pollMailbox(store.engine, inbox.reader)).toMatchObject({ read: 0 });
			} finally {
				await provider.close();
				await inbox.stop();
			}
		},
	);

	it('starts a new Graph delta when the stored delta link is gone (410), taking nothing twice', async () => {
		const inbox: GraphMessage[] = [];
		const server = await startGraphServer({ inbox });
		const key = `microsoft365:${randomUUID()}`;
		const reader = graphReplies(key, {
			get: graphWithToken(server.token),
			baseUrl: server.baseUrl,
		});
		inbox.push({ id: 'AAMk1', conversationId: 'c1', raw: newsletter(), received: new Date() });
		expect(await pollMailbox(store.engine, reader)).toMatchObject({ read: 1, duplicates: 0 });
		await store.engine.db.query(
			"update mailbox_cursors set cursor = regexp_replace(cursor, 'deltatoken=\\d+', 'deltatoken=expired') where mailbox = $1",
			[key],
		);
		expect(await pollMailbox(store.engine, reader)).toMatchObject({ read: 1, duplicates: 1 });
		expect(await pollMailbox(store.engine, reader)).toMatchObject({ read: 0 });
		expect(server.requests.filter((r) => r.includes('deltatoken=expired'))).toHaveLength(1);
		await server.stop();
	});

	it('reads again from the start when the stored cursor no longer works, taking nothing twice', async () => {
		const messages: GmailMessage[] = [];
		const server = await startGmailServer(messages, { historyFloor: 1_000 });
		const reader = gmailReplies(`gmail:${randomUUID()}`, {
			accessToken: server.token,
			rootUrl: server.rootUrl,
		});
		const raw = newsletter();
		messages.push({ id: 'n1', threadId: 'n1', raw, internalDate: new Date(), labelIds: ['INBOX'] });
		expect(await pollMailbox(store.engine, reader)).toMatchObject({ read: 1, duplicates: 0 });
		// Gmail no longer has the history since the stored id: the recent inbox is read again, and
		// the intake knows the message.
		expect(await pollMailbox(store.engine, reader)).toMatchObject({ read: 1, duplicates: 1 });
		await server.stop();
	});
});
