import { FakeListChatModel } from '@langchain/core/utils/testing';

import { generateDrafts, prospectFromRecord } from '../../nodes/engine';
import { asChatModel } from '../../nodes/SalesBlueprintAgent/asChatModel';
import { sentencesOf, textParts } from '../../nodes/engine/features/textParts';
import {
	TIDEWELL_CONTEXT,
	TIDEWELL_PROSPECTS,
	tidewellCampaign,
} from '../fixtures/brandVoiceCampaign';
import { openTestStore, type TestStore } from '../helpers/stores';

/** Lines that pad a draft and say nothing: the writer's old fillers and their kind. */
const FILLER = [
	/keep this short/i,
	/no pressure/i,
	/inbox is (busy|full)/i,
	/this is a quick note/i,
	/here is the short version/i,
	/had one thought for/i,
	/thank you for reading/i,
	/simpler than they expected/i,
	/feel the same way/i,
	/if now is not the right time, that is fine/i,
];

const norm = (s: string) =>
	s
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.replace(/[.!?:]+$/, '')
		.trim();

describe('drafts in the brand’s own voice (Tidewell: 45 brand emails in 3 families, 25 prospects)', () => {
	let store: TestStore;
	beforeAll(async () => {
		store = await openTestStore('embedded');
	});
	afterAll(() => store?.dispose());

	it('no filler, no body shared, most sentences the brand’s or the prospect’s, the brand named, the limits kept or explained', async () => {
		const engine = store.engine;
		const campaignId = await tidewellCampaign(engine);
		await generateDrafts(engine, campaignId, TIDEWELL_PROSPECTS);
		const { rows: drafts } = await engine.db.query<{
			email: string;
			step: number;
			subject: string;
			body_text: string;
			lint: { passed: boolean; writerNotes?: string[]; violations: unknown[] };
		}>(
			`select p.email, d.step, d.subject, d.body_text, d.lint from drafts d
			join prospects p on p.id = d.prospect_id where d.campaign_id = $1 order by p.email, d.step`,
			[campaignId],
		);
		expect(drafts).toHaveLength(75);
		const { rows: mail } = await engine.db.query<{ body_text: string }>(
			"select body_text from emails where campaign_id = $1 and source = 'brand'",
			[campaignId],
		);
		const brandSentences = new Set(
			[
				...mail.flatMap((m) => textParts(m.body_text).sentences),
				...sentencesOf(TIDEWELL_CONTEXT),
			].map(norm),
		);
		const core = (body: string) => textParts(body).sentences;
		const prospectOf = (email: string) => TIDEWELL_PROSPECTS.find((p) => p.email === email)!;
		// Traceable: a sentence of the brand's mail or context (an "It" it opens with may name the
		// brand), or one that reads the prospect's own record (their signal, quoted or retold).
		const traceable = (sentence: string, email: string) => {
			const n = norm(sentence);
			if (brandSentences.has(n) || brandSentences.has(n.replace(/^tidewell\b/, 'it'))) return true;
			// A retold signal keeps most of its words ("Gorgias, Shopify" → "uses Gorgias and Shopify").
			const wordsOf = (t: string) => t.toLowerCase().match(/\p{L}{3,}/gu) ?? [];
			const said = new Set(wordsOf(n));
			return Object.values(prospectOf(email).signals).some((s) => {
				const words = wordsOf(s);
				return words.length > 0 && words.filter((w) => said.has(w)).length / words.length >= 0.6;
			});
		};
		const shares = drafts.map((d) => {
			const sentences = core(d.body_text);
			return sentences.filter((s) => traceable(s, d.email)).length / sentences.length;
		});
		const fillers = drafts.flatMap((d) =>
			core(d.body_text).filter((s) => FILLER.some((f) => f.test(s))),
		);
		const shared = [1, 2, 3].flatMap((step) => {
			const bodies = drafts.filter((d) => d.step === step).map((d) => core(d.body_text).join(' '));
			return bodies.filter((b, i) => bodies.indexOf(b) !== i);
		});
		const unnamed = TIDEWELL_PROSPECTS.filter(
			(p) => !drafts.some((d) => d.email === p.email && d.body_text.includes('Tidewell')),
		).map((p) => p.email);
		const unexplained = drafts.filter((d) => !d.lint.passed && !d.lint.writerNotes?.length);
		console.log(
			`brand voice: ${drafts.length} drafts, ${fillers.length} filler lines, ${shared.length} shared bodies, ` +
				`traceable sentences min ${(Math.min(...shares) * 100).toFixed(0)} % / mean ${((shares.reduce((a, b) => a + b, 0) / shares.length) * 100).toFixed(0)} %, ` +
				`${drafts.filter((d) => d.lint.passed).length} pass the Blueprint, ${unexplained.length} fail without a note, ` +
				`brand unnamed in ${unnamed.length} sequences`,
		);
		expect(fillers).toEqual([]);
		expect(shared).toEqual([]);
		expect(Math.min(...shares)).toBeGreaterThanOrEqual(0.6);
		expect(unnamed).toEqual([]);
		expect(unexplained.map((d) => [d.email, d.step, d.lint.violations])).toEqual([]);
		// Prospect data read as sentences, never garbled.
		const all = drafts.map((d) => d.body_text).join('\n');
		expect(all).not.toMatch(/I saw (busiest|Zendesk|Excited|just|great)/);
		expect(all).not.toMatch(/Inc\.\.|Ltd\.\.|Hi beth,|bluebell florist|Hi DEE,/);
		expect(all).toContain('Hi Beth,');
		expect(all).toContain('I read your post: "Our support backlog doubled over the holidays".');
		expect(all).toContain('I noticed Arcadia Games uses Zendesk, Shopify and Klaviyo.');
		// The Blueprint's subjects are the brand's, not a competitor's, and every subject fits them.
		expect(drafts.every((d) => !/ramp time/i.test(d.subject))).toBe(true);
	});

	it('gives a chat model the brand’s own sentences as its voice, fenced as data, and no competitor’s', async () => {
		const engine = store.engine;
		const { rows } = await engine.db.query<{ id: string }>(
			"select id from campaigns where brand->>'name' = 'Tidewell' limit 1",
		);
		const prompts: string[] = [];
		const fake = asChatModel(new FakeListChatModel({ responses: ['no sequence'] }));
		await generateDrafts(
			engine,
			rows[0].id,
			[prospectFromRecord({ email: 'new@prospect.example.org', first_name: 'Nora' }, 'row 1')],
			{
				model: {
					...fake,
					invoke: async (m: Parameters<typeof fake.invoke>[0]) => (
						prompts.push(m.map((x) => x[1]).join('\n')),
						await fake.invoke(m)
					),
				},
			},
		);
		expect(prompts[0]).toMatch(
			/<brand_own_mail>[\s\S]*Tidewell finds the order and answers in the same thread[\s\S]*<\/brand_own_mail>/,
		);
		// Competitors inform the rules, never the words.
		expect(prompts[0]).not.toMatch(/guided playbooks|ramp time/i);
	});
});
