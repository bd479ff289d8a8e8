import { closeAllEngines } from '../nodes/engine';
import { threeDayInterestCorpus } from '../test/fixtures/blueprintCorpus';
import { dsn } from '../test/fixtures/inboundMail';
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
const SECRET = 'Vb7Nq2Wx9Lk4Rt6Yp1Zm8Hc3Jd5Fs0Ga2Ue7Io4Ky6T';

describe('Sales Sender in a real n8n', () => {
	let n8n: N8n;
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	beforeAll(async () => {
		n8n = await N8n.withPackage();
		sink = await startSmtpSink();
	});
	afterAll(async () => {
		await sink?.stop();
		await closeAllEngines();
		n8n?.remove();
	});

	it("sends approved drafts through n8n's SMTP credential, honours the kill switch and one-click unsubscribe, takes in a reply and a bounce", async () => {
		await n8n.import('credentials', [
			{
				id: 'sesmtpsinkloop01',
				name: 'SMTP sink',
				type: 'smtp',
				data: { host: '127.0.0.1', port: sink.port, secure: false, user: '', password: '' },
			},
			{
				id: 'seunsubscribe001',
				name: 'Unsubscribe links',
				type: 'salesEngineUnsubscribeApi',
				data: { unsubscribeUrl: 'https://n8n.example.com/webhook/unsubscribe', secret: SECRET },
			},
		]);
		const head = approvedCampaignFlow(emails, prospects, {
			additionalContext:
				'Northwind makes onboarding software for sales teams. New reps reach quota 40% faster.',
			senderName: 'Dana',
			senderEmail: 'dana@northwind.example.com',
			postalAddress: '1 Main St, Springfield',
		});
		const once = (n: object) => ({ ...n, executeOnce: true });
		const sendParams = {
			resource: 'campaign',
			operation: 'send',
			campaignId: campaignFromCreate,
			provider: 'smtp',
			options: {
				anyHour: true,
				dnsServers: '127.0.0.1:1',
				deliverabilityOverride: 'e2e: loopback SMTP sink, example domains without DNS',
			},
		};
		const unsubscribeLinks = {
			salesEngineUnsubscribeApi: { id: 'seunsubscribe001', name: 'Unsubscribe links' },
		};
		const smtp = { smtp: { id: 'sesmtpsinkloop01', name: 'SMTP sink' }, ...unsubscribeLinks };
		const flow = {
			id: 'SEe2esender00001',
			name: 'e2e: sender',
			settings: { executionOrder: 'v1' },
			nodes: [
				...head.nodes,
				{
					...once(node('Send', 'n8n-nodes-sales-engine.salesSender', [800, 200], sendParams)),
					credentials: smtp,
				},
				once(
					node('Stop everything', 'n8n-nodes-sales-engine.salesSender', [1000, 200], {
						resource: 'killSwitch',
						operation: 'engage',
						scope: 'global',
						reason: 'e2e drill',
					}),
				),
				{
					...once(
						node('Send again', 'n8n-nodes-sales-engine.salesSender', [1200, 200], sendParams),
					),
					credentials: smtp,
				},
				once(
					node('Release', 'n8n-nodes-sales-engine.salesSender', [1400, 200], {
						resource: 'killSwitch',
						operation: 'release',
						scope: 'global',
					}),
				),
			],
			connections: {
				...head.connections,
				Approve: link('Send'),
				Send: link('Stop everything'),
				'Stop everything': link('Send again'),
				'Send again': link('Release'),
			},
		};
		await n8n.import('workflow', [flow]);
		const execution = await n8n.execute(flow.id);
		expect(execution.data.resultData.error).toBeUndefined();
		expect(outputOf(execution, 'Send')[0]).toMatchObject({
			provider: 'smtp',
			sent: 2,
			failed: 0,
			stopped: null,
		});
		expect(outputOf(execution, 'Send again')[0]).toMatchObject({
			sent: 0,
			stopped: 'kill switch engaged (global: e2e drill)',
		});
		expect(outputOf(execution, 'Release')[0]).toMatchObject({ scope: 'global', engaged: false });
		expect(sink.received.map((m) => m.to[0]).sort()).toEqual([
			'ana@acme.example.net',
			'ben@binford.example.net',
		]);

		const token = /token=([\w-]+\.[\w-]+)/.exec(sink.received[0].raw.replace(/=\r\n/g, ''))?.[1];
		expect(token).toBeDefined();
		const unsubscribe = {
			id: 'SEe2esender00002',
			name: 'e2e: unsubscribe',
			settings: { executionOrder: 'v1' },
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger', [0, 0], {}),
				{
					...node('Unsubscribe', 'n8n-nodes-sales-engine.salesSender', [200, 0], {
						resource: 'recipient',
						operation: 'unsubscribe',
						token,
					}),
					credentials: unsubscribeLinks,
				},
			],
			connections: { Start: link('Unsubscribe') },
		};
		await n8n.import('workflow', [unsubscribe]);
		const first = await n8n.execute(unsubscribe.id);
		expect(outputOf(first, 'Unsubscribe')[0]).toMatchObject({
			email: sink.received[0].to[0],
			alreadyUnsubscribed: false,
		});
		const second = await n8n.execute(unsubscribe.id);
		expect(outputOf(second, 'Unsubscribe')[0]).toMatchObject({ alreadyUnsubscribed: true });

		// What comes back: a reply as the Email Trigger (IMAP) puts it out, a DSN as a raw file.
		const byRecipient = new Map(sink.received.map((m) => [m.to[0], m]));
		// The one who did not unsubscribe replies; the other's message bounces.
		const [replier, bounced] = [sink.received[1].to[0], sink.received[0].to[0]];
		const messageIdOf = (to: string) =>
			/^Message-ID: (<[^>]+>)/im.exec(byRecipient.get(to)?.raw ?? '')?.[1] as string;
		const replyItem = {
			from: { text: `Prospect <${replier}>` },
			subject: 'Re: your note',
			messageId: '<reply-e2e@binford.example.net>',
			inReplyTo: messageIdOf(replier),
			text: 'Yes, Thursday works.',
		};
		const intake = {
			id: 'SEe2esender00003',
			name: 'e2e: reply intake',
			settings: { executionOrder: 'v1' },
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger', [0, 0], {}),
				node(
					'Reply',
					'n8n-nodes-base.set',
					[200, 0],
					{ mode: 'raw', jsonOutput: JSON.stringify(replyItem), options: {} },
					3.4,
				),
				node('Take reply', 'n8n-nodes-sales-engine.salesSender', [400, 0], {
					resource: 'incomingMail',
					operation: 'intake',
					inputFormat: 'fields',
				}),
				node(
					'Bounce',
					'n8n-nodes-base.set',
					[600, 0],
					{
						mode: 'raw',
						jsonOutput: JSON.stringify({
							dsn: dsn(bounced, messageIdOf(bounced)).toString(),
						}),
						options: {},
					},
					3.4,
				),
				node(
					'As file',
					'n8n-nodes-base.convertToFile',
					[800, 0],
					{ operation: 'toText', sourceProperty: 'dsn', options: { fileName: 'dsn.eml' } },
					1.1,
				),
				node('Take bounce', 'n8n-nodes-sales-engine.salesSender', [1000, 0], {
					resource: 'incomingMail',
					operation: 'intake',
					inputFormat: 'binary',
					binaryPropertyName: 'data',
				}),
			],
			connections: {
				Start: link('Reply'),
				Reply: link('Take reply'),
				'Take reply': link('Bounce'),
				Bounce: link('As file'),
				'As file': link('Take bounce'),
			},
		};
		await n8n.import('workflow', [intake]);
		const taken = await n8n.execute(intake.id);
		expect(taken.data.resultData.error).toBeUndefined();
		expect(outputOf(taken, 'Take reply')[0]).toMatchObject({
			kind: 'reply',
			matched: { by: 'message-id', recipient: replier, step: 1 },
			effect: 'prospect marked replied: the rest of the sequence is not sent',
		});
		expect(outputOf(taken, 'Take bounce')[0]).toMatchObject({
			kind: 'hard_bounce',
			status: '5.1.1',
			matched: { by: 'message-id', recipient: bounced },
		});
	});
});
