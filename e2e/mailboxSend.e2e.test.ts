import { generateKeyPairSync } from 'node:crypto';

import { closeAllEngines } from '../nodes/engine';
import { threeDayInterestCorpus } from '../test/fixtures/blueprintCorpus';
import { startDnsServer } from '../test/helpers/dnsServer';
import { type GmailMessage, startGmailServer } from '../test/helpers/gmailServer';
import { startGraphServer } from '../test/helpers/graphServer';
import { startSmtpSink } from '../test/helpers/smtpSink';
import { N8n, outputOf } from './helpers/n8n';
import { approvedCampaignFlow, campaignFromCreate, link, node } from './helpers/workflow';

const emails = threeDayInterestCorpus('Globex', 'Sam').map((item) =>
	item.kind === 'fields' ? item.fields : {},
);
const prospects = [
	{ email: 'ana@acme.example.net', first_name: 'Ana', company: 'Acme' },
	{ email: 'ben@binford.example.net', first_name: 'Ben', company: 'Binford' },
];
const unsubscribeLinks = {
	salesEngineUnsubscribeApi: { id: 'seunsubscribe002', name: 'Unsubscribe links' },
};

/** A DKIM record's p= for a fresh 2048-bit key (receivers refuse a key they cannot read). */
const publicKey = () =>
	generateKeyPairSync('rsa', { modulusLength: 2048 })
		.publicKey.export({ type: 'spki', format: 'der' })
		.toString('base64');

/** The unsubscribe webhook of these tests has no public address: that check fails, on purpose. */
const OVERRIDE = 'e2e: the unsubscribe webhook is not public here';

/**
 * A campaign from ingest to approval, then one Send Due Drafts with `send` parameters; with
 * `retry`, a failed Send is followed by a second one with those parameters added.
 */
function campaignThatSends(
	id: string,
	send: object,
	credentials: object,
	options: { retry?: object; prospects?: object[] } = {},
) {
	const head = approvedCampaignFlow(emails, options.prospects ?? prospects, {
		additionalContext:
			'Northwind makes onboarding software for sales teams. New reps reach quota 40% faster.',
		senderName: 'Dana',
		senderEmail: 'dana@northwind.example.com',
		postalAddress: '1 Main St, Springfield',
	});
	return {
		id,
		name: `e2e: ${id}`,
		settings: { executionOrder: 'v1' },
		nodes: [
			...head.nodes,
			{
				...node('Send', 'n8n-nodes-sales-engine.salesSender', [800, 200], {
					resource: 'campaign',
					operation: 'send',
					campaignId: campaignFromCreate,
					...send,
				}),
				executeOnce: true,
				credentials: { ...credentials, ...unsubscribeLinks },
				...(options.retry ? { onError: 'continueRegularOutput' } : {}),
			},
			...(options.retry
				? [
						{
							...node('Send anyway', 'n8n-nodes-sales-engine.salesSender', [1000, 200], {
								resource: 'campaign',
								operation: 'send',
								campaignId: campaignFromCreate,
								...send,
								...options.retry,
							}),
							executeOnce: true,
							credentials: { ...credentials, ...unsubscribeLinks },
						},
					]
				: []),
		],
		connections: {
			...head.connections,
			Approve: link('Send'),
			...(options.retry ? { Send: link('Send anyway') } : {}),
		},
	};
}

