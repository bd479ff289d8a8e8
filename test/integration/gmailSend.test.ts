import { dispatch, gmailProvider, ProviderError, type SendOptions } from '../../nodes/engine';
import { approvedCampaign, TEST_COMPLIANCE } from '../fixtures/approvedCampaign';
import { closedPort } from '../helpers/closedPort';
import { type GmailSendAnswer, startGmailServer } from '../helpers/gmailServer';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

const message = (n: number, extra: object = {}) => ({
	from: { name: 'Dana', address: 'dana@northwind.example.com' },
	to: `p${n}@acme.example.net`,
	subject: `Hello ${n}`,
	text: `Hi P${n}`,
	messageId: `<m${n}@northwind.example.com>`,
	...extra,
});

/** What one send ends as, with a server scripted to answer `answer` first. */
async function outcomeOf(answer: GmailSendAnswer, timeoutMs = 2000) {
	const server = await startGmailServer([], { sendAnswers: [answer] });
	const provider = gmailProvider({ accessToken: server.token, rootUrl: server.rootUrl, timeoutMs });
	try {
		await provider.send(message(1));
		return { kind: 'sent', sent: server.sent.length };
	} catch (error) {
		const e = error as ProviderError;
		expect(e).toBeInstanceOf(ProviderError);
		return {
			kind: e.kind,
			message: e.message,
			retryAfterMs: e.options.retryAfterMs,
			sent: server.sent.length,
		};
	} finally {
		await provider.close();
		await server.stop();
	}
}

describe('the Gmail send provider', () => {
	it('sends the raw MIME through users.messages.send, and keeps message and thread ids', async () => {
		const server = await startGmailServer([]);
		const provider = gmailProvider({ accessToken: server.token, rootUrl: server.rootUrl });
		const first = await provider.send(
			message(1, { headers: { 'List-Unsubscribe': '<https://u.example/x>' } }),
		);
		expect(first.providerMessageId).toMatch(/^gmail 18f\d{13} thread 18f\d{13}$/);
		expect(server.sent[0].raw).toMatch(/^Subject: Hello 1$/m);
		expect(server.sent[0].raw).toMatch(/^List-Unsubscribe: <https:\/\/u\.example\/x>$/m);
		expect(server.sent[0].raw).toMatch(/^Message-ID: <m1@northwind\.example\.com>$/m);
		// A follow-up names touch 1's thread, besides In-Reply-To/References.
		await provider.send(
			message(2, {
				inReplyTo: '<m1@northwind.example.com>',
				references: ['<m1@northwind.example.com>'],
				firstProviderMessageId: first.providerMessageId,
			}),
		);
		expect(server.sent[1].threadId).toBe(server.sent[0].threadId);
		expect(server.sent[1].raw).toMatch(/^In-Reply-To: <m1@northwind\.example\.com>$/m);
		expect(server.requests.filter((r) => r.startsWith('POST'))).toHaveLength(2);
		await provider.close();
		await server.stop();
	});

	it("treats Google's quota answers as throttling, with Retry-After", async () => {
		expect(
			await outcomeOf({ status: 429, reason: 'rateLimitExceeded', retryAfter: '7' }),
		).toMatchObject({
			kind: 'throttled',
			retryAfterMs: 7000,
			sent: 0,
		});
		expect(await outcomeOf({ status: 403, reason: 'userRateLimitExceeded' })).toMatchObject({
			kind: 'throttled',
			message: 'Gmail 403 userRateLimitExceeded: userRateLimitExceeded (loopback)',
		});
		expect(await outcomeOf({ status: 400, reason: 'invalidArgument' })).toMatchObject({
			kind: 'permanent',
		});
		// A revoked scope or consent: the mailbox's credential, not the message (the mailbox pauses).
		expect(await outcomeOf({ status: 403, reason: 'insufficientPermissions' })).toMatchObject({
			kind: 'credential',
		});
		expect(await outcomeOf({ status: 401, reason: 'authError' })).toMatchObject({
			kind: 'credential',
		});
		expect(await outcomeOf({ status: 503, reason: 'backendError' })).toMatchObject({
			kind: 'transient',
		});
	});

	it('ends a send whose answer was lost as ambiguous: never retried by the client', async () => {
		expect(await outcomeOf('hang', 300)).toMatchObject({ kind: 'ambiguous', sent: 0 });
		expect(await outcomeOf('drop')).toMatchObject({ kind: 'ambiguous', sent: 0 });
		// Nothing listens: the request never left, so it may be tried again.
		const port = await closedPort();
		const provider = gmailProvider({ accessToken: 't', rootUrl: `http://127.0.0.1:${port}/` });
		await expect(provider.send(message(1))).rejects.toMatchObject({ kind: 'transient' });
	});
});

describe.each(STORE_KINDS)('a sequence sent through Gmail on %s', (kind) => {
	let store: TestStore;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store?.dispose());

	it('sends the follow-up into the Gmail thread of touch 1, and a lost answer ends unknown', async () => {
		const server = await startGmailServer([], { sendAnswers: ['ok', 'ok', 'hang'] });
		const campaignId = await approvedCampaign(store.engine, [
			'ana@acme.example.net',
			'ben@acme.example.net',
		]);
		const options = (): SendOptions => ({
			campaignId,
			provider: gmailProvider({
				accessToken: server.token,
				rootUrl: server.rootUrl,
				timeoutMs: 500,
			}),
			mailboxes: [{ address: 'dana@northwind.example.com', name: 'Dana' }],
			window: null,
			compliance: TEST_COMPLIANCE,
		});
		expect(await dispatch(store.engine, options())).toMatchObject({ sent: 2, unknown: 0 });
		await store.engine.db.query(
			"update drafts set due_at = now() where campaign_id = $1 and status = 'approved' and step = 2",
			[campaignId],
		);
		// Touch 2 of one prospect goes out into its thread; the other's answer is lost.
		const second = await dispatch(store.engine, options());
		expect(second).toMatchObject({ sent: 1, unknown: 1 });
		const [t1a, t1b, t2] = server.sent;
		const recipient = (raw: string) => /^To: (.+)$/m.exec(raw)![1];
		const touch1 = [t1a, t1b].find((m) => recipient(m.raw) === recipient(t2.raw))!;
		expect(t2.threadId).toBe(touch1.threadId);
		expect(t2.threadId).not.toBe([t1a, t1b].find((m) => m !== touch1)!.threadId);
		const { rows } = await store.engine.db.query<{
			step: number;
			status: string;
			provider_message_id: string | null;
		}>(
			'select step, status, provider_message_id from send_attempts where campaign_id = $1 order by step, status',
			[campaignId],
		);
		expect(rows.map((r) => [r.step, r.status])).toEqual([
			[1, 'sent'],
			[1, 'sent'],
			[2, 'sent'],
			[2, 'unknown'],
		]);
		expect(rows[2].provider_message_id).toBe(`gmail ${t2.id} thread ${touch1.threadId}`);
		await server.stop();
	});
});
