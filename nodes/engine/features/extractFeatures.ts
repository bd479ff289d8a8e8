import { recordEvent } from '../audit/recordEvent';
import { loadCampaign } from '../campaign/getCampaign';
import type { Engine } from '../Engine';
import { analyzeAfterBulk } from '../store/analyzeAfterBulk';
import { mapLimit } from '../util/mapLimit';
import type { Embedder } from './embeddings/Embedder';
import { embedEmails, type EmbeddingLog } from './embeddings/embedEmails';
import { EXTRACTOR_VERSION, type EmailSignals, extractSignals } from './extractSignals';
import { type EmailForFeatures, loadEmailBatch } from './loadEmailBatch';
import { storeFeatures } from './storeFeatures';

export interface FeatureOptions {
	/** Emails read, featurized and written per statement. */
	batchSize?: number;
	/** Recompute emails whose features are current too (after a lexicon change, say). */
	all?: boolean;
	/** Embeds after featurizing; without one, no embeddings are made. */
	embedder?: Embedder;
	actor?: string;
}

export interface FeatureLog {
	campaignId: string;
	extractorVersion: number;
	featurized: number;
	/** Emails whose features were already current (left alone). */
	upToDate: number;
	errors: Array<{ emailId: number; message: string }>;
	embeddings: EmbeddingLog | { skipped: string } | null;
}

const HTML_READS_IN_FLIGHT = 16;

/** The message's HTML for the image count; a missing object only leaves the count unknown. */
async function htmlOf(engine: Engine, email: EmailForFeatures): Promise<string | null> {
	if (!email.body_html_key) return null;
	try {
		return (await engine.objects.get(email.body_html_key)).toString('utf8');
	} catch {
		return null;
	}
}

/**
 * Stage 4: features for every email of the campaign not yet featurized by this extractor version,
 * batch by batch. Each batch is one statement, so a failure leaves whole batches behind and the next
 * run resumes where this one stopped; re-running when all are current writes nothing.
 */
export async function extractFeatures(
	engine: Engine,
	campaignId: string,
	options: FeatureOptions = {},
): Promise<FeatureLog> {
	const campaign = await loadCampaign(engine.db, campaignId);
	const batchSize = options.batchSize ?? 500;
	const all = options.all ?? false;
	const { rows: counts } = await engine.db.query<{ total: string; current: string }>(
		`select count(*) as total,
			count(f.email_id) filter (where f.extractor_version >= $2) as current
		from emails e left join email_features f on f.email_id = e.id
		where e.campaign_id = $1`,
		[campaign.id, EXTRACTOR_VERSION],
	);
	const log: FeatureLog = {
		campaignId: campaign.id,
		extractorVersion: EXTRACTOR_VERSION,
		featurized: 0,
		upToDate: all ? 0 : Number(counts[0].current),
		errors: [],
		embeddings: null,
	};
	let afterId = 0;
	for (;;) {
		const emails = await loadEmailBatch(engine.db, campaign.id, {
			afterId,
			limit: batchSize,
			version: EXTRACTOR_VERSION,
			all,
		});
		if (emails.length === 0) break;
		afterId = emails.at(-1)!.id;
		const html = await mapLimit(emails, HTML_READS_IN_FLIGHT, (email) => htmlOf(engine, email));
		const batch: Array<{ email: EmailForFeatures; signals: EmailSignals }> = [];
		emails.forEach((email, i) => {
			try {
				const signals = extractSignals({
					subject: email.subject,
					body: email.body_text,
					signature: email.signature_text,
					to: email.to_address ?? undefined,
					html: html[i],
					threadPosition: email.thread_position,
					gapSeconds: email.gap_from_previous_s,
					previousBody: email.previous_body,
				});
				batch.push({ email, signals });
			} catch (error) {
				log.errors.push({ emailId: email.id, message: (error as Error).message });
			}
		});
		log.featurized += await storeFeatures(engine.db, campaign.id, batch);
	}
	await analyzeAfterBulk(engine.db, 'email_features', log.featurized);
	if (options.embedder) {
		log.embeddings = engine.schema.vector.usable
			? await embedEmails(engine, campaign.id, options.embedder)
			: { skipped: engine.schema.vector.reason ?? 'pgvector is not available in this database' };
	}
	await recordEvent(engine.db, {
		campaignId: campaign.id,
		type: 'features_extracted',
		actor: options.actor,
		data: {
			featurized: log.featurized,
			errors: log.errors.length,
			embedded: log.embeddings && 'embedded' in log.embeddings ? log.embeddings.embedded : 0,
		},
	});
	return log;
}