describe("Sending from the user's own mailboxes in a real n8n", () => {
	let n8n: N8n;
	let dns: Awaited<ReturnType<typeof startDnsServer>>;
	beforeAll(async () => {
		// northwind.example.com as a well-kept Google Workspace + Microsoft 365 domain.
		dns = await startDnsServer({
			txt: {
				'northwind.example.com': [
					'v=spf1 include:_spf.google.com include:spf.protection.outlook.com ip4:127.0.0.1 ~all',
				],
				'_spf.google.com': ['v=spf1 ip4:209.85.128.0/17 ~all'],
				'spf.protection.outlook.com': ['v=spf1 ip4:40.92.0.0/15 -all'],
				'google._domainkey.northwind.example.com': [`v=DKIM1; k=rsa; p=${publicKey()}`],
				'selector1._domainkey.northwind.example.com': [`v=DKIM1; k=rsa; p=${publicKey()}`],
				'_dmarc.northwind.example.com': ['v=DMARC1; p=quarantine'],
			},
			mx: { 'northwind.example.com': ['mx1.northwind.example.com'] },
			a: { 'mx1.northwind.example.com': ['192.0.2.25'] },
		});
		n8n = await N8n.withPackage();
		await n8n.import('credentials', [
			{
				id: 'seunsubscribe002',
				name: 'Unsubscribe links',
				type: 'salesEngineUnsubscribeApi',
				data: {
					unsubscribeUrl: 'https://n8n.example.com/webhook/unsubscribe',
					secret: 'Vb7Nq2Wx9Lk4Rt6Yp1Zm8Hc3Jd5Fs0Ga2Ue7Io4Ky6T',
				},
			},
		]);
	});
	afterAll(async () => {
		await closeAllEngines();
		n8n?.remove();
		await dns?.stop();
	});

	it("blocks on the preflight, then sends through the Gmail API with n8n's own Gmail OAuth2 credential", async () => {
		const inbox: GmailMessage[] = [];
		const gmail = await startGmailServer(inbox);
		try {
			await n8n.import('credentials', [
				{
					id: 'segmailsend00001',
					name: 'Gmail (Dana)',
					type: 'gmailOAuth2',
					data: {
						clientId: 'client-id',
						clientSecret: 'client-secret',
						oauthTokenData: { access_token: gmail.token, refresh_token: 'r', token_type: 'Bearer' },
					},
				},
			]);
			const flow = campaignThatSends(
				'SEe2egmailsend01',
				{
					provider: 'gmail',
					options: { anyHour: true, gmailApiUrl: gmail.rootUrl, dnsServers: dns.server },
				},
				{ gmailOAuth2: { id: 'segmailsend00001', name: 'Gmail (Dana)' } },
				{
					retry: {
						options: {
							anyHour: true,
							gmailApiUrl: gmail.rootUrl,
							dnsServers: dns.server,
							deliverabilityOverride: OVERRIDE,
						},
					},
				},
			);
			await n8n.import('workflow', [flow]);
			const execution = await n8n.execute(flow.id);
			expect(execution.data.resultData.error).toBeUndefined();
			// The first real send of the campaign ran the preflight: only the unsubscribe endpoint
			// fails, the block names it, and nothing was sent.
			const blocked = JSON.stringify(outputOf(execution, 'Send')[0]);
			expect(blocked).toContain('Sending is blocked: the deliverability preflight failed 1 check');
			expect(blocked).toContain('The unsubscribe endpoint does not answer');
			expect(blocked).not.toContain('SPF');
			expect(outputOf(execution, 'Send anyway')[0]).toMatchObject({
				deliverability: 'overridden',
				provider: 'gmail',
				sent: 2,
				failed: 0,
				unknown: 0,
			});
			expect(gmail.sent.map((m) => /^To: (.+)$/m.exec(m.raw)?.[1]).sort()).toEqual([
				'ana@acme.example.net',
				'ben@binford.example.net',
			]);
			for (const m of gmail.sent) {
				expect(m.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
				expect(m.raw).toMatch(/^From: Dana <dana@northwind\.example\.com>$/m);
			}

			// Ana answers in the same Gmail mailbox; reading it stops her sequence, once.
			const touch = gmail.sent.find((m) => /^To: ana@/m.test(m.raw))!;
			const messageId = /^Message-ID: (.+)$/m.exec(touch.raw)![1];
			inbox.push({
				id: '19b0000000000001',
				threadId: touch.threadId,
				internalDate: new Date(),
				labelIds: ['INBOX'],
				raw: Buffer.from(
					[
						'From: Ana <ana@acme.example.net>',
						'To: Dana <dana@northwind.example.com>',
						'Subject: Re: onboarding',
						'Message-ID: <ana-reply-1@acme.example.net>',
						`In-Reply-To: ${messageId}`,
						'',
						'Yes, send me a time for Thursday.',
						'',
					].join('\r\n'),
				),
			});
			const reader = {
				id: 'SEe2ereadgmail01',
				name: 'e2e: read the Gmail mailbox',
				settings: { executionOrder: 'v1' },
				nodes: [
					node('Start', 'n8n-nodes-base.manualTrigger', [0, 0], {}),
					{
						...node('Read', 'n8n-nodes-sales-engine.salesSender', [200, 0], {
							resource: 'incomingMail',
							operation: 'readMailbox',
							provider: 'gmail',
							options: { gmailApiUrl: gmail.rootUrl },
						}),
						credentials: { gmailOAuth2: { id: 'segmailsend00001', name: 'Gmail (Dana)' } },
					},
				],
				connections: { Start: link('Read') },
			};
			await n8n.import('workflow', [reader]);
			const read = await n8n.execute(reader.id);
			expect(read.data.resultData.error).toBeUndefined();
			expect(outputOf(read, 'Read')[0]).toMatchObject({
				mailbox: 'gmail:segmailsend00001',
				read: 1,
				stopped: 1,
				byKind: { reply: 1 },
			});
			const again = await n8n.execute(reader.id);
			expect(outputOf(again, 'Read')[0]).toMatchObject({ read: 0, stopped: 0 });
		} finally {
			await gmail.stop();
		}
	});

	it("sends through Microsoft Graph with n8n's own Outlook credential: a refreshed token, a 429 waited out, a lost answer left unknown", async () => {
		// The first sendMail is throttled (429, Retry-After 1), its retry loses its answer (the
		// connection drops after the request left), the next is accepted.
		const graph = await startGraphServer(
			{},
			{ sendAnswers: [{ status: 429, code: 'ApplicationThrottled', retryAfter: '1' }, 'drop'] },
		);
		try {
			await n8n.import('credentials', [
				{
					id: 'seoutlooksend001',
					name: 'Outlook (Dana)',
					type: 'microsoftOutlookOAuth2Api',
					data: {
						clientId: 'client-id',
						clientSecret: 'client-secret',
						accessTokenUrl: `${graph.baseUrl}/oauth2/v2.0/token`,
						// An hour after signing in: only the refresh token still works.
						oauthTokenData: {
							access_token: 'expired-access-token',
							refresh_token: graph.refreshToken,
							token_type: 'Bearer',
						},
					},
				},
			]);
			const flow = campaignThatSends(
				'SEe2em365send001',
				{
					provider: 'microsoft365',
					options: {
						anyHour: true,
						graphApiUrl: graph.baseUrl,
						dnsServers: dns.server,
						deliverabilityOverride: OVERRIDE,
					},
				},
				{ microsoftOutlookOAuth2Api: { id: 'seoutlooksend001', name: 'Outlook (Dana)' } },
			);
			await n8n.import('workflow', [flow]);
			const execution = await n8n.execute(flow.id);
			expect(execution.data.resultData.error).toBeUndefined();
			expect(outputOf(execution, 'Send')[0]).toMatchObject({
				provider: 'microsoft365',
				sent: 1,
				failed: 0,
				// At most once: the dropped send is never tried again, a person reviews it.
				unknown: 1,
				deferred: expect.objectContaining({ throttled: 0 }),
			});
			expect(graph.sent.map((m) => m.mailbox)).toEqual(['me']);
			const sendMails = graph.requests.filter((r) => r.startsWith('POST /v1.0/me/sendMail'));
			// One refused for the expired token (then refreshed), the 429, the dropped one (never sent
			// again, by n8n's request helper either), the accepted one.
			expect(sendMails).toHaveLength(4);
			expect(graph.requests.filter((r) => r.startsWith('POST /oauth2'))).toHaveLength(1);
			expect(graph.sent[0].raw).toMatch(/^Message-ID: <[0-9a-f]{32}\.1@northwind\.example\.com>$/m);
		} finally {
			await graph.stop();
		}
	});

	it('rotates one campaign across an SMTP, a Gmail and a Microsoft 365 mailbox', async () => {
		const [sink, gmail, graph] = await Promise.all([
			startSmtpSink(),
			startGmailServer([]),
			startGraphServer({}),
		]);
		try {
			await n8n.import('credentials', [
				{
					id: 'sesmtprotation01',
					name: 'SMTP (Dana)',
					type: 'smtp',
					data: { host: '127.0.0.1', port: sink.port, secure: false, user: '', password: '' },
				},
				{
					id: 'segmailrotation1',
					name: 'Gmail (Eli)',
					type: 'gmailOAuth2',
					data: {
						clientId: 'client-id',
						clientSecret: 'client-secret',
						oauthTokenData: { access_token: gmail.token, refresh_token: 'r', token_type: 'Bearer' },
					},
				},
				{
					id: 'seoutlookrotate1',
					name: 'Outlook (Fay)',
					type: 'microsoftOutlookOAuth2Api',
					data: {
						clientId: 'client-id',
						clientSecret: 'client-secret',
						accessTokenUrl: `${graph.baseUrl}/oauth2/v2.0/token`,
						oauthTokenData: { access_token: graph.token, refresh_token: 'r', token_type: 'Bearer' },
					},
				},
			]);
			const mailbox = (address: string, name: string, sendsThrough: string) => ({
				address,
				name,
				sendsThrough,
				perDay: 40,
			});
			const six = ['ana', 'ben', 'cy', 'dee', 'eve', 'fox'].map((n) => ({
				email: `${n}@acme.example.net`,
				first_name: n,
				company: 'Acme',
			}));
			const flow = campaignThatSends(
				'SEe2erotation001',
				{
					provider: 'mixed',
					mailboxes: {
						mailbox: [
							mailbox('dana@northwind.example.com', 'Dana', 'smtp'),
							mailbox('eli@northwind.example.com', 'Eli', 'gmail'),
							mailbox('fay@northwind.example.com', 'Fay', 'microsoft365'),
						],
					},
					options: {
						anyHour: true,
						gmailApiUrl: gmail.rootUrl,
						graphApiUrl: graph.baseUrl,
						dnsServers: dns.server,
						deliverabilityOverride: OVERRIDE,
					},
				},
				{
					smtp: { id: 'sesmtprotation01', name: 'SMTP (Dana)' },
					gmailOAuth2: { id: 'segmailrotation1', name: 'Gmail (Eli)' },
					microsoftOutlookOAuth2Api: { id: 'seoutlookrotate1', name: 'Outlook (Fay)' },
				},
				{ prospects: six },
			);
			await n8n.import('workflow', [flow]);
			const execution = await n8n.execute(flow.id);
			expect(execution.data.resultData.error).toBeUndefined();
			expect(outputOf(execution, 'Send')[0]).toMatchObject({ sent: 6, failed: 0, unknown: 0 });
			const from = (raw: string) => /^From: .*<([^>]+)>$/m.exec(raw)?.[1];
			// Two first touches each, every one from its own mailbox through its own way out.
			expect(sink.received.map((m) => from(m.raw))).toEqual([
				'dana@northwind.example.com',
				'dana@northwind.example.com',
			]);
			expect(gmail.sent.map((m) => from(m.raw))).toEqual([
				'eli@northwind.example.com',
				'eli@northwind.example.com',
			]);
			expect(graph.sent.map((m) => from(m.raw))).toEqual([
				'fay@northwind.example.com',
				'fay@northwind.example.com',
			]);
		} finally {
			await Promise.all([sink.stop(), gmail.stop(), graph.stop()]);
		}
	});
});
