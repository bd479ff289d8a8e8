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
