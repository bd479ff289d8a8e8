import {
	approvalPage,
	editDraft,
	generateDrafts,
	listDrafts,
	synthesizeBlueprint,
} from '../../nodes/engine';
import { loadBlueprint } from '../../nodes/engine/blueprint/getBlueprint';
import { loadCampaign } from '../../nodes/engine/campaign/getCampaign';
import { scoreDrafts } from '../../nodes/engine/drafts/scoreDrafts';
import { storeDrafts, type NewDraft } from '../../nodes/engine/drafts/storeDrafts';
import { lintDraft } from '../../nodes/engine/enforcer/lintDraft';
import { renderIdentity } from '../../nodes/engine/send/spam/renderIdentity';
import { spamChecker, type SpamScore } from '../../nodes/engine/send/spam/spamCheck';
import { campaignWithBlueprint } from '../helpers/campaignWithBlueprint';
import { startSpamd, type Spamd } from '../helpers/spamd';
import { openTestStore, type TestStore } from '../helpers/stores';

/** Classic spam wording, of the kind SpamAssassin's stock body and subject rules were written for. */
const SPAMMY = {
	subject: 'FREE MONEY!!! Act now, limited time offer',
	bodyText:
		'Dear friend,\n\nEarn extra cash from home! 100% guaranteed. Click here to buy now, no credit check.\nThis is not spam. You have been selected as a winner.\n\nSam',
};
const PLAIN = {
	subject: 'Ramp time at Acme',
	bodyText:
		'Hi Ana,\n\nHow long does a new rep at Acme take to close a first deal? We cut that to three weeks for teams like yours.\n\nWorth a short call next week?\n\nDana',
};

