import { closeAllEngines } from '../nodes/engine';
import { threeDayInterestCorpus } from '../test/fixtures/blueprintCorpus';
import { type Dovecot, startDovecot } from '../test/helpers/dovecot';
import { startSmtpSink } from '../test/helpers/smtpSink';
import { N8n, outputOf } from './helpers/n8n';
import { approvedCampaignFlow, campaignFromCreate, link, node } from './helpers/workflow';

const emails = threeDayInterestCorpus('Globex', 'Sam').map((item) =>
	item.kind === 'fields' ? item.fields : {},
);
const SEED = 'seed@dovecot.test';
const OVERRIDE = 'e2e: the unsubscribe webhook is not public here';

/** The seed mailbox's own server files the second mailbox's domain into Junk. */
const SIEVE = `require ["fileinto"];
if address :domain :is "from" "blocked-mail.test" { fileinto "Junk"; stop; }
`;

describe('the seed-list placement test in a real n8n', () => {
	let n8n: N8n;
	let dovecot: Dovecot;
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	beforeAll(async () => {
		dovecot = await startDovecot({ sieve: SIEVE });
		// The receiving side of the seed: what the SMTP sink accepts for it goes through Dovecot's
		// LDA and its Sieve rule, as a real mail server delivers it.
		sink = await startSmtpSink(
			{},
			{
				onMessage: (m) => {
					const from = /^From:.*<([^>]+)>/im.exec(m.raw)?.[1] ?? '';
					if (m.to.includes(SEED)) dovecot.deliverLda(Buffer.from(m.raw), from);
				},
			},
		);
		n8n = await N8n.withPackage();
		await n8n.import('credentials', [
			{
				id: 'seunsubscribe009',
				name: 'Unsubscribe links',
				type: 'salesEngineUnsubscribeApi',
				data: {
					unsubscribeUrl: 'https://n8n.example.com/webhook/unsubscribe',
					secret: 'Vb7Nq2Wx9Lk4Rt6Yp1Zm8Hc3Jd5Fs0Ga2Ue7Io4Ky6T',
				},
			},
			{
				id: 'sesmtpplacement1',
				name: 'SMTP (sink)',
				type: 'smtp',
				data: { host: '127.0.0.1', port: sink.port, secure: false, user: '', password: '' },
			},
			{
				id: 'seimapseed00001',
				name: 'IMAP seed',
				type: 'imap',
				data: {
					user: dovecot.user,
					password: dovecot.password,
					host: dovecot.host,
					port: dovecot.port,
					secure: false,
				},
			},
		]);
	});
	afterAll(async () => {
		await sink?.stop();
		dovecot?.stop();
		await closeAllEngines();
		n8n?.remove();
	});

	it('sends to the seed from two mailboxes, reads where each landed, and blocks the first real send until overridden', async () => {
		const head = approvedCampaignFlow(
			emails,
			[{ email: 'ana@acme.example.net', first_name: 'Ana', company: 'Acme' }],
			{
				senderName: 'Dana',
				senderEmail: 'dana@northwind-mail.test',
				postalAddress: '1 Main St, Springfield',
			},
		);
		const smtp = { smtp: { id: 'sesmtpplacement1', name: 'SMTP (sink)' } };
		const unsubscribe = {
			salesEngineUnsubscribeApi: { id: 'seunsubscribe009', name: 'Unsubscribe links' },
		};
		const mailboxes = {
			mailbox: [
				{ address: 'dana@northwind-mail.test', name: 'Dana', perDay: 40 },
				{ address: 'sam@blocked-mail.test', name: 'Sam', perDay: 40 },
			],
		};
		const send = (name: string, position: [number, number], options: object) => ({
			...node(name, 'n8n-nodes-sales-engine.salesSender', position, {
				resource: 'campaign',
				operation: 'send',
				campaignId: campaignFromCreate,
				provider: 'smtp',
				mailboxes,
				options: { anyHour: true, deliverabilityOverride: OVERRIDE, ...options },
			}),
			executeOnce: true,
			onError: 'continueRegularOutput',
			credentials: { ...smtp, ...unsubscribe },
		});
		const flow = {
			id: 'SEe2eplacement01',
			name: 'e2e: placement',
			settings: { executionOrder: 'v1' },
			nodes: [
				...head.nodes,
				{
					...node('Send test', 'n8n-nodes-sales-engine.salesSender', [800, 200], {
						resource: 'campaign',
						operation: 'sendPlacementTest',
						campaignId: campaignFromCreate,
						provider: 'smtp',
						mailboxes,
						seeds: { seed: [{ address: SEED, kind: 'imap' }] },
						options: {},
					}),
					executeOnce: true,
					credentials: { ...smtp, ...unsubscribe },
				},
				{
					...node('Read seed', 'n8n-nodes-sales-engine.salesSender', [1000, 200], {
						resource: 'incomingMail',
						operation: 'readPlacement',
						campaignId: campaignFromCreate,
						provider: 'imap',
						seedAddress: SEED,
						options: { pollSeconds: 1, timeoutSeconds: 20 },
					}),
					executeOnce: true,
					credentials: { imap: { id: 'seimapseed00001', name: 'IMAP seed' } },
				},
				send('Send', [1200, 200], {}),
				send('Send anyway', [1400, 200], {
					placementOverride: 'Sam moves to another domain next week; approved by Ana',
				}),
			],
			connections: {
				...head.connections,
				Approve: link('Send test'),
				'Send test': link('Read seed'),
				'Read seed': link('Send'),
				Send: link('Send anyway'),
			},
		};
		await n8n.import('workflow', [flow]);
		const execution = await n8n.execute(flow.id);
		expect(execution.data.resultData.error).toBeUndefined();
		const [read] = outputOf(execution, 'Read seed');
		expect(
			(read.rows as Array<Record<string, unknown>>).map((r) => [r.sender, r.placement, r.folder]),
		).toEqual([
			['dana@northwind-mail.test', 'inbox', 'INBOX'],
			['sam@blocked-mail.test', 'spam', 'Junk'],
		]);
		expect(read).toMatchObject({ inboxShare: 0.5, minInboxShare: 0.8, passed: false });
		const blocked = JSON.stringify(outputOf(execution, 'Send')[0]);
		expect(blocked).toContain(
			'Sending is blocked: the placement test put 50 % in the inbox, under the 80 % it needs',
		);
		expect(blocked).toContain('sam@blocked-mail.test → seed@dovecot.test (imap): spam (Junk)');
		// Only the two test messages reached the sink before the override.
		expect(outputOf(execution, 'Send anyway')[0]).toMatchObject({
			placement: 'overridden',
			sent: 1,
			failed: 0,
		});
		expect(sink.received.filter((m) => m.to.includes(SEED))).toHaveLength(2);
		expect(sink.received.filter((m) => m.to.includes('ana@acme.example.net'))).toHaveLength(1);
	});
});
