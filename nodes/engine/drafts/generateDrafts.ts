import { randomInt } from 'node:crypto';

import { invalidInput, isModelUnavailable } from '../errors';
import { recordEvent } from '../audit/recordEvent';
import type { ChatModel } from '../blueprint/chatModel';
import { loadBlueprint } from '../blueprint/getBlueprint';
import { loadCampaign } from '../campaign/getCampaign';
import type { Engine } from '../Engine';
import { touchesOf } from '../enforcer/blueprintRules';
import { indexNames, loadProspectNames, type NameIndex } from '../grounding/foreignNames';
import { lintDraft } from '../enforcer/lintDraft';
import type { Support } from '../grounding';
import { deterministicSequence, variantLabel, type WriterContext } from './deterministicWriter';
import { brandMaterial } from './brandMaterial';
import { displayCompany, displayFirstName } from './prospectVoice';
import { draftSupport, forProspect } from './draftSupport';
import { ModelWriterError, modelSequence } from './modelWriter';
import { analyzeAfterBulk } from '../store/analyzeAfterBulk';
import { type NewDraft, storeDrafts } from './storeDrafts';
import type { Prospect, ProspectInput } from './types';
import { upsertProspects } from './upsertProspects';
import { scoreDrafts } from './scoreDrafts';
import { storeVerification } from './verify/storeVerification';
import { type Verification, verifyProspects } from './verify/verifyProspects';
import { dnsLookup } from '../send/deliverability/dnsLookup';
import type { SpamSettings } from '../send/spam/spamCheck';

export interface GenerateOptions {
	model?: ChatModel;
	maxModelTries?: number;
	/**
	 * When the model cannot answer at all (down, refused): the deterministic writer for this and
	 * every later prospect of the run (a down model is not asked again), or the error.
	 */
	onModelUnavailable?: 'fallback' | 'stop';
	/**
	 * Write 2–4 variants of the sequence (A, B, …: another example subject and another wording of
	 * the first ask) and give each new prospect one of them at random, recorded on its drafts. The
	 * deterministic writer's; a model-written sequence is one variant.
	 */
	variants?: number;
	/** Rows or items the caller could not read as prospects (line, reason): kept for the reviewer. */
	skipped?: Array<{ row?: number; where?: string; error: string }>;
	/**
	 * Each new prospect's address checked before drafting (drafts/verify); `false` skips it. The
	 * resolver: `dnsServers`, else SALES_ENGINE_DNS_SERVERS, else the machine's.
	 */
	verify?: false | { dnsServers?: string[]; b2b?: boolean };
	/** spamd scores each draft (the address: here, else SALES_ENGINE_SPAMD; neither: off). */
	spam?: SpamSettings;
	/** The Unsubscribe credential: drafts are scored with the footer link a send will carry. */
	unsubscribe?: { unsubscribeUrl?: string; secret?: string };
	actor?: string;
}

export interface ProspectDrafts {
	prospectId: string;
	email: string;
	flags: Prospect['flags'];
	blueprintVersion: number;
	/** `none`: the address check found it undeliverable, so nothing was written. */
	writer: 'model' | 'deterministic' | 'existing' | 'none';
	/** What the address check found (absent when it was not run for this prospect). */
	verification?: Verification;
	/** Drafts written by this run; 0 when the prospect's sequence already existed. */
	created: number;
	passed: number;
	needsEdit: number;
	/** Why the deterministic writer stood in for the model, when it did. */
	fallbackReason?: string;
}

/**
 * A sequence whose touches say something no other prospect's same touch said in this run (names
 * and company aside): the material comes in another order until it does, at most 32 times.
 */
function distinctSequence(
	body: Parameters<typeof deterministicSequence>[0],
	ctx: WriterContext,
	p: Prospect,
	variant: number,
	seen: Map<number, Set<string>>,
) {
	const masked = (t: { step: number; bodyText: string }) => {
		let text = t.bodyText.split('\n\n').slice(1, -1).join(' ');
		for (const name of [
			p.firstName,
			p.company,
			displayCompany(p.company),
			displayFirstName(p.firstName),
		])
			if (name) text = text.split(name).join('·');
		return `${t.step}:${text}`;
	};
	let touches = deterministicSequence(body, ctx, p, variant);
	for (let salt = 1; salt < 32 && touches.some((t) => seen.get(t.step)?.has(masked(t))); salt++)
		touches = deterministicSequence(body, ctx, p, variant, salt);
	for (const t of touches) {
		if (!seen.has(t.step)) seen.set(t.step, new Set());
		seen.get(t.step)!.add(masked(t));
	}
	return touches;
}

