import {
	dispatch,
	graphPostWithToken,
	microsoft365Provider,
	ProviderError,
	type SendOptions,
} from '../../nodes/engine';
import { approvedCampaign, TEST_COMPLIANCE } from '../fixtures/approvedCampaign';
import { closedPort } from '../helpers/closedPort';
import { type GraphSendAnswer, startGraphServer } from '../helpers/graphServer';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

const message = (n: number, extra: object = {}) => ({
	from: { name: 'Dana', address: 'dana@northwind.example.com' },
	to: `p${n}@acme.example.net`,
	subject: `Hello ${n}`,
	text: `Hi P${n}`,
	messageId: `<m${n}@northwind.example.com>`,
	...extra,
});

async function outcomeOf(answer: GraphSendAnswer, timeoutMs = 2000) {
	const server = await startGraphServer({}, { sendAnswers: [answer] });
	const provider = microsoft365Provider({
		post: graphPostWithToken(server.token),
		baseUrl: server.baseUrl,
		timeoutMs,
	});
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

describe('the Microsoft 365 send provider', () => {
	it('sends the raw MIME through sendMail, from the own or a shared mailbox', async () => {
		const server = await startGraphServer({}, { sharedMailboxes: ['sales@northwind.example.com'] });
		const own = microsoft365Provider({
			post: graphPostWithToken(server.token),
			baseUrl: server.baseUrl,
		});
		expect(
			await own.send(
				message(2, {
					inReplyTo: '<m1@northwind.example.com>',
					references: ['<m1@northwind.example.com>'],
					headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
				}),
			),
		).toEqual({ providerMessageId: 'microsoft365 <m2@northwind.example.com>' });
		const shared = microsoft365Provider({
			post: graphPostWithToken(server.token),
			baseUrl: server.baseUrl,
			mailbox: 'sales@northwind.example.com',
		});
		await shared.send(message(3));
		expect(server.sent.map((m) => m.mailbox)).toEqual(['me', 'sales@northwind.example.com']);
		expect(server.sent[0].raw).toMatch(/^Message-ID: <m2@northwind\.example\.com>$/m);
		expect(server.sent[0].raw).toMatch(/^In-Reply-To: <m1@northwind\.example\.com>$/m);
		expect(server.sent[0].raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
		// A mailbox the signed-in user may not send as: the mailbox's setup, not the message (the
		// mailbox pauses), with Graph's words.
		const stranger = microsoft365Provider({
			post: graphPostWithToken(server.token),
			baseUrl: server.baseUrl,
			mailbox: 'ceo@northwind.example.com',
		});
		await expect(stranger.send(message(4))).rejects.toMatchObject({
			kind: 'credential',
			message:
				"Microsoft Graph 404 ErrorInvalidUser: The requested user 'ceo@northwind.example.com' is invalid.",
		});
		for (const p of [own, shared, stranger]) await p.close();
		await server.stop();
	});

	it("treats Graph's and Exchange's limits as throttling, with Retry-After", async () => {
		expect(
			await outcomeOf({ status: 429, code: 'ApplicationThrottled', retryAfter: '12' }),
		).toMatchObject({ kind: 'throttled', retryAfterMs: 12_000, sent: 0 });
		expect(await outcomeOf({ status: 403, code: 'ErrorSubmissionQuotaExceeded' })).toMatchObject({
			kind: 'throttled',
			retryAfterMs: 60_000,
		});
		expect(await outcomeOf({ status: 403, code: 'ErrorSendAsDenied' })).toMatchObject({
			kind: 'permanent',
			message: 'Microsoft Graph 403 ErrorSendAsDenied: ErrorSendAsDenied (loopback)',
		});
		expect(await outcomeOf({ status: 413, code: 'ErrorMessageSizeExceeded' })).toMatchObject({
			kind: 'permanent',
		});
		expect(await outcomeOf({ status: 500, code: 'InternalServerError' })).toMatchObject({
			kind: 'transient',
		});
	});

	it('ends a send whose answer was lost as ambiguous', async () => {
		expect(await outcomeOf('hang', 300)).toMatchObject({ kind: 'ambiguous', sent: 0 });
		expect(await outcomeOf('drop')).toMatchObject({ kind: 'ambiguous', sent: 0 });
		const port = await closedPort();
		const provider = microsoft365Provider({
			post: graphPostWithToken('t'),
			baseUrl: `http://127.0.0.1:${port}`,
		});
		await expect(provider.send(message(1))).rejects.toMatchObject({ kind: 'transient' });
	});
});

describe.each(STORE_KINDS)('a sequence sent through Microsoft 365 on %s', (kind) => {
	let store: TestStore;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store?.dispose());

	it('threads the follow-up by its headers, and a throttled send waits instead of failing', async () => {
		const server = await startGraphServer(
			{},
			{ sendAnswers: ['ok', { status: 429, code: 'ApplicationThrottled', retryAfter: '1' }] },
		);
		const campaignId = await approvedCampaign(store.engine, ['ana@acme.example.net']);
		const options = (): SendOptions => ({
			campaignId,
			provider: microsoft365Provider({
				post: graphPostWithToken(server.token),
				baseUrl: server.baseUrl,
			}),
			mailboxes: [{ address: 'dana@northwind.example.com', name: 'Dana' }],
			window: null,
			compliance: TEST_COMPLIANCE,
		});
		expect(await dispatch(store.engine, options())).toMatchObject({ sent: 1 });
		await store.engine.db.query(
			"update drafts set due_at = now() where campaign_id = $1 and status = 'approved' and step = 2",
			[campaignId],
		);
		// The 429 is retried after its Retry-After within the run, then the follow-up leaves.
		expect(await dispatch(store.engine, options())).toMatchObject({ sent: 1, failed: 0 });
		expect(server.sent).toHaveLength(2);
		const first = /^Message-ID: (.+)$/m.exec(server.sent[0].raw)![1];
		expect(server.sent[1].raw).toMatch(
			new RegExp(`^In-Reply-To: ${first.replace(/[.]/g, '\\.')}$`, 'm'),
		);
		await server.stop();
	});
});
