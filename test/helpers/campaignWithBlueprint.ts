import {
	createCampaign,
	type Engine,
	extractFeatures,
	ingestMessages,
	synthesizeBlueprint,
} from '../../nodes/engine';
import { threeDayInterestCorpus } from '../fixtures/blueprintCorpus';

/**
 * A campaign ready for drafts: Northwind against Globex, Globex's three-day corpus ingested (and,
 * with `brandMail`, Northwind's own), features extracted and, unless `synthesize` is false, a
 * Blueprint synthesized. Returns the campaign's id.
 */
export async function campaignWithBlueprint(
	engine: Engine,
	sender: { name?: string; email: string; postalAddress?: string },
	options: { website?: string; brandMail?: boolean; synthesize?: boolean } = {},
): Promise<string> {
	const { id } = await createCampaign(engine, {
		brand: { name: 'Northwind', ...(options.website ? { website: options.website } : {}) },
		competitors: [{ name: 'Globex' }],
		sender,
	});
	const ingest = (source: 'brand' | 'competitor', company: string, person: string) =>
		ingestMessages(
			engine,
			{ campaignId: id, source, ...(source === 'competitor' ? { competitor: company } : {}) },
			(async function* () {
				yield* threeDayInterestCorpus(company, person);
			})(),
		);
	if (options.brandMail) await ingest('brand', 'Northwind', 'Dana');
	await ingest('competitor', 'Globex', 'Sam');
	await extractFeatures(engine, id);
	if (options.synthesize !== false) await synthesizeBlueprint(engine, id);
	return id;
}