function writeDeterministic(
	p: Prospect,
	body: Parameters<typeof deterministicSequence>[0],
	ctx: WriterContext,
	prospectNames: NameIndex,
	support: Support,
	seen: Map<number, Set<string>>,
	variant?: number,
): NewDraft[] {
	const grounded = forProspect(support, p);
	const touches = distinctSequence(body, ctx, p, variant ?? 0, seen);
	return touches.map((touch, i) => ({
		prospectId: p.id,
		touch,
		writer: 'deterministic' as const,
		variant: variant === undefined ? undefined : variantLabel(variant),
		lint: lintDraft(body, {
			step: touch.step,
			subject: touch.subject,
			body: touch.bodyText,
			to: p.email,
			company: p.company,
			previousBodies: touches.slice(0, i).map((t) => t.bodyText),
			prospectId: p.id,
			prospectNames,
			support: grounded,
			grounding: 'claims',
		}),
	}));
}

/**
 * Stages 6: prospects upserted, then for each one without a sequence yet, a full sequence under the
 * campaign's active Blueprint — by the connected chat model (re-prompted with the enforcer's
 * violations) or by the deterministic writer — linted and stored for approval.
 */
export async function generateDrafts(
	engine: Engine,
	campaignId: unknown,
	inputs: ProspectInput[],
	options: GenerateOptions = {},
): Promise<ProspectDrafts[]> {
	const variants = options.variants ?? 1;
	if (!Number.isInteger(variants) || variants < 1 || variants > 4) {
		throw invalidInput(`Variants must be a whole number from 1 to 4 (got ${variants})`);
	}
	const campaign = await loadCampaign(engine.db, campaignId);
	const blueprint = await loadBlueprint(engine.db, campaign.id);
	const body = blueprint.body;
	const own = await brandMaterial(engine.db, campaign.id, campaign.brand.name);
	const ctx: WriterContext = {
		brand: campaign.brand.name,
		senderName: campaign.sender.name,
		brandSentences: own.sentences,
		brandAsks: own.asks,
		brandSentenceTouch: own.touchOf,
	};
	const prospects = await upsertProspects(engine, campaign.id, inputs);
	// What each touch of this run's sequences said, so no two prospects get the same one.
	const seen = new Map<number, Set<string>>();
	const ids = [...new Set(prospects.map((p) => p.id))];
	const prospectNames = indexNames(await loadProspectNames(engine.db, campaign.id));
	const support = await draftSupport(engine.db, campaign, body);
	const { rows } = await engine.db.query<{ prospect_id: string; steps: number }>(
		`select prospect_id, count(*)::int as steps from drafts
		where campaign_id = $1 and prospect_id = any($2::uuid[]) group by prospect_id`,
		[campaign.id, ids],
	);
	const existing = new Map(rows.map((r) => [r.prospect_id, r.steps]));
	const touches = touchesOf(body);
	const verified = await verifyNew(
		engine,
		prospects.filter((p) => (existing.get(p.id) ?? 0) < touches && p.status === 'active'),
		options.verify,
	);
	const results: ProspectDrafts[] = [];
	const pending: NewDraft[] = [];
	const done = new Set<string>();
	/** Why the model could not answer, once it could not: the rest of the run is deterministic. */
	let modelDown: string | undefined;
	for (const p of prospects) {
		const base = {
			prospectId: p.id,
			email: p.email,
			flags: p.flags,
			blueprintVersion: blueprint.version,
			...(verified.has(p.id) ? { verification: verified.get(p.id) } : {}),
		};
		if (base.verification?.verdict === 'undeliverable' && !done.has(p.id)) {
			done.add(p.id);
			results.push({ ...base, writer: 'none', created: 0, passed: 0, needsEdit: 0 });
			continue;
		}
		if (done.has(p.id) || (existing.get(p.id) ?? 0) >= touches || p.status !== 'active') {
			results.push({ ...base, writer: 'existing', created: 0, passed: 0, needsEdit: 0 });
			continue;
		}
		done.add(p.id);
		// Assigned at random (not by a hash of the address), so the variants' results compare.
		const variant = variants > 1 ? randomInt(variants) : undefined;
		let drafts: NewDraft[];
		let fallbackReason: string | undefined = modelDown;
		if (options.model && !modelDown) {
			try {
				const written = await modelSequence(
					options.model,
					body,
					ctx,
					p,
					prospectNames,
					options.maxModelTries ?? 3,
					support,
				);
				const ungrounded = written.touches.flatMap((t) =>
					t.lint.violations.filter((v) => v.rule === 'unsupported_claims'),
				);
				// A model's words that the material does not back are never stored, not even for
				// editing: the deterministic writer stands in, and says why.
				if (ungrounded.length)
					throw new ModelWriterError(
						`the model's drafts said what the campaign's material does not (${written.attempts} tries): ${ungrounded.map((v) => v.message).join('; ')}`,
					);
				drafts = written.touches.map(({ lint, ...touch }) => ({
					prospectId: p.id,
					touch,
					writer: 'model' as const,
					lint: { ...lint, attempts: written.attempts },
				}));
			} catch (error) {
				if (isModelUnavailable(error) && options.onModelUnavailable !== 'stop')
					modelDown = error.message;
				else if (!(error instanceof ModelWriterError)) throw error;
				fallbackReason = error.message;
				drafts = writeDeterministic(p, body, ctx, prospectNames, support, seen, variant);
			}
		} else {
			drafts = writeDeterministic(p, body, ctx, prospectNames, support, seen, variant);
		}
		pending.push(...drafts);
		const passed = drafts.filter((d) => d.lint.passed).length;
		results.push({
			...base,
			writer: drafts[0]?.writer ?? 'deterministic',
			created: drafts.length,
			passed,
			needsEdit: drafts.length - passed,
			...(fallbackReason ? { fallbackReason } : {}),
		});
	}
	const spamOff = await scoreDrafts(
		pending,
		body,
		campaign,
		new Map(prospects.map((p) => [p.id, p])),
		{ ...options.spam, unsubscribe: options.unsubscribe },
	);
	const inserted = await storeDrafts(engine.db, campaign.id, blueprint.version, pending);
	await analyzeAfterBulk(engine.db, 'prospects', prospects.length);
	await analyzeAfterBulk(engine.db, 'drafts', inserted.length);
	const createdFor = new Map<string, number>();
	for (const r of inserted) createdFor.set(r.prospect_id, (createdFor.get(r.prospect_id) ?? 0) + 1);
	for (const r of results)
		if (r.writer !== 'existing') r.created = createdFor.get(r.prospectId) ?? 0;
	await recordEvent(engine.db, {
		campaignId: campaign.id,
		type: 'drafts_generated',
		actor: options.actor,
		data: {
			blueprintVersion: blueprint.version,
			prospects: prospects.length,
			drafts: inserted.length,
			writer: options.model && !modelDown ? 'model' : 'deterministic',
			...(modelDown ? { modelUnavailable: modelDown } : {}),
			...(pending.length ? { spamCheck: spamOff ? { off: spamOff } : spamSummary(pending) } : {}),
			// What the approval page shows before a decision: the run's loose ends, a few of each.
			...runNotes(results, options.skipped ?? []),
		},
	});
	return results;
}

