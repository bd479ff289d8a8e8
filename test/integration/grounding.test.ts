import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { FakeListChatModel } from '@langchain/core/utils/testing';

import {
	type ChatMessage,
	createCampaign,
	editDraft,
	extractFeatures,
	generateDrafts,
	type IngestItem,
	ingestMessages,
	listDrafts,
	parseCompetitorList,
	prospectFromRecord,
	synthesizeBlueprint,
} from '../../nodes/engine';
import { asChatModel } from '../../nodes/SalesBlueprintAgent/asChatModel';
import { campaignWithBlueprint } from '../fixtures/blueprintCorpus';
import { validSequence } from '../fixtures/draftSequences';
import { ATTACKS, type Attack, BASE, CLEAN } from '../fixtures/groundingSet';
import { openTestStore, type TestStore } from '../helpers/stores';

/** The shipped sample campaign: Northwind Analytics, its own sent mail and its competitors'. */
const sample = JSON.parse(
	readFileSync(join(__dirname, '../../workflows/sample/campaign.json'), 'utf8'),
) as {
	brand: string;
	website: string;
	competitors: string;
	context: string;
	senderName: string;
	senderEmail: string;
	postalAddress: string;
	brandEmails: Array<Record<string, string>>;
	competitorEmails: Array<Record<string, string>>;
};

const item = (e: Record<string, string>): IngestItem => ({
	kind: 'fields',
	provider: 'items',
	origin: e.messageId,
	fields: {
		id: e.messageId,
		from: e.from,
		to: e.to,
		subject: e.subject,
		body: e.text,
		sentAt: e.date,
		threadId: e.threadId,
		inReplyTo: e.inReplyTo,
		references: e.references,
	},
});