describe('drafts scored by SpamAssassin as they will be sent', () => {
	let spamd: Spamd;
	let store: TestStore;
	let campaignId: string;

	beforeAll(async () => {
		spamd = await startSpamd();
		store = await openTestStore('postgres');
		campaignId = await campaignWithBlueprint(
			store.engine,
			{
				name: 'Dana',
				email: 'dana@northwind.example.com',
				postalAddress: '1 Main St, Springfield',
			},
			{ website: 'northwind.example.com', brandMail: true, synthesize: false },
		);
	}, 120_000);

	afterAll(async () => {
		spamd?.stop();
		await store?.dispose();
	});

	const score = async (draft: { subject: string; bodyText: string }) => {
		const campaign = await loadCampaign(store.engine.db, campaignId);
		const checker = spamChecker({ spamd: spamd.address });
		try {
			return (await checker.score(
				{ prospectId: 'p', to: 'ana@acme.example.net', step: 1, ...draft },
				renderIdentity(campaign),
			)) as SpamScore;
		} finally {
			checker.close();
		}
	};

	it("scores classic spam over spamd's line with each rule placed in the subject or body line it matched", async () => {
		const spam = await score(SPAMMY);
		expect(spam.status).toBe('scored');
		expect(spam.score).toBeGreaterThan(spam.required);
		expect(spam.located).toBe(true);
		const placed = spam.hits.filter((h) => h.where);
		// Every rule that matched text of the draft is placed; what each says it matched is there.
		for (const h of placed) {
			const text =
				h.where!.part === 'subject'
					? SPAMMY.subject
					: SPAMMY.bodyText.split('\n')[h.where!.line! - 1];
			expect([h.rule, text.toLowerCase()]).toEqual([
				h.rule,
				expect.stringContaining(h.where!.text.toLowerCase().split(/\s+/)[0]),
			]);
		}
		const bodyHits = placed.filter((h) => h.where!.part === 'body' && h.points > 0);
		expect(bodyHits.length).toBeGreaterThanOrEqual(2);
		expect(bodyHits.map((h) => h.where!.line)).toContain(1);
	});

	it('scores a plain first touch well under the line', async () => {
		const plain = await score(PLAIN);
		expect(plain.status).toBe('scored');
		expect(plain.score).toBeLessThan(2);
	});

	it("learns the Blueprint's limit from the brand's own mail, scored the same way", async () => {
		const { engine } = store;
		await synthesizeBlueprint(engine, campaignId, { spam: { spamd: spamd.address } });
		const rule = (await loadBlueprint(engine.db, campaignId)).body.limits.find(
			(r) => r.id === 'spam_score',
		)!;
		expect(rule.basis).toBe('data');
		expect(rule.evidence?.n).toBeGreaterThanOrEqual(5);
		expect(rule.max).toBeGreaterThanOrEqual(1.5);
		expect(rule.max).toBeLessThanOrEqual(5);
		expect(rule.text).toMatch(
			/^SpamAssassin score at most [\d.]+ \(the brand's own mail scores up to/,
		);
		const off = await synthesizeBlueprint(engine, campaignId, { spam: { spamd: '' } });
		const fallback = off.body.limits.find((r) => r.id === 'spam_score')!;
		expect([fallback.basis, fallback.max]).toEqual(['default', 5]);
		expect(fallback.note).toMatch(/No spamd address is set/);
		// The learned limit is the active one again for what follows.
		await synthesizeBlueprint(engine, campaignId, { spam: { spamd: spamd.address } });
	});

	it('marks a draft over the limit needs_edit, names the rules where they matched, and shows both on the approval page', async () => {
		const { engine } = store;
		const campaign = await loadCampaign(engine.db, campaignId);
		const blueprint = await loadBlueprint(engine.db, campaignId);
		const [written] = await generateDrafts(
			engine,
			campaignId,
			[{ email: 'ana@acme.example.net', firstName: 'Ana', company: 'Acme', signals: {} }],
			{ spam: { spamd: spamd.address }, verify: false },
		);
		expect(written.created).toBeGreaterThan(0);
		const { rows } = await engine.db.query<{ id: string }>(
			"insert into prospects (campaign_id, email, email_normalized, first_name) values ($1, 'sam@spam.example.net', 'sam@spam.example.net', 'Sam') returning id",
			[campaignId],
		);
		const touch = { step: 1, sendOffsetDays: 0, ctaType: null, used: [], ...SPAMMY };
		const spammy: NewDraft = {
			prospectId: rows[0].id,
			touch,
			writer: 'deterministic',
			lint: lintDraft(blueprint.body, { step: 1, subject: SPAMMY.subject, body: SPAMMY.bodyText }),
		};
		await scoreDrafts([spammy], blueprint.body, campaign, new Map(), { spamd: spamd.address });
		expect(spammy.lint.passed).toBe(false);
		const violation = spammy.lint.violations.find((v) => v.rule === 'spam_score')!;
		expect(violation.message).toMatch(
			/^SpamAssassin scores it [\d.]+, over the Blueprint's [\d.]+: /,
		);
		expect(violation.message).toMatch(/at body line \d+ \("/);
		await storeDrafts(engine.db, campaignId, blueprint.version, [spammy]);

		const drafts = await listDrafts(engine, campaignId, {
			status: ['needs_edit', 'pending_approval'],
		});
		const bad = drafts.find((d) => d.prospectEmail === 'sam@spam.example.net')!;
		expect(bad.status).toBe('needs_edit');
		const good = drafts.filter((d) => d.prospectEmail === 'ana@acme.example.net');
		for (const d of good) {
			expect(d.lint.spam?.status).toBe('scored');
			expect((d.lint.spam as SpamScore).score).toBeLessThanOrEqual(
				(d.lint.spam as SpamScore).limit!,
			);
		}
		const page = await approvalPage(engine, campaignId);
		expect(page.html).toMatch(
			/<b>Spam score [\d.]+<\/b> of at most [\d.]+ \(the Blueprint's limit\)/,
		);
		expect(page.html).toMatch(/DEAR_FRIEND [\d.]+ at body line 1 \(&quot;Dear friend&quot;\)/);
	});

	it('scores an edited draft again where spamd is set, and otherwise shows the old score as stale', async () => {
		const { engine } = store;
		const [bad] = await listDrafts(engine, campaignId, { status: ['needs_edit'] }).then((ds) =>
			ds.filter((d) => d.prospectEmail === 'sam@spam.example.net'),
		);
		const before = process.env.SALES_ENGINE_SPAMD;
		try {
			delete process.env.SALES_ENGINE_SPAMD;
			const stale = await editDraft(
				engine,
				campaignId,
				bad.id,
				{ subject: 'FREE MONEY, act now' },
				'jane',
			);
			expect(stale.lint.spam).toMatchObject({ status: 'stale' });
			expect((stale.lint.warnings ?? []).map((w: { message: string }) => w.message).join()).toMatch(
				/Not scored by the spam filter: scored [\d.]+ before the last edit/,
			);
			process.env.SALES_ENGINE_SPAMD = spamd.address;
			const fresh = await editDraft(engine, campaignId, bad.id, PLAIN, 'jane');
			expect(fresh.lint.spam).toMatchObject({ status: 'scored' });
			expect((fresh.lint.spam as SpamScore).score).toBeLessThan(2);
			expect(fresh.lint.violations.some((v) => v.rule === 'spam_score')).toBe(false);
		} finally {
			if (before === undefined) delete process.env.SALES_ENGINE_SPAMD;
			else process.env.SALES_ENGINE_SPAMD = before;
		}
	});

	it('says the check is off, on the approval page, when no spamd is set', async () => {
		const { engine } = store;
		await generateDrafts(
			engine,
			campaignId,
			[{ email: 'bo@binford.example.net', firstName: 'Bo', company: 'Binford', signals: {} }],
			{ spam: {}, verify: false },
		);
		const note = (await approvalPage(engine, campaignId)).notes.find(
			(n) => n.kind === 'spam_check',
		);
		expect(note?.message).toBe('The drafts were not scored by a spam filter');
	});

	it('reports a spamd that does not answer as an error per draft, never a clean score', async () => {
		const checker = spamChecker({ spamd: '127.0.0.1:1', timeoutMs: 2000 });
		const campaign = await loadCampaign(store.engine.db, campaignId);
		try {
			const r = await checker.score(
				{ prospectId: 'p', to: 'x@acme.example.net', step: 1, ...PLAIN },
				renderIdentity(campaign),
			);
			expect(r).toEqual({ status: 'error', reason: 'spamd at 127.0.0.1:1: ECONNREFUSED' });
		} finally {
			checker.close();
		}
	});
});
