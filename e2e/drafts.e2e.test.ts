import { closeAllEngines } from '../nodes/engine';
import { threeDayInterestCorpus } from '../test/fixtures/blueprintCorpus';
import { N8n, outputOf } from './helpers/n8n';
import { campaignFromCreate, ingestedCampaign, link, node } from './helpers/workflow';

const emails = threeDayInterestCorpus('Globex', 'Sam').map((item) =>
	item.kind === 'fields' ? item.fields : {},
);

/** Prospects as a spreadsheet export would give them: one bad address, one duplicate. */
const prospects = [
	{
		Email: 'ana@acme.example.net',
		'First Name': 'Ana',
		Company: 'Acme',
		'Recent Post': 'your post about hiring ten new reps',
	},
	{ Email: 'ben@binford.example.net', 'First Name': 'Ben', Company: 'Binford', 'Recent Post': '' },
	{ Email: 'not-an-address', 'First Name': 'Cy', Company: 'Cyberdyne', 'Recent Post': '' },
	{ Email: 'ANA@acme.example.net', 'First Name': 'Ana', Company: 'Acme', 'Recent Post': '' },
];

const campaign = (name: string, type: string, x: number, params: object, extra: object = {}) => ({
	...node(name, type, [x, 200], { campaignId: campaignFromCreate, ...params }),
	...extra,
});

describe('Sales Draft Generator and approval in a real n8n', () => {
	let n8n: N8n;
	beforeAll(async () => {
		n8n = await N8n.withPackage();
	});
	afterAll(async () => {
		await closeAllEngines();
		n8n?.remove();
	});

	it('drafts from an uploaded CSV under the Blueprint, then approves, edits and reviews', async () => {
		const head = ingestedCampaign(emails, {
			additionalContext:
				'Northwind makes onboarding software for sales teams. New reps reach quota 40% faster.',
			senderName: 'Dana',
			senderEmail: 'dana@northwind.example.com',
			postalAddress: '1 Main St, Springfield',
		});
		const flow = {
			id: 'SEe2edrafts00001',
			name: 'e2e: drafts',
			settings: { executionOrder: 'v1' },
			nodes: [
				...head.nodes,
				node('Extract', 'n8n-nodes-sales-engine.salesFeatureExtractor', [1000, 0], {
					resource: 'feature',
					operation: 'extract',
					campaignId: campaignFromCreate,
					embeddings: 'none',
				}),
				{
					...node('Synthesize', 'n8n-nodes-sales-engine.salesBlueprintAgent', [1200, 0], {
						resource: 'blueprint',
						operation: 'synthesize',
						campaignId: campaignFromCreate,
						includeReport: false,
					}),
					executeOnce: true,
				},
				node(
					'Prospects',
					'n8n-nodes-base.set',
					[0, 200],
					{ mode: 'raw', jsonOutput: JSON.stringify({ prospects }), options: {} },
					3.4,
				),
				node('One per row', 'n8n-nodes-base.splitOut', [200, 200], {
					fieldToSplitOut: 'prospects',
					options: {},
				}),
				// All rows into one file, as a person's upload would be.
				node(
					'CSV',
					'n8n-nodes-base.convertToFile',
					[400, 200],
					{ operation: 'csv', options: {} },
					1.1,
				),
				campaign('Generate', 'n8n-nodes-sales-engine.salesDraftGenerator', 600, {
					resource: 'draft',
					operation: 'generate',
					prospectSource: 'csv',
				}),
				campaign(
					'Approve all passing',
					'n8n-nodes-sales-engine.salesCampaign',
					800,
					{
						resource: 'draft',
						operation: 'approve',
						approveBy: 'allPassing',
						reviewer: 'jane@northwind.example.com',
					},
					{ executeOnce: true },
				),
				campaign(
					'Review',
					'n8n-nodes-sales-engine.salesCampaign',
					1000,
					{ resource: 'draft', operation: 'review', limit: 100 },
					{ executeOnce: true },
				),
				campaign(
					'Edit first',
					'n8n-nodes-sales-engine.salesCampaign',
					1200,
					{
						resource: 'draft',
						operation: 'edit',
						draftId: "={{ $('Review').first().json.id }}",
						subject: 'Onboarding at Acme',
						reviewer: 'jane@northwind.example.com',
					},
					{ executeOnce: true },
				),
			],
			connections: {
				...head.connections,
				Ingest: link('Extract'),
				Extract: link('Synthesize'),
				Synthesize: link('Prospects'),
				Prospects: link('One per row'),
				'One per row': link('CSV'),
				CSV: link('Generate'),
				Generate: link('Approve all passing'),
				'Approve all passing': link('Review'),
				Review: link('Edit first'),
			},
		};
		await n8n.import('workflow', [flow]);
		const execution = await n8n.execute(flow.id);
		expect(execution.data.resultData.error).toBeUndefined();

		const generated = outputOf(execution, 'Generate');
		expect(generated.map((g) => [g.email ?? g.row, g.writer ?? g.error, g.created])).toEqual([
			['ana@acme.example.net', 'deterministic', 3],
			['ben@binford.example.net', 'deterministic', 3],
			['ana@acme.example.net', 'existing', 0],
			[
				4,
				'File.csv, line 4: "not-an-address" is not a valid email address: it has no local part and domain around an @',
				undefined,
			],
		]);
		const [approval] = outputOf(execution, 'Approve all passing');
		expect((approval.approved as unknown[]).length).toBe(6);
		const review = outputOf(execution, 'Review');
		expect(review).toHaveLength(6);
		expect(
			review.every((d) => d.status === 'approved' && d.approvedBy === 'jane@northwind.example.com'),
		).toBe(true);
		expect(String(review[0].preview)).toContain('Passes the Blueprint');
		const [edited] = outputOf(execution, 'Edit first');
		expect(edited).toMatchObject({
			subject: 'Onboarding at Acme',
			status: 'pending_approval',
			approvalWithdrawn: true,
			approvedHash: null,
		});
	});
});
