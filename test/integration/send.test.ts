import {
	addSuppression,
	dispatch,
	getCampaignStatus,
	listUnknownSends,
	outboxProvider,
	resolveUnknownSend,
	type SendOptions,
	setKillSwitch,
	sendgridProvider,
	sesProvider,
	smtpProvider,
	TEMPLATE_SECRET,
	unsubscribe,
} from '../../nodes/engine';
import { approvedCampaign } from '../fixtures/approvedCampaign';
import { startSendGridServer } from '../helpers/sendgridServer';
import { headersOf, startSesServer } from '../helpers/sesServer';
import { type Misbehaviour, startFlakySmtpServer } from '../helpers/flakySmtpServer';
import { startSmtpSink } from '../helpers/smtpSink';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

const SECRET = 'Xq3vN8mR2kT7wB4yH9pL6sD1fG5jC0zA8eU2iO7nK4M';

describe.each(STORE_KINDS)('sending on %s', (kind) => {
	let store: TestStore;
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	beforeAll(async () => {
		store = await openTestStore(kind);
		sink = await startSmtpSink({
			'slow@acme.example.net': ['451 4.7.1 Try again later'],
			'gone@acme.example.net': ['550 5.1.1 User unknown'],
		});
	});
	afterAll(async () => {
		await sink?.stop();
		await store?.dispose();
	});

	const options = (campaignId: string, extra: Partial<SendOptions> = {}): SendOptions => ({
		campaignId,
		provider: smtpProvider({ host: '127.0.0.1', port: sink.port }),
		mailboxes: [{ address: 'dana@northwind.example.com', name: 'Dana' }],
		compliance: {
			unsubscribeUrl: 'https://hooks.northwind.example.com/unsubscribe',
			unsubscribeMailto: 'unsubscribe@northwind.example.com',
			secret: SECRET,
			postalAddress: '1 Main St, Springfield',
		},
		...extra,
	});

	it('sends the due touch once, with one-click unsubscribe and the postal address, and says what is next', async () => {
		const campaignId = await approvedCampaign(store.engine, [
			'ana@acme.example.net',
			'ben@acme.example.net',
		]);
		const before = sink.received.length;
		// Approved and due now: the status says when the first message goes.
		const due = (await getCampaignStatus(store.engine, campaignId)).nextSendAt;
		expect(Math.abs(new Date(due as string).getTime() - Date.now())).toBeLessThan(60_000);
		const o = options(campaignId);
		const summary = await dispatch(store.engine, o);
		expect(summary).toMatchObject({ sent: 2, failed: 0, suppressed: 0, unknown: 0, stopped: null });
		expect(new Date(summary.nextDueAt as string).getTime()).toBeGreaterThan(
			Date.now() + 2.9 * 86_400_000,
		);
		const mail = sink.received.slice(before);
		expect(mail.map((m) => m.to[0]).sort()).toEqual([
			'ana@acme.example.net',
			'ben@acme.example.net',
		]);
		const raw = mail[0].raw.replace(/\r\n[ \t]+/g, ' ');
		expect(raw).toMatch(
			/^List-Unsubscribe: <https:\/\/hooks\.northwind\.example\.com\/unsubscribe\?token=[\w-]+\.[\w-]+>, <mailto:unsubscribe@northwind\.example\.com\?subject=unsubscribe>$/m,
		);
		expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
		expect(raw).toContain('1 Main St, Springfield');
		expect(mail[0].messageId).toMatch(/^<[0-9a-f]{32}\.1@northwind\.example\.com>$/);
		expect(await dispatch(store.engine, options(campaignId))).toMatchObject({ sent: 0 });
		// The follow-ups are next, at the time the run reported.
		expect((await getCampaignStatus(store.engine, campaignId)).nextSendAt).toBe(summary.nextDueAt);
		await o.provider?.close();
	});

	it('refuses to start without a postal address, an https unsubscribe URL or a real secret (a dry run takes http and the placeholder)', async () => {
		const campaignId = await approvedCampaign(store.engine, ['cy@acme.example.net']);
		const o = options(campaignId);
		await expect(
			dispatch(store.engine, { ...o, compliance: { ...o.compliance, postalAddress: ' ' } }),
		).rejects.toMatchObject({
			code: 'INVALID_INPUT',
			message: "Sending needs the sender's postal address",
		});
		await expect(
			dispatch(store.engine, {
				...o,
				compliance: { ...o.compliance, unsubscribeUrl: 'http://x.example.com' },
			}),
		).rejects.toMatchObject({ message: 'Sending needs an https unsubscribe URL' });
		// The shipped workflows' placeholder secret: refused for real mail, fine for the dry run.
		const placeholder = { ...o.compliance, secret: TEMPLATE_SECRET };
		await expect(dispatch(store.engine, { ...o, compliance: placeholder })).rejects.toMatchObject({
			message: "The unsubscribe secret is still the shipped workflows' placeholder",
		});
		// Sixteen spaces, or a phrase: too easy to guess for links that leave.
		for (const secret of [' '.repeat(16), 'my-unsubscribe-secret-phrase'])
			await expect(
				dispatch(store.engine, { ...o, compliance: { ...o.compliance, secret } }),
			).rejects.toMatchObject({
				message: expect.stringMatching(/^The unsubscribe secret is too easy to guess/),
			});
		// A dry run on an http n8n (WEBHOOK_URL=http://localhost:5678/): its links never leave.
		const dryRun = await dispatch(store.engine, {
			...o,
			compliance: { ...placeholder, unsubscribeUrl: 'http://localhost:5678/webhook/u' },
			provider: outboxProvider(store.engine.objects, campaignId),
		});
		expect(dryRun.sent).toBe(1);
		await o.provider?.close();
	});

	it('sends nothing while a kill switch is engaged, and goes on once it is released', async () => {
		const campaignId = await approvedCampaign(store.engine, ['dee@acme.example.net']);
		await setKillSwitch(store.engine.db, {
			scope: 'campaign',
			target: campaignId,
			engaged: true,
			reason: 'test',
			actor: 'ops',
		});
		const o = options(campaignId);
		expect(await dispatch(store.engine, o)).toMatchObject({
			sent: 0,
			stopped: 'kill switch engaged (campaign: test)',
		});
		// The status never says "ready" while a switch blocks sending, and says which one.
		const status = await getCampaignStatus(store.engine, campaignId);
		expect(status.sendReadiness).toEqual({
			ready: false,
			missing: [`kill switch engaged (campaign ${campaignId}: test)`],
		});
		expect(status.killSwitches).toEqual([
			{ scope: 'campaign', target: campaignId, reason: 'test' },
		]);
		expect(status.nextStep).toMatch(/^Sending is blocked: kill switch engaged \(campaign /);
		await setKillSwitch(store.engine.db, {
			scope: 'mailbox',
			target: 'dana@northwind.example.com',
			engaged: true,
			actor: 'ops',
		});
		await setKillSwitch(store.engine.db, {
			scope: 'campaign',
			target: campaignId,
			engaged: false,
			actor: 'ops',
		});
		// The only mailbox is behind its switch: its drafts are skipped without a trace (no churn).
		expect(await dispatch(store.engine, o)).toMatchObject({
			sent: 0,
			stopped: null,
			blockedMailboxes: ['dana@northwind.example.com'],
		});
		const { rows: churn } = await store.engine.db.query(
			'select 1 from send_attempts where campaign_id = $1',
			[campaignId],
		);
		expect(churn).toEqual([]);
		await setKillSwitch(store.engine.db, {
			scope: 'mailbox',
			target: 'dana@northwind.example.com',
			engaged: false,
			actor: 'ops',
		});
		expect(await dispatch(store.engine, o)).toMatchObject({ sent: 1 });
		await o.provider?.close();
	});

	it('skips suppressed and unsubscribed addresses, retries throttling, ends a hard bounce with a suppression', async () => {
		const emails = [
			'eve@acme.example.net',
			'fay@blocked.example.org',
			'slow@acme.example.net',
			'gone@acme.example.net',
			'gus@acme.example.net',
		];
		const campaignId = await approvedCampaign(store.engine, emails);
		await addSuppression(store.engine.db, { kind: 'domain', value: 'blocked.example.org' });
		const { unsubscribeToken } = await import('../../nodes/engine');
		const token = unsubscribeToken(SECRET, campaignId, 'gus@acme.example.net');
		expect(await unsubscribe(store.engine, SECRET, token)).toEqual({
			email: 'gus@acme.example.net',
			campaignId,
			alreadyUnsubscribed: false,
		});
		expect(await unsubscribe(store.engine, SECRET, token)).toMatchObject({
			alreadyUnsubscribed: true,
		});
		await expect(unsubscribe(store.engine, SECRET, `${token}x`)).rejects.toMatchObject({
			message: 'This unsubscribe link is not valid',
		});
		// Anyone can sign a token with the shipped placeholder or guess a short secret: refused, as
		// for sending, and nobody is suppressed by such a token.
		const forged = unsubscribeToken(TEMPLATE_SECRET, campaignId, 'eve@acme.example.net');
		await expect(unsubscribe(store.engine, TEMPLATE_SECRET, forged)).rejects.toMatchObject({
			message: "The unsubscribe secret is still the shipped workflows' placeholder",
		});
		await expect(
			unsubscribe(
				store.engine,
				'short',
				unsubscribeToken('short', campaignId, 'eve@acme.example.net'),
			),
		).rejects.toMatchObject({ message: 'The unsubscribe secret must be at least 16 characters' });
		expect((await getCampaignStatus(store.engine, campaignId)).suppressed).toEqual({
			domain: 1,
			unsubscribed: 1,
		});
		const o = options(campaignId);
		const summary = await dispatch(store.engine, o);
		// gus is no longer an active prospect, so he is not even claimed; fay's domain is suppressed.
		expect(summary).toMatchObject({ sent: 2, failed: 1, suppressed: 1 });
		const { rows } = await store.engine.db.query<{ recipient: string; status: string }>(
			'select recipient, status from send_attempts where campaign_id = $1 order by recipient',
			[campaignId],
		);
		expect(rows.map((r) => `${r.recipient}:${r.status}`)).toEqual([
			'eve@acme.example.net:sent',
			'fay@blocked.example.org:suppressed',
			'gone@acme.example.net:failed',
			'slow@acme.example.net:sent',
		]);
		const { rows: prospects } = await store.engine.db.query<{ email: string; status: string }>(
			"select email, status from prospects where campaign_id = $1 and status <> 'active' order by email",
			[campaignId],
		);
		expect(prospects).toEqual([
			{ email: 'gone@acme.example.net', status: 'bounced' },
			{ email: 'gus@acme.example.net', status: 'unsubscribed' },
		]);
		await o.provider?.close();
	});

	it('sends through the SendGrid API: one-click headers kept, 429 retried, 400 final', async () => {
		const api = await startSendGridServer('SG.test-key', {
			'slow@acme.example.net': [429],
			'bad@acme.example.net': [400],
		});
		try {
			const campaignId = await approvedCampaign(store.engine, [
				'ivy@acme.example.net',
				'slow@acme.example.net',
				'bad@acme.example.net',
			]);
			const summary = await dispatch(store.engine, {
				...options(campaignId),
				provider: sendgridProvider({ apiKey: 'SG.test-key', baseUrl: api.baseUrl }),
			});
			expect(summary).toMatchObject({ sent: 2, failed: 1 });
			expect(api.requests.map((r) => r.to).sort()).toEqual([
				'ivy@acme.example.net',
				'slow@acme.example.net',
			]);
			expect(api.requests[0].headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
			expect(api.requests[0].headers['List-Unsubscribe']).toMatch(
				/^<https:\/\/hooks\.northwind\.example\.com\/unsubscribe\?token=/,
			);
			const { rows } = await store.engine.db.query<{
				status: string;
				provider_message_id: string | null;
				error: string | null;
			}>(
				'select status, provider_message_id, error from send_attempts where campaign_id = $1 order by status',
				[campaignId],
			);
			expect(rows.map((r) => r.status)).toEqual(['failed', 'sent', 'sent']);
			expect(rows[0].error).toMatch(/^SendGrid 400: /);
			expect(rows[1].provider_message_id).toMatch(/^[0-9a-f]{32}$/);
		} finally {
			await api.stop();
		}
	});

	it('sends raw MIME through SES v2: signed, throttling retried, rejections final, a lost answer unknown and never re-sent', async () => {
		const api = await startSesServer('AKIDTEST', {
			'slow@acme.example.net': [429],
			'bad@acme.example.net': [400],
			'lost@acme.example.net': [-1],
		});
		const ses = () =>
			sesProvider({
				region: 'eu-west-1',
				accessKeyId: 'AKIDTEST',
				secretAccessKey: 'secret',
				endpoint: api.baseUrl,
			});
		try {
			const campaignId = await approvedCampaign(store.engine, [
				'ivy@acme.example.net',
				'slow@acme.example.net',
				'bad@acme.example.net',
				'lost@acme.example.net',
			]);
			const summary = await dispatch(store.engine, { ...options(campaignId), provider: ses() });
			expect(summary).toMatchObject({ sent: 2, failed: 1, unknown: 1 });
			const delivered = api.requests.filter((r) => r.raw);
			expect(delivered.map((r) => r.to[0]).sort()).toEqual([
				'ivy@acme.example.net',
				'slow@acme.example.net',
			]);
			const headers = await headersOf(delivered[0].raw);
			expect(headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
			expect(headers['message-id']).toMatch(/^<[0-9a-f]{32}\.1@northwind\.example\.com>$/);
			expect(delivered[0].raw).toContain('1 Main St, Springfield');
			const { rows } = await store.engine.db.query<{
				recipient: string;
				status: string;
				error: string | null;
			}>(
				'select recipient, status, error from send_attempts where campaign_id = $1 order by recipient',
				[campaignId],
			);
			expect(rows.map((r) => [r.recipient, r.status])).toEqual([
				['bad@acme.example.net', 'failed'],
				['ivy@acme.example.net', 'sent'],
				['lost@acme.example.net', 'unknown'],
				['slow@acme.example.net', 'sent'],
			]);
			expect(rows[0].error).toMatch(/^SES 400 MessageRejected: Email address is not verified/);
			// A second run sends nothing: the lost answer stays for a human to review.
			const before = api.requests.length;
			const again = await dispatch(store.engine, { ...options(campaignId), provider: ses() });
			expect(again.sent).toBe(0);
			expect(api.requests.length).toBe(before);
		} finally {
			await api.stop();
		}
	});

	it.each([
		['drop-after-data', 'unknown', 1],
		['hang-after-data', 'unknown', 1],
		['drop-at-mail', 'deferred', 0],
	] as Array<[Misbehaviour, string, number]>)(
		'SMTP %s: a lost answer once the message data flowed ends unknown and is never re-sent; a drop before it is deferred',
		async (mode, status, received) => {
			const server = await startFlakySmtpServer(mode);
			const flaky = () =>
				smtpProvider({ host: '127.0.0.1', port: server.port, socketTimeoutMs: 400 });
			try {
				const campaignId = await approvedCampaign(store.engine, ['kai@acme.example.net']);
				const first = flaky();
				const summary = await dispatch(store.engine, { ...options(campaignId), provider: first });
				await first.close();
				expect(summary).toMatchObject({ sent: 0, unknown: status === 'unknown' ? 1 : 0 });
				expect(server.messages).toHaveLength(received);
				const { rows } = await store.engine.db.query<{ status: string; error: string | null }>(
					'select status, error from send_attempts where campaign_id = $1',
					[campaignId],
				);
				expect(rows.map((r) => r.status)).toEqual([status]);
				expect(rows[0].error ?? '').toMatch(
					status === 'unknown' ? /after the message data was sent/ : /^$/,
				);
				// Due again at once: only the unknown one must stay unsent.
				await store.engine.db.query(
					"update drafts set due_at = now() where campaign_id = $1 and status = 'approved'",
					[campaignId],
				);
				const second = flaky();
				await dispatch(store.engine, { ...options(campaignId), provider: second });
				await second.close();
				expect(server.messages).toHaveLength(received);
			} finally {
				await server.stop();
			}
		},
	);

	it('unknown sends are listed with their Message-ID and resolved by a person: marked sent, or re-queued and sent', async () => {
		const server = await startFlakySmtpServer('drop-after-data');
		const campaignId = await approvedCampaign(store.engine, [
			'lia@acme.example.net',
			'max@acme.example.net',
		]);
		const flaky = smtpProvider({ host: '127.0.0.1', port: server.port });
		try {
			expect(
				await dispatch(store.engine, { ...options(campaignId), provider: flaky }),
			).toMatchObject({ sent: 0, unknown: 2 });
		} finally {
			await flaky.close();
			await server.stop();
		}
		const unknown = await listUnknownSends(store.engine.db, campaignId);
		expect(unknown.map((u) => u.recipient).sort()).toEqual([
			'lia@acme.example.net',
			'max@acme.example.net',
		]);
		expect(unknown[0].messageId).toMatch(/^<[0-9a-f]{32}\.1@northwind\.example\.com>$/);
		const lia = unknown.find((u) => u.recipient === 'lia@acme.example.net')!;
		const max = unknown.find((u) => u.recipient === 'max@acme.example.net')!;
		await resolveUnknownSend(store.engine.db, {
			attemptId: lia.attemptId,
			resolution: 'sent',
			actor: 'reviewer',
			note: 'found in the Sent folder',
		});
		await expect(
			resolveUnknownSend(store.engine.db, { attemptId: lia.attemptId, resolution: 'requeue' }),
		).rejects.toMatchObject({ message: `Send attempt ${lia.attemptId} is sent, not unknown` });
		await resolveUnknownSend(store.engine.db, {
			attemptId: max.attemptId,
			resolution: 'requeue',
			actor: 'reviewer',
		});
		const before = sink.received.length;
		const o = options(campaignId);
		expect(await dispatch(store.engine, o)).toMatchObject({ sent: 1 });
		await o.provider?.close();
		expect(sink.received.slice(before).map((m) => [m.to[0], m.messageId])).toEqual([
			['max@acme.example.net', max.messageId],
		]);
		const { rows: events } = await store.engine.db.query<{ n: number }>(
			"select count(*)::int as n from campaign_events where campaign_id = $1 and type = 'unknown_send_resolved'",
			[campaignId],
		);
		expect(events[0].n).toBe(2);
		expect(await listUnknownSends(store.engine.db, campaignId)).toEqual([]);
	});
});
