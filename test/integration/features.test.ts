import {
	createCampaign,
	embedEmails,
	type Engine,
	extractFeatures,
	ingestMessages,
	lexicalEmbedder,
	queryFeatures,
	similarEmails,
	templateFamilies,
} from '../../nodes/engine';
import { brandCorpus, competitorCorpus } from '../fixtures/salesCorpus';
import { dropIndexForBulk } from '../../nodes/engine/features/embeddings/ensureVectorIndex';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

describe.each(STORE_KINDS)('feature extraction on %s', (kind) => {
	let store: TestStore;
	let campaignId: string;
	const total = competitorCorpus().length + brandCorpus().length;

	beforeAll(async () => {
		store = await openTestStore(kind);
		const { engine } = store;
		campaignId = (
			await createCampaign(engine, {
				brand: { name: 'Northwind' },
				competitors: [{ name: 'Globex' }],
			})
		).id;
		await ingestMessages(engine, { campaignId, source: 'brand' }, brandCorpus());
		await ingestMessages(
			engine,
			{ campaignId, source: 'competitor', competitor: 'Globex' },
			competitorCorpus(),
		);
	});
	afterAll(async () => {
		await store?.dispose();
	});

	it('resumes after a failure mid-run: whole batches stay, the rest is done next time', async () => {
		let inserts = 0;
		const failing: Engine = {
			...store.engine,
			db: {
				...store.engine.db,
				query: (sql, params) => {
					if (sql.includes('insert into email_features') && ++inserts === 2) {
						return Promise.reject(new Error('connection lost'));
					}
					return store.engine.db.query(sql, params);
				},
			} as Engine['db'],
		};
		await expect(extractFeatures(failing, campaignId, { batchSize: 5 })).rejects.toThrow(
			'connection lost',
		);
		const count = async () =>
			Number(
				(
					await store.engine.db.query<{ n: string }>(
						'select count(*) as n from email_features where campaign_id = $1',
						[campaignId],
					)
				).rows[0].n,
			);
		expect(await count()).toBe(5);

		const log = await extractFeatures(store.engine, campaignId, { batchSize: 5 });
		expect(log).toMatchObject({ featurized: total - 5, upToDate: 5, errors: [] });
		expect(await count()).toBe(total);

		const again = await extractFeatures(store.engine, campaignId, { batchSize: 5 });
		expect(again).toMatchObject({ featurized: 0, upToDate: total });
	});

	it('answers the seed query: competitor mail with a soft CTA, sent as step 2, 3–5 days after', async () => {
		const rows = await queryFeatures(store.engine.db, {
			campaignId,
			source: 'competitor',
			step: 2,
			ctaStrength: 'soft',
			minGapDays: 3,
			maxGapDays: 5,
		});
		expect(rows.map((r) => r.subject)).toEqual([
			'Re: Ramp time at Acme',
			'Re: Ramp time at Binford',
			'Re: Ramp time at Cyberdyne',
			'Re: Ramp time at Dunder',
		]);
		expect(rows[0]).toMatchObject({
			step: 2,
			gap_days: 3,
			cadence_bucket: '3-4d',
			cta_type: 'interest_question',
		});
		// The late follow-up (10 days) and first touches (hard, timed meeting asks) are not in it.
		const firsts = await queryFeatures(store.engine.db, {
			campaignId,
			source: 'competitor',
			step: 1,
		});
		expect(new Set(firsts.map((r) => r.cta_type))).toEqual(
			new Set(['meeting_ask', 'reply_request']),
		);
	});

	it('serves that query from one index', async () => {
		const plan = await store.engine.db.transaction(async (tx) => {
			await tx.query("select set_config('enable_seqscan', 'off', true)");
			const { rows } = await tx.query<Record<string, string>>(
				`explain select email_id from email_features
				where campaign_id = $1 and source = 'competitor' and follow_up_index = 1
					and cta_strength = 'soft' and gap_days between 3 and 5`,
				[campaignId],
			);
			return rows.map((r) => Object.values(r)[0]).join('\n');
		});
		expect(plan).toMatch(/Index (Only )?Scan using email_features_sequence_cta_idx/);
	});

	it('marks the brand follow-up that repeats the first touch', async () => {
		const { rows } = await store.engine.db.query<{ repeats_previous: boolean | null }>(
			`select f.repeats_previous from email_features f
			where f.campaign_id = $1 and f.source = 'brand' order by f.follow_up_index, f.email_id`,
			[campaignId],
		);
		expect(rows.map((r) => r.repeats_previous)).toEqual([null, null, true, true]);
	});

	it('embeds with the lexical embedder where pgvector is, finds similar mail and template families', async () => {
		const hnsw = async () =>
			(
				await store.engine.db.query<{ found: boolean }>(
					"select to_regclass('email_embeddings_hnsw_256') is not null as found",
				)
			).rows[0].found;
		if (store.engine.schema.vector.usable) {
			// A large backlog drops the index and builds it once after the vectors; a small one never.
			expect(await dropIndexForBulk(store.engine.db, 256, 4999)).toBe(false);
			expect(await hnsw()).toBe(true);
			expect(await dropIndexForBulk(store.engine.db, 256, 5000)).toBe(true);
			expect(await hnsw()).toBe(false);
			// A run that fails before the build leaves its vectors unindexed (searched exactly), and
			// the next run builds the index.
			let calls = 0;
			const failing = {
				...lexicalEmbedder,
				embed: async (texts: string[]) => {
					if (++calls === 3) throw new Error('embeddings service down');
					return await lexicalEmbedder.embed(texts);
				},
			};
			await expect(embedEmails(store.engine, campaignId, failing, 5)).rejects.toThrow(
				'embeddings service down',
			);
			expect(await hnsw()).toBe(false);
		}
		const log = await extractFeatures(store.engine, campaignId, { embedder: lexicalEmbedder });
		if (!store.engine.schema.vector.usable) {
			// The machine's PostgreSQL has no pgvector: features are stored, embeddings say why not.
			expect(log.embeddings).toEqual({ skipped: expect.stringMatching(/pgvector/) });
			return;
		}
		expect(log.embeddings).toMatchObject({
			model: 'lexical-hash-v1',
			kind: 'lexical',
			dims: 256,
			embedded: total - 10,
			indexed: true,
		});
		expect(await hnsw()).toBe(true);
		const again = await extractFeatures(store.engine, campaignId, { embedder: lexicalEmbedder });
		expect(again.embeddings).toMatchObject({ embedded: 0 });

		const [acme] = await queryFeatures(store.engine.db, {
			campaignId,
			source: 'competitor',
			step: 1,
			ctaStrength: 'hard',
		});
		const similar = await similarEmails(store.engine, {
			campaignId,
			emailId: acme.email_id,
			embedder: lexicalEmbedder,
			limit: 3,
		});
		// The nearest emails are the same template sent to other prospects.
		expect(similar.map((s) => s.subject)).toEqual(
			expect.arrayContaining(['Ramp time at Binford', 'Ramp time at Cyberdyne']),
		);
		expect(similar[0].similarity).toBeGreaterThan(0.8);

		const families = await templateFamilies(store.engine, campaignId, lexicalEmbedder.model, {
			threshold: 0.8,
		});
		const first = families.find((f) => f.members.includes(acme.email_id));
		expect(first).toMatchObject({
			size: 4,
			sources: [{ source: 'competitor', competitor: 'Globex', count: 4 }],
		});
		// The brand's two threads are one template too (same words, other names).
		expect(families.some((f) => f.sources[0].source === 'brand' && f.size === 4)).toBe(true);
	});
});
