import { closeAllEngines } from '../nodes/engine';
import { threeDayInterestCorpus } from '../test/fixtures/blueprintCorpus';
import { startGmailServer } from '../test/helpers/gmailServer';
import { startGraphServer } from '../test/helpers/graphServer';
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

/** A campaign from ingest to approval, then one Send Due Drafts with `send` parameters. */
function campaignThatSends(id: string, send: object, credentials: object) {
	const head = approvedCampaignFlow(emails, prospects, {
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
			},
		],
		connections: { ...head.connections, Approve: link('Send') },
	};
}

describe("Sending from the user's own mailboxes in a real n8n", () => {
	let n8n: N8n;
	beforeAll(async () => {
		n8n = await N8n.withPackage();
		await n8n.import('credentials', [
			{
				id: 'seunsubscribe002',
				name: 'Unsubscribe links',
				type: 'salesEngineUnsubscribeApi',
				data: {
					unsubscribeUrl: 'https://n8n.example.com/webhook/unsubscribe',
					secret: 'e2e-unsubscribe-secret-0123456789',
				},
			},
		]);
	});
	afterAll(async () => {
		await closeAllEngines();
		n8n?.remove();
	});

	it("sends through the Gmail API with n8n's own Gmail OAuth2 credential", async () => {
		const gmail = await startGmailServer([]);
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
				{ provider: 'gmail', options: { anyHour: true, gmailApiUrl: gmail.rootUrl } },
				{ gmailOAuth2: { id: 'segmailsend00001', name: 'Gmail (Dana)' } },
			);
			await n8n.import('workflow', [flow]);
			const execution = await n8n.execute(flow.id);
			expect(execution.data.resultData.error).toBeUndefined();
			expect(outputOf(execution, 'Send')[0]).toMatchObject({
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
		} finally {
			await gmail.stop();
		}
	});

	it("sends through Microsoft Graph with n8n's own Outlook credential, which n8n refreshes", async () => {
		const graph = await startGraphServer({});
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
				{ provider: 'microsoft365', options: { anyHour: true, graphApiUrl: graph.baseUrl } },
				{ microsoftOutlookOAuth2Api: { id: 'seoutlooksend001', name: 'Outlook (Dana)' } },
			);
			await n8n.import('workflow', [flow]);
			const execution = await n8n.execute(flow.id);
			expect(execution.data.resultData.error).toBeUndefined();
			expect(outputOf(execution, 'Send')[0]).toMatchObject({
				provider: 'microsoft365',
				sent: 2,
				failed: 0,
				unknown: 0,
			});
			expect(graph.sent.map((m) => m.mailbox)).toEqual(['me', 'me']);
			expect(graph.requests.filter((r) => r.startsWith('POST /oauth2'))).toHaveLength(1);
			expect(graph.sent[0].raw).toMatch(/^Message-ID: <[0-9a-f]{32}\.1@northwind\.example\.com>$/m);
		} finally {
			await graph.stop();
		}
	});
});
