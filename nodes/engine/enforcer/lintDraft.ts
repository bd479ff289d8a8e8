import type { BlueprintBody, RuleId } from '../blueprint/types';
import { extractSignals } from '../features/extractSignals';
import { groundText, type Support } from '../grounding';
import { SPAM_TRIGGERS } from '../features/lexicons';
import { jaccard } from '../features/sequenceSignals';
import { compact } from '../features/recipient';
import { cuesIn } from '../features/subjectSignals';
import { textParts } from '../features/textParts';
import type { SpamResult } from '../send/spam/spamCheck';
import { allowedCtas, rulesById } from './blueprintRules';
import { withSpamVerdict } from './spamVerdict';
import {
	type ForeignName,
	indexNames,
	type NameIndex,
	namesIn,
	ownKeys,
} from '../grounding/foreignNames';

/** What one draft is checked as: its step in the sequence and the bodies of the touches before it. */
export interface DraftText {
	step: number;
	subject: string;
	body: string;
	/** The prospect's address: whose name and company personalization is checked against. */
	to?: string;
	/** The prospect's company as imported (their address's domain counts as theirs too). */
	company?: string;
	previousBodies?: string[];
	/** The prospect's id: their own entries in `prospectNames` are theirs to use. */
	prospectId?: string;
	/** The campaign's prospects' names: a draft for one must not carry another's. */
	prospectNames?: NameIndex;
	/**
	 * The user's material with this prospect's record: every claim-bearing token of the draft
	 * (figures, links, addresses, promises) must be said in it. `full` (a model's own draft) also
	 * needs each sentence's words to be the material's and none addressed to a writer.
	 */
	support?: Support;
	grounding?: 'full' | 'draft' | 'claims';
	/** What spamd said about the draft as it will be sent, when it was scored. */
	spam?: SpamResult;
}

/** A Blueprint's own foreign names (competitors, the analysed mail's companies), indexed once. */
const bodyNames = new WeakMap<BlueprintBody, { index: NameIndex; vouched: Set<string> }>();

function namesOfBody(body: BlueprintBody) {
	let cached = bodyNames.get(body);
	if (!cached) {
		const index = indexNames([
			...body.campaign.competitors.map((name) => ({
				key: compact(name),
				name,
				kind: 'competitor' as const,
			})),
			...(body.corpusCompanies ?? []).map((key) => ({
				key,
				name: key,
				kind: 'company of the analysed mail' as const,
			})),
		]);
		// A customer the Blueprint's own words cite as proof is the brand's to name.
		const s = body.synthesis;
		const vouched = new Set(
			namesIn([s.positioning, ...s.valuePropositions].join(' '), [index])
				.filter((n) => n.kind !== 'competitor')
				.map((n) => n.key),
		);
		vouched.add(compact(body.campaign.brand));
		cached = { index, vouched };
		bodyNames.set(body, cached);
	}
	return cached;
}

/**
 * The names in a draft that are not its prospect's: competitors, the analysed mail's recipients'
 * companies, other prospects — except the prospect's own company, the brand, and names the
 * Blueprint's own words use (a customer the user cites as proof).
 */
function foreignNamesIn(body: BlueprintBody, draft: DraftText): ForeignName[] {
	const { index, vouched } = namesOfBody(body);
	const own = ownKeys({ email: draft.to, company: draft.company });
	return namesIn(
		`${draft.subject}\n${draft.body}`,
		[index, ...(draft.prospectNames ? [draft.prospectNames] : [])],
		(n) =>
			own.has(n.key) ||
			vouched.has(n.key) ||
			(n.prospectId !== undefined && n.prospectId === draft.prospectId),
	);
}

/** What a draft can break: a Blueprint rule, or a check every draft passes whatever its Blueprint. */
export type ViolationRule = RuleId | 'foreign_names' | 'unsupported_claims';

export interface Violation {
	/** The rule broken, e.g. "words", "cta_step_1", "unresolved_merge_tags", "foreign_names". */
	rule: ViolationRule;
	message: string;
}

export interface LintResult {
	passed: boolean;
	violations: Violation[];
	/**
	 * What a reviewer may want to know but that does not fail the draft: a body shorter than the
	 * brand's usual length (the learned minimum is a target met with real material, never with
	 * filler; a short email is not something receivers or readers punish).
	 */
	warnings?: Violation[];
	/** The spam filter's score with its located rule hits, or why there is none. */
	spam?: SpamResult;
	/** The measures the verdict rests on, for the reviewer. */
	measured: {
		words: number;
		subjectChars: number;
		subjectWords: number;
		links: number;
		longestParagraphWords: number;
		readingGrade: number | null;
		cta: string;
		asks: number;
	};
}

const REPEAT = 0.6;

/**
 * The enforcer: checks a draft against every rule of the Blueprint it was written under. One
 * deterministic function shared by the writers, the approval step and the sender, so what passes
 * here is exactly what may be approved and sent.
 */
