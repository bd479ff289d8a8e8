import { closeAllEngines } from '../nodes/engine';
import { competitorCorpus } from '../test/fixtures/salesCorpus';
import { OLLAMA_DIMS, startOllamaServer } from '../test/helpers/ollamaServer';
import { N8n, outputOf } from './helpers/n8n';
import { campaignFromCreate, ingestedCampaign, link, node } from './helpers/workflow';

/** The competitor corpus as the plain email items a sheet or n8n's mail nodes would give. */
const emails = competitorCorpus().map((item) => (item.kind === 'fields' ? item.fields : {}));

describe('Sales Feature Extractor in a real n8n', () => {
	let n8n: N8n;
	beforeAll(async () => {
		n8n = await N8n.withPackage();
	});
	afterAll(async () => {
		await closeAllEngines();
		n8n?.remove();
	});

	function workflow(
		id: string,
		extractor: object,
		extra: { nodes: object[]; connections: object },
	) {
		const head = ingestedCampaign(emails);
		return {
			id,
			name: `e2e: features ${id}`,
			settings: { executionOrder: 'v1' },
			nodes: [
				...head.nodes,
				node('Extract', 'n8n-nodes-sales-engine.salesFeatureExtractor', [1000, 0], {
					resource: 'feature',
					operation: 'extract',
					campaignId: campaignFromCreate,
					...extractor,
				}),
				node('Soft step 2, 3-5 days', 'n8n-nodes-sales-engine.salesFeatureExtractor', [1200, 0], {
					resource: 'feature',
					operation: 'query',
					campaignId: campaignFromCreate,
					filters: {
						source: 'competitor',
						step: 2,
						ctaStrength: 'soft',
						minGapDays: 3,
						maxGapDays: 5,
					},
				}),
				...extra.nodes,
			],
			connections: {
				...head.connections,
				Ingest: link('Extract'),
				Extract: link('Soft step 2, 3-5 days'),
				...extra.connections,
			},
		};
	}

	it('extracts, answers the seed query and finds similar mail with the built-in lexical embedder', async () => {
		const flow = workflow(
			'SEe2efeatures001',
			{ embeddings: 'auto' },
			{
				nodes: [
					{
						...node('Similar', 'n8n-nodes-sales-engine.salesFeatureExtractor', [1400, 0], {
							resource: 'similarity',
							operation: 'similar',
							campaignId: campaignFromCreate,
							like: 'text',
							text: 'Is ramp time a priority this quarter?',
							similarOptions: { limit: 3 },
						}),
						executeOnce: true,
					},
				],
				connections: { 'Soft step 2, 3-5 days': link('Similar') },
			},
		);
		await n8n.import('workflow', [flow]);
		const execution = await n8n.execute(flow.id);
		expect(execution.data.resultData.error).toBeUndefined();
		expect(outputOf(execution, 'Extract')).toEqual([
			expect.objectContaining({
				featurized: emails.length,
				errors: [],
				embeddings: expect.objectContaining({
					model: 'lexical-hash-v1',
					kind: 'lexical',
					dims: 256,
					embedded: emails.length,
				}),
			}),
		]);
		const soft = outputOf(execution, 'Soft step 2, 3-5 days');
		expect(soft.map((r) => r.subject)).toEqual([
			'Re: Ramp time at Acme',
			'Re: Ramp time at Binford',
			'Re: Ramp time at Cyberdyne',
			'Re: Ramp time at Dunder',
		]);
		const similar = outputOf(execution, 'Similar');
		expect(similar).toHaveLength(3);
		expect(String(similar[0].subject)).toMatch(/^Re: Ramp time at /);
	});

	it("embeds with n8n's own Embeddings Ollama sub-node when one is connected", async () => {
		const ollama = await startOllamaServer();
		try {
			await n8n.import('credentials', [
				{
					id: 'seollamaloop0001',
					name: 'Ollama',
					type: 'ollamaApi',
					data: { baseUrl: ollama.baseUrl },
				},
			]);
			const flow = workflow(
				'SEe2efeatures002',
				{ embeddings: 'auto', options: { batchSize: 4 } },
				{
					nodes: [
						{
							...node(
								'Embeddings Ollama',
								'@n8n/n8n-nodes-langchain.embeddingsOllama',
								[1000, 200],
								{ model: 'nomic-embed-text' },
							),
							credentials: { ollamaApi: { id: 'seollamaloop0001', name: 'Ollama' } },
						},
					],
					connections: {
						'Embeddings Ollama': {
							ai_embedding: [[{ node: 'Extract', type: 'ai_embedding', index: 0 }]],
						},
					},
				},
			);
			await n8n.import('workflow', [flow]);
			const execution = await n8n.execute(flow.id);
			expect(execution.data.resultData.error).toBeUndefined();
			expect(outputOf(execution, 'Extract')).toEqual([
				expect.objectContaining({
					featurized: emails.length,
					embeddings: expect.objectContaining({
						model: 'OllamaEmbeddings:nomic-embed-text',
						kind: 'model',
						dims: OLLAMA_DIMS,
						embedded: emails.length,
						indexed: true,
					}),
				}),
			]);
			expect(ollama.requests.reduce((sum, r) => sum + r.inputs, 0)).toBe(emails.length);
			expect(ollama.requests[0].model).toBe('nomic-embed-text');
		} finally {
			await ollama.stop();
		}
	});
});
