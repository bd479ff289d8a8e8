import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyCollection, INodeType } from 'n8n-workflow';

import { SalesBlueprintAgent } from '../../../nodes/SalesBlueprintAgent/SalesBlueprintAgent.node';
import { SalesCampaign } from '../../../nodes/SalesCampaign/SalesCampaign.node';
import { SalesDraftGenerator } from '../../../nodes/SalesDraftGenerator/SalesDraftGenerator.node';
import { SalesFeatureExtractor } from '../../../nodes/SalesFeatureExtractor/SalesFeatureExtractor.node';
import { SalesMailIngest } from '../../../nodes/SalesMailIngest/SalesMailIngest.node';
import { SalesSender } from '../../../nodes/SalesSender/SalesSender.node';

const ROOT = join(__dirname, '..', '..', '..');
const NODES: Array<[string, INodeType]> = [
	['SalesBlueprintAgent', new SalesBlueprintAgent()],
	['SalesCampaign', new SalesCampaign()],
	['SalesDraftGenerator', new SalesDraftGenerator()],
	['SalesFeatureExtractor', new SalesFeatureExtractor()],
	['SalesMailIngest', new SalesMailIngest()],
	['SalesSender', new SalesSender()],
];

/** Every property and nested option value of a node, with its path, except the selectors. */
function propertiesOf(
	properties: INodeProperties[],
	prefix = '',
): Array<[string, INodeProperties]> {
	return properties.flatMap((p) => {
		const here: Array<[string, INodeProperties]> =
			p.type === 'notice' || p.name === 'resource' || p.name === 'operation'
				? []
				: [[prefix + p.name, p]];
		const nested = (p.options ?? []).flatMap((o) =>
			'values' in o
				? propertiesOf((o as INodePropertyCollection).values, `${prefix}${p.name}.`)
				: 'type' in o
					? propertiesOf([o as INodeProperties], `${prefix}${p.name}.`)
					: [],
		);
		return [...here, ...nested];
	});
}

/** GitHub's anchors for the README's headings. */
const readmeAnchors = new Set(
	readFileSync(join(ROOT, 'README.md'), 'utf8')
		.split('\n')
		.filter((line) => /^#{1,4} /.test(line))
		.map((line) =>
			line
				.replace(/^#+ /, '')
				.toLowerCase()
				.replace(/[^\w\- ]/g, '')
				.replace(/ /g, '-'),
		),
);

describe.each(NODES)('the %s node explains itself', (name, node) => {
	it('every property, nested ones included, has a description', () => {
		const missing = propertiesOf(node.description.properties)
			.filter(([, p]) => !p.description?.trim())
			.map(([path]) => path);
		expect(missing).toEqual([]);
	});

	it('links to its README section, in the node and in its codex file, and the section exists', () => {
		const url = node.description.documentationUrl ?? '';
		expect(url).toMatch(/^https:\/\/github\.com\/.+#[a-z-]+$/);
		expect(readmeAnchors).toContain(url.split('#')[1]);
		const codex = JSON.parse(
			readFileSync(join(ROOT, 'nodes', name, `${name}.node.json`), 'utf8'),
		) as { resources: { primaryDocumentation: Array<{ url: string }> } };
		expect(codex.resources.primaryDocumentation[0].url).toBe(url);
	});

	it('takes the store credential as optional and says so first', () => {
		const store = node.description.credentials?.find((c) => c.name === 'salesEngineStoreApi');
		expect(store?.required).toBe(false);
		const [first] = node.description.properties;
		expect(first).toMatchObject({ type: 'notice', name: 'storeNotice' });
		expect(first.displayName).toMatch(/optional.*embedded store/);
	});
});