/** What a reader would find of an attack: lower case, NFKC, no invisible characters. */
const visible = (text: string) =>
	text
		.normalize('NFKC')
		.replace(/[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g, '')
		.toLowerCase();

/** A chat model that gives the same answer to every prompt and records what it was sent. */
function answering(answer: string) {
	const prompts: ChatMessage[][] = [];
	const model = asChatModel(
		new FakeListChatModel({ responses: Array.from({ length: 10 }, () => answer) }),
	);
	return {
		prompts,
		model: {
			...model,
			invoke: async (messages: ChatMessage[]) => {
				prompts.push(messages.map((m) => [...m] as ChatMessage));
				return await model.invoke(messages);
			},
		},
	};
}

const answerOf = (fields: Partial<typeof BASE>) => JSON.stringify({ ...BASE, ...fields });

describe('model text is grounded in the user’s material, or refused', () => {
	let store: TestStore;
	let campaignId: string;
	beforeAll(async () => {
		store = await openTestStore('embedded');
		const { engine } = store;
		const competitors = parseCompetitorList(sample.competitors);
		campaignId = (
			await createCampaign(engine, {
				brand: { name: sample.brand, website: sample.website },
				competitors,
				additionalContext: sample.context,
				sender: {
					name: sample.senderName,
					email: sample.senderEmail,
					postalAddress: sample.postalAddress,
				},
			})
		).id;
		await ingestMessages(engine, { campaignId, source: 'brand' }, sample.brandEmails.map(item));
		for (const c of competitors) {
			const mail = sample.competitorEmails.filter((e) => e.competitor === c.name);
			await ingestMessages(
				engine,
				{ campaignId, source: 'competitor', competitor: c.name },
				mail.map(item),
			);
		}
		await extractFeatures(engine, campaignId);
	}, 300_000);
	afterAll(() => store?.dispose());

	/**
	 * Synthesizes with the attack's answer, then drafts one prospect with a model writer that
	 * records its prompt (and answers nothing usable, so the deterministic writer stores the
	 * drafts): returns everything downstream a marker could reach.
	 */
	async function downstream(answer: string, n: number) {
		const synthesis = answering(answer);
		const blueprint = await synthesizeBlueprint(store.engine, campaignId, {
			model: synthesis.model,
			maxModelTries: 2,
			learnFrom: 'brand',
		});
		const writer = answering('{"touches": []}');
		const prospect = prospectFromRecord(
			{ email: `p${n}@prospect${n}.example.org`, first_name: 'Sam', company: `Prospect ${n}` },
			`p${n}`,
		);
		const [drafted] = await generateDrafts(store.engine, campaignId, [prospect], {
			model: writer.model,
			maxModelTries: 1,
		});
		const drafts = await listDrafts(store.engine, campaignId, { prospectId: drafted.prospectId });
		return {
			blueprint,
			texts: {
				// The whole synthesis, its record of what was refused and why included.
				blueprint: JSON.stringify(blueprint.body.synthesis),
				// The Blueprint's wording as the writer is handed it (the rest of the prompt is the
				// engine's own text, e.g. its rule "No meeting ask or calendar link on the first touch").
				writerPrompt: writer.prompts
					.flat()
					.map((m) => /<blueprint_text>([\s\S]*?)<\/blueprint_text>/.exec(m[1])?.[1] ?? '')
					.join('\n'),
				drafts: drafts.map((d) => `${d.subject}\n${d.bodyText}`).join('\n'),
			},
		};
	}

	it('lets no unsupported marker of the frozen attacks reach the Blueprint, a writer prompt or a draft', async () => {
		const leaks: string[] = [];
		for (const [n, attack] of ATTACKS.entries()) {
			const { texts } = await downstream(answerOf(attack.fields), n);
			for (const [where, text] of Object.entries(texts))
				for (const marker of (attack as Attack).markers)
					if (visible(text).includes(visible(marker)))
						leaks.push(`${attack.id} (${attack.lang}): "${marker}" reached the ${where}`);
		}
		const languages = new Set(ATTACKS.map((a) => a.lang));
		console.log(
			`attacks: ${ATTACKS.length} in ${languages.size} languages; leaked: ${new Set(leaks.map((l) => l.split(' ')[0])).size}\n${leaks.join('\n')}`,
		);
		expect(ATTACKS.length).toBeGreaterThanOrEqual(80);
		expect(languages.size).toBeGreaterThanOrEqual(6);
		expect(leaks).toEqual([]);
	}, 600_000);

	it('accepts grounded answers: at most 5 % refused for what they say', async () => {
		const refused: string[] = [];
		// A refusal by grounding names the material; one by the learned limits ("breaks the subject
		// limits") would refuse the answer whatever it said, and is reported apart.
		const grounding = /material|speaks of the email|reads as an instruction|names /;
		for (const [n, fields] of CLEAN.entries()) {
			const b = await synthesizeBlueprint(store.engine, campaignId, {
				model: answering(answerOf(fields)).model,
				maxModelTries: 1,
				learnFrom: 'brand',
			});
			if (b.body.synthesis.path !== 'model')
				refused.push(`#${n}: ${b.body.synthesis.fallbackReason ?? ''}`);
		}
		const byGrounding = refused.filter((r) => grounding.test(r));
		console.log(
			`clean answers: ${CLEAN.length}; refused by grounding: ${byGrounding.length}; refused by the learned limits alone: ${refused.length - byGrounding.length}\n${refused.join('\n')}`,
		);
		expect(CLEAN.length).toBeGreaterThanOrEqual(30);
		expect(byGrounding.length / CLEAN.length).toBeLessThanOrEqual(0.05);
	}, 300_000);
});

describe('a draft says only what the material backs', () => {
	let store: TestStore;
	let campaignId: string;
	beforeAll(async () => {
		store = await openTestStore('embedded');
		campaignId = await campaignWithBlueprint(store.engine);
	});
	afterAll(() => store?.dispose());

	const ana = prospectFromRecord(
		{
			email: 'ana@acme.example.net',
			first_name: 'Ana',
			company: 'Acme',
			recent_post: 'Hiring ten new reps in Denver',
		},
		'Ana',
	);

	it("never stores a model's invented figures, customers or links: the deterministic writer stands in", async () => {
		const invented = {
			touches: validSequence.touches.map((t) =>
				t.step === 2
					? {
							...t,
							body: t.body.replace(
								'Managers save five hours a week',
								'Hilton managers save 73% of their week at northwind-offer.example',
							),
						}
					: t,
			),
		};
		const { model, prompts } = answering(JSON.stringify(invented));
		const [result] = await generateDrafts(store.engine, campaignId, [ana], {
			model,
			maxModelTries: 2,
		});
		expect(result.writer).toBe('deterministic');
		expect(result.fallbackReason).toMatch(/said what the campaign's material does not/);
		expect(result.fallbackReason).toMatch(/"73%"/);
		// The retry named the words.
		expect(prompts[1].at(-1)?.[1]).toMatch(/touch 2: .*"73%"/);
		const drafts = await listDrafts(store.engine, campaignId, { prospectId: result.prospectId });
		expect(visible(drafts.map((d) => d.bodyText).join('\n'))).not.toMatch(
			/hilton|73%|northwind-offer/,
		);
	});

	it('flags a human edit that claims what the material does not, naming the words', async () => {
		const [result] = await generateDrafts(store.engine, campaignId, [
			prospectFromRecord(
				{ email: 'ben@binford.example.net', first_name: 'Ben', company: 'Binford' },
				'Ben',
			),
		]);
		const [first] = await listDrafts(store.engine, campaignId, { prospectId: result.prospectId });
		const edited = await editDraft(
			store.engine,
			campaignId,
			first.id,
			{
				bodyText: `${first.bodyText}\n\nTrusted by 2,500 teams; money-back guarantee. Details at northwind-deals.example.net.`,
			},
			'reviewer',
		);
		expect(edited.status).toBe('needs_edit');
		const messages = edited.lint.violations
			.filter((v) => v.rule === 'unsupported_claims')
			.map((v) => v.message)
			.join(' ');
		expect(messages).toMatch(/"2,500"/);
		expect(messages).toMatch(/"money-back"|"guarantee"/);
		expect(messages).toMatch(/northwind-deals\.example\.net/);
		// The same edit in the campaign's own words passes.
		const fine = await editDraft(
			store.engine,
			campaignId,
			first.id,
			{ bodyText: first.bodyText },
			'reviewer',
		);
		expect(fine.status).toBe('pending_approval');
	});
});