/** The warnings of an address check, worded for the reviewer. */
const warnings = (v: Verification | undefined) =>
	(v?.findings ?? []).filter((f) => f.severity === 'warn').map((f) => f.message);

/** The prospects needing drafts, checked (and the verdicts kept on their rows), unless turned off. */
async function verifyNew(
	engine: Engine,
	prospects: Prospect[],
	settings: GenerateOptions['verify'],
): Promise<Map<string, Verification>> {
	if (settings === false || !prospects.length) return new Map();
	// An address listed twice is one prospect: checked (and its row written) once.
	const unique = [...new Map(prospects.map((p) => [p.id, p])).values()];
	const verified = await verifyProspects(engine.db, unique, {
		dns: dnsLookup(settings?.dnsServers ?? []),
		b2b: settings?.b2b,
	});
	await storeVerification(engine.db, verified);
	return verified;
}

/** How the run's drafts scored: how many, the highest, and how many went over the limit. */
function spamSummary(drafts: NewDraft[]) {
	const scores = drafts.flatMap((d) =>
		d.lint.spam?.status === 'scored' ? [d.lint.spam.score] : [],
	);
	const errors = drafts.flatMap((d) =>
		d.lint.spam?.status === 'error' ? [d.lint.spam.reason] : [],
	);
	return {
		scored: scores.length,
		highest: scores.length ? scores.reduce((a, b) => Math.max(a, b)) : null,
		overLimit: drafts.filter((d) => d.lint.violations.some((v) => v.rule === 'spam_score')).length,
		...(errors.length ? { errors: errors.length, firstError: errors[0] } : {}),
	};
}

/** The prospects a reviewer should know about: skipped, flagged, or written without the model. */
function runNotes(
	results: ProspectDrafts[],
	skipped: NonNullable<GenerateOptions['skipped']>,
): Record<string, unknown> {
	const flagged = results.filter(
		(r) =>
			r.writer !== 'none' &&
			(Object.keys(r.flags ?? {}).length ||
				r.verification?.findings.some((f) => f.severity === 'warn')),
	);
	const undeliverable = results.filter((r) => r.writer === 'none');
	const fellBack = results.filter((r) => r.fallbackReason);
	return {
		...(skipped.length ? { skipped: skipped.slice(0, 20), skippedCount: skipped.length } : {}),
		...(flagged.length
			? {
					flagged: flagged.slice(0, 20).map((r) => ({
						email: r.email,
						flags: r.flags,
						findings: warnings(r.verification),
					})),
					flaggedCount: flagged.length,
				}
			: {}),
		...(undeliverable.length
			? {
					undeliverable: undeliverable.slice(0, 20).map((r) => ({
						email: r.email,
						reasons: (r.verification?.findings ?? [])
							.filter((f) => f.severity === 'refuse')
							.map((f) => f.message),
					})),
					undeliverableCount: undeliverable.length,
				}
			: {}),
		...(fellBack.length
			? { fellBack: fellBack.length, fallbackReason: fellBack[0].fallbackReason }
			: {}),
	};
}