export function lintDraft(body: BlueprintBody, draft: DraftText): LintResult {
	const rules = rulesById(body);
	const s = extractSignals({
		subject: draft.subject,
		body: draft.body,
		signature: '',
		to: draft.to,
		html: null,
		threadPosition: draft.step,
		gapSeconds: null,
		previousBody: null,
	});
	const violations: Violation[] = [];
	const warnings: Violation[] = [];
	const add = (rule: ViolationRule, message: string) => violations.push({ rule, message });
	const range = (id: RuleId, value: number, what: string) => {
		const r = rules.get(id);
		if (!r) return;
		if (r.min !== undefined && value < r.min && id === 'words')
			warnings.push({
				rule: id,
				message: `${what} is ${value}, under the brand's usual minimum ${r.min}`,
			});
		else if (r.min !== undefined && value < r.min)
			add(id, `${what} is ${value}, under the minimum ${r.min}`);
		if (r.max !== undefined && value > r.max)
			add(id, `${what} is ${value}, over the maximum ${r.max}`);
	};
	range('words', s.structure.wordCount, 'Body length in words');
	range('subject_chars', s.subject.chars, 'Subject length in characters');
	range('subject_words', s.subject.words, 'Subject length in words');
	range('links', s.structure.linkCount, 'Links');
	range(
		'longest_paragraph_words',
		s.structure.longestParagraphWords,
		'The longest paragraph (words)',
	);
	if (s.structure.readingGrade !== null) {
		range('reading_grade', Math.round(s.structure.readingGrade * 10) / 10, 'Reading grade');
	}
	range('asks_per_email', s.cta.count, 'Asks (CTAs)');

	const allowed = allowedCtas(body, draft.step);
	const kinds = [...new Set(s.cta.asks.map((a) => a.type))];
	if (kinds.length === 0)
		add(`cta_step_${draft.step}`, `Touch ${draft.step} has no ask; allowed: ${allowed.join(', ')}`);
	for (const kind of kinds) {
		if (allowed.length && !allowed.includes(kind)) {
			add(
				`cta_step_${draft.step}`,
				`Touch ${draft.step} asks with ${kind}; allowed: ${allowed.join(', ')}`,
			);
		}
	}
	const hard = rules.get('hard_cta_first_touch');
	if (draft.step === 1 && hard?.values?.some((v) => kinds.includes(v as never))) {
		add(
			'hard_cta_first_touch',
			`The first touch makes a hard ask (${kinds.filter((k) => hard.values?.includes(k)).join(', ')})`,
		);
	}
	if (rules.has('unresolved_merge_tags') && s.mergeTags.length) {
		add('unresolved_merge_tags', `Unresolved placeholders: ${s.mergeTags.join(', ')}`);
	}
	const spam = [...new Set([...s.subject.spamWords, ...cuesIn(draft.body, SPAM_TRIGGERS)])];
	if (rules.has('spam_words') && spam.length)
		add('spam_words', `Spam-trigger words: ${spam.join(', ')}`);
	if (rules.has('all_caps_subject') && s.subject.allCaps)
		add('all_caps_subject', 'The subject is in capitals');
	if (rules.has('repeat_previous_body')) {
		const core = textParts(draft.body).core;
		(draft.previousBodies ?? []).forEach((previous, i) => {
			const overlap = jaccard(core, textParts(previous).core);
			if (overlap >= REPEAT) {
				add(
					'repeat_previous_body',
					`The body repeats touch ${i + 1} (${Math.round(overlap * 100)} % overlap)`,
				);
			}
		});
	}
	for (const name of foreignNamesIn(body, draft)) {
		add(
			'foreign_names',
			`Names ${name.name}, ${name.kind === 'competitor' ? 'a competitor' : name.kind}: a draft speaks only of its own prospect`,
		);
	}
	if (draft.support) {
		const mode = draft.grounding ?? 'claims';
		for (const u of groundText(`${draft.subject}\n${draft.body}`, draft.support, mode)) {
			const said = [
				...u.claims.map((c) => `"${c.text}"`),
				...u.writing.map((w) => `"${w}"`),
				...u.words.slice(0, 6).map((w) => `"${w}"`),
			];
			add(
				'unsupported_claims',
				`"${u.sentence.slice(0, 120)}" says ${said.join(', ')}, which neither the campaign context, the brand's own mail nor the prospect's data says`,
			);
		}
	}
	const result: LintResult = {
		passed: violations.length === 0,
		violations,
		...(warnings.length ? { warnings } : {}),
		measured: {
			words: s.structure.wordCount,
			subjectChars: s.subject.chars,
			subjectWords: s.subject.words,
			links: s.structure.linkCount,
			longestParagraphWords: s.structure.longestParagraphWords,
			readingGrade: s.structure.readingGrade,
			cta: s.cta.type,
			asks: s.cta.count,
		},
	};
	return draft.spam ? withSpamVerdict(body, result, draft.spam) : result;
}
