/** Building blocks of the workflows the e2e tests import into n8n. */

/** A node with a stable id derived from its canvas position. */
export const node = (
	name: string,
	type: string,
	position: [number, number],
	parameters: object,
	typeVersion = 1,
) => ({
	id: `00000000-0000-4000-8000-${String(position[0] + position[1] * 7).padStart(12, '0')}`,
	name,
	type,
	typeVersion,
	position,
	parameters,
});

/** A main connection to one node. */
export const link = (to: string) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });

/** The campaign locator pointing at what the "Create campaign" node made. */
export const campaignFromCreate = {
	__rl: true,
	mode: 'id',
	value: "={{ $('Create campaign').first().json.id }}",
};

/** A Manual Trigger and a new campaign for Northwind: the first two nodes of most e2e workflows. */
export function campaignStart(campaign: Record<string, unknown> = {}): object[] {
	return [
		node('Start', 'n8n-nodes-base.manualTrigger', [0, 0], {}),
		node('Create campaign', 'n8n-nodes-sales-engine.salesCampaign', [200, 0], {
			resource: 'campaign',
			operation: 'create',
			brandName: 'Northwind',
			...campaign,
		}),
	];
}

/**
 * The head most e2e workflows share: a Manual Trigger, a new campaign (Northwind vs Globex), and
 * `emails` ingested as Globex's mail through the items source. Ends at the node named "Ingest".
 */
export function ingestedCampaign(
	emails: object[],
	campaign: Record<string, unknown> = {},
): { nodes: object[]; connections: Record<string, object> } {
	return {
		nodes: [
			...campaignStart({ competitors: 'Globex', ...campaign }),
			{
				...node(
					'Emails',
					'n8n-nodes-base.set',
					[400, 0],
					{ mode: 'raw', jsonOutput: JSON.stringify({ emails }), options: {} },
					3.4,
				),
				executeOnce: true,
			},
			node('Split Out', 'n8n-nodes-base.splitOut', [600, 0], {
				fieldToSplitOut: 'emails',
				options: {},
			}),
			node('Ingest', 'n8n-nodes-sales-engine.salesMailIngest', [800, 0], {
				campaignId: campaignFromCreate,
				role: 'competitor',
				competitor: 'Globex',
				source: 'items',
			}),
		],
		connections: {
			Start: link('Create campaign'),
			'Create campaign': link('Emails'),
			Emails: link('Split Out'),
			'Split Out': link('Ingest'),
		},
	};
}

/**
 * Ingest (as `ingestedCampaign`), features, a Blueprint, `prospects` drafted and every passing draft
 * approved: what the sender e2e tests start from. Ends at the node named "Approve" (at [600, 200]).
 */
export function approvedCampaignFlow(
	emails: object[],
	prospects: object[],
	campaign: Record<string, unknown> = {},
): { nodes: object[]; connections: Record<string, object> } {
	const head = ingestedCampaign(emails, campaign);
	const once = (n: object) => ({ ...n, executeOnce: true });
	return {
		nodes: [
			...head.nodes,
			node('Extract', 'n8n-nodes-sales-engine.salesFeatureExtractor', [1000, 0], {
				resource: 'feature',
				operation: 'extract',
				campaignId: campaignFromCreate,
				embeddings: 'none',
			}),
			once(
				node('Synthesize', 'n8n-nodes-sales-engine.salesBlueprintAgent', [1200, 0], {
					resource: 'blueprint',
					operation: 'synthesize',
					campaignId: campaignFromCreate,
					includeReport: false,
				}),
			),
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
			node('Generate', 'n8n-nodes-sales-engine.salesDraftGenerator', [400, 200], {
				resource: 'draft',
				operation: 'generate',
				campaignId: campaignFromCreate,
			}),
			once(
				node('Approve', 'n8n-nodes-sales-engine.salesCampaign', [600, 200], {
					resource: 'draft',
					operation: 'approve',
					campaignId: campaignFromCreate,
					approveBy: 'allPassing',
				}),
			),
		],
		connections: {
			...head.connections,
			Ingest: link('Extract'),
			Extract: link('Synthesize'),
			Synthesize: link('Prospects'),
			Prospects: link('One per row'),
			'One per row': link('Generate'),
			Generate: link('Approve'),
		},
	};
}
