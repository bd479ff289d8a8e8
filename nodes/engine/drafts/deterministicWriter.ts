import type { BlueprintBody } from '../blueprint/types';
import { TOKENS } from '../blueprint/subjectPatterns';
import { allowedCtas, gapDays, rulesById, touchesOf } from '../enforcer/blueprintRules';
import { PROOF_PATTERNS } from '../features/lexicons';
import { gradeFromCounts, syllableCount } from '../features/readingGrade';
import { sentencesOf, wordsOf } from '../features/textParts';
import type { DraftTouch, ProspectInput } from './types';

export interface WriterContext {
	brand: string;
	senderName?: string;
}

const words = (text: string) => wordsOf(text).length;

/**
 * A signal quoted as a clause: its first sentence as a sentence splitter reads it (so "made the
 * Inc. 5000 list" stays whole), at most 20 words, no trailing punctuation.
 */
function clause(signal: string): string {
	const first = (sentencesOf(signal.replace(/\s+/g, ' '))[0] ?? '').trim();
	const cut = first.split(' ').slice(0, 20).join(' ');
	return cut.replace(/[.!?,;:]+$/, '');
}

/**
 * A value sentence as the facts it lists: "Northwind is X: close in 4 days, live dashboards, set up
 * in an afternoon." gives the head and each item as its own sentence, so a sequence has one fact per
 * touch instead of one long sentence in the first and filler after. Lists whose items are shorter
 * than three words stay whole.
 */
export function factsOf(sentence: string): string[] {
	const list = /^(.{10,}?):\s+(.+?)[.!]?$/.exec(sentence);
	if (!list) return [sentence];
	const items = list[2].split(/,\s+|;\s+/).map((i) => i.replace(/^and\s+/, '').trim());
	if (items.length < 2 || items.some((i) => words(i) < 3)) return [sentence];
	const sentenceOf = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}.`;
	return [...(words(list[1]) >= 4 ? [sentenceOf(list[1])] : []), ...items.map(sentenceOf)];
}

/** A stable pick among options for one prospect: the same prospect always gets the same one. */
/** 'A' for variant 0, 'B' for 1, … */
export const variantLabel = (variant: number) => String.fromCharCode(65 + variant);

const rotate = <T>(list: T[], by: number) => list.map((_, i) => list[(i + by) % list.length]);

function pick<T>(options: T[], key: string): T {
	let h = 0;
	for (const c of key) h = (h * 31 + c.charCodeAt(0)) >>> 0;
	return options[h % options.length];
}

/**
 * The first touch's subject: one of the Blueprint's example subjects, filled with the prospect's
 * name and company, preferring those that then fit the subject limits (a long company name can
 * push a template over them). Subjects that name a competitor are left out.
 */
function subjectFor(
	body: BlueprintBody,
	p: ProspectInput,
	used: string[],
	variant: number,
): string {
	const rules = rulesById(body);
	const fits = (subject: string) => {
		const [chars, count] = [subject.length, words(subject)];
		const c = rules.get('subject_chars');
		const w = rules.get('subject_words');
		return (
			chars >= (c?.min ?? 0) &&
			chars <= (c?.max ?? Infinity) &&
			count >= (w?.min ?? 0) &&
			count <= (w?.max ?? Infinity)
		);
	};
	// A competitor's subject that names the competitor is evidence, not a template: never reused.
	const competitors = body.campaign.competitors.map((c) => c.toLowerCase()).filter(Boolean);
	const filled = body.synthesis.exampleSubjects
		.map((template, index) => ({ template, index }))
		.filter(({ template }) => !competitors.some((c) => template.toLowerCase().includes(c)))
		.map(({ template, index }) => ({
			index,
			missing:
				(template.includes(TOKENS.company) && !p.company) ||
				(template.includes(TOKENS.firstName) && !p.firstName),
			subject: template
				.replaceAll(TOKENS.company, p.company ?? '')
				.replaceAll(TOKENS.firstName, p.firstName ?? ''),
		}))
		.filter((s) => !s.missing);
	const fitting = filled.filter((s) => fits(s.subject));
	const options = fitting.length ? fitting : filled;
	if (!options.length) return p.company ? `Question about ${p.company}` : 'Quick question';
	// Variant k takes the k-th subject after the prospect's own pick: variants differ where they can.
	const own = options.indexOf(pick(options, p.email.toLowerCase()));
	const chosen = options[(own + variant) % options.length];
	used.push(`exampleSubject:${chosen.index}`);
	return chosen.subject;
}

/** The asks the writer can make, per kind, each worded so the CTA classifier reads that kind. */
const ASKS: Record<string, string[]> = {
	interest_question: [
		'Is this a priority for {team} this quarter?',
		'Would it be worth a short look?',
		'Would a one-page summary help?',
		'Is this on your list this year?',
	],
	reply_request: [
		'Just reply "yes" and I will send a short summary.',
		'If the timing is wrong, just reply "later" and I will check back.',
		'If it is not a fit, just reply "no" and I will stop here.',
	],
	meeting_ask: [
		'Would you be open to a 15-minute call next Tuesday at 10am?',
		'Could we talk for 15 minutes on Thursday at 2pm?',
	],
};

/** Lines that carry each touch's own purpose: how a follow-up opens, without repeating itself. */
const OPENERS = {
	follow: ['One more thought for {team}.', 'Here is one more idea for {team}.'],
	proof: ['One number that may matter to {team}:'],
	close: ['I will leave it here for now.'],
};

/**
 * Short lines that claim nothing, used only when a touch falls short of the word range; each at
 * most once a sequence. None reads as an ask (the enforcer allows one per touch).
 */
const FILLERS: Record<'any' | 'close', string[]> = {
	any: [
		'I will keep this short.',
		'No pressure at all.',
		'I know your inbox is busy.',
		'Teams often tell us this was simpler than they expected.',
		'Most teams we talk to feel the same way.',
		'This is a quick note.',
		'Here is the short version.',
	],
	close: [
		'If now is not the right time, that is fine.',
		'Thank you for reading my notes.',
		'If this comes up for {team} later, I would be glad to help.',
	],
};

/** The writer's own fixed sentences: engine words, which a draft may say without other material. */
export const WRITER_PHRASES = [
	...Object.values(ASKS).flat(),
	...Object.values(OPENERS).flat(),
	...Object.values(FILLERS).flat(),
];

/** What a touch is for: the first opens, the middle ones bring new value or proof, the last lets go. */
type Purpose = 'open' | 'value' | 'proof' | 'close';

function purposeOf(step: number, touches: number): Purpose {
	if (step === 1) return 'open';
	if (step === touches && touches > 1) return 'close';
	return step % 2 === 0 ? 'value' : 'proof';
}

/** A sentence that proves rather than promises: a figure or a named customer. */
const isProof = (sentence: string) =>
	/\d/.test(sentence) || PROOF_PATTERNS.some((p) => p.test(sentence));

/**
 * Words, sentences and syllables of one paragraph. The counts of a body are the sums of its
 * paragraphs' (each is split on its own), so a candidate's grade is a sum, not a re-parse; the same
 * lines recur for every prospect, hence the cache (cleared when it grows past 10,000 lines).
 */
const counted = new Map<string, [number, number, number]>();
function countsOf(paragraph: string): [number, number, number] {
	let c = counted.get(paragraph);
	if (!c) {
		const all = wordsOf(paragraph);
		c = [all.length, sentencesOf(paragraph).length, syllableCount(all)];
		if (counted.size > 10_000) counted.clear();
		counted.set(paragraph, c);
	}
	return c;
}

/** The reading grade of paragraphs written one after another. */
function gradeOf(...paragraphs: string[]): number | null {
	const [w, s, syl] = paragraphs
		.map(countsOf)
		.reduce((a, b) => [a[0] + b[0], a[1] + b[1], a[2] + b[2]], [0, 0, 0]);
	return gradeFromCounts(w, s, syl);
}

/** The campaign's value sentences, each listed fact on its own: the same for every prospect. */
const valuesByBody = new WeakMap<BlueprintBody, string[]>();
function valuesOf(body: BlueprintBody, brand: string): string[] {
	let values = valuesByBody.get(body);
	if (!values) {
		const positioning = body.synthesis.positioning.replace(`${brand}: `, '');
		values = [...body.synthesis.valuePropositions, ...sentencesOf(positioning)]
			.map((v) => v.trim().replace(/([^.!?:])$/, '$1.'))
			.flatMap(factsOf)
			.filter((v, k, all) => words(v) >= 4 && !/https?:|www\./.test(v) && all.indexOf(v) === k);
		valuesByBody.set(body, values);
	}
	return values;
}

/**
 * The deterministic writer: a full sequence from the Blueprint (touches, spacing, the CTA each step
 * allows, example subjects, value propositions) and the prospect's fields. Each touch has its own
 * purpose (open, new value, proof, close), no sentence appears twice in a sequence, and each aims at
 * the Blueprint's learned length and reading grade: material that would break them waits for a
 * later touch, filler (three lines at most) only to reach the minimum. What it cannot meet it says in the touch's `notes`. Prospect
 * signals are quoted, never followed; the enforcer checks the result like any draft.
 */
export function deterministicSequence(
	body: BlueprintBody,
	ctx: WriterContext,
	p: ProspectInput,
	variant = 0,
): DraftTouch[] {
	const rules = rulesById(body);
	const touches = touchesOf(body);
	const wordRule = rules.get('words');
	const [minWords, maxWords] = [wordRule?.min ?? 0, wordRule?.max ?? Infinity];
	const maxGrade = rules.get('reading_grade')?.max ?? Infinity;
	const team = p.company ?? 'your team';
	const fill = (line: string) => line.replaceAll('{team}', team);
	const values = valuesOf(body, ctx.brand);
	const said = new Set<string>();
	const signal = Object.entries(p.signals).find(([, v]) => clause(v));
	const used: string[] = [];
	const subject = subjectFor(body, p, used, variant);
	if (variant) used.push(`variant:${variantLabel(variant)}`);
	const inThread = rules.get('follow_up_in_thread') !== undefined;
	let offset = 0;
	return Array.from({ length: touches }, (_, i) => {
		const step = i + 1;
		const purpose = purposeOf(step, touches);
		const stepUsed = [...(step === 1 ? used : [])];
		if (step > 1) offset += gapDays(body, step);
		let opening: string;
		if (purpose === 'open' && signal) {
			opening = `I saw ${clause(signal[1])}.`;
			stepUsed.push(`signal:${signal[0]}`);
		} else if (purpose === 'open') {
			opening = p.company
				? `I had one thought for ${p.company}.`
				: 'I had one thought for your team.';
		} else if (purpose === 'close') {
			opening = OPENERS.close[0];
		} else {
			const lines = purpose === 'proof' && values.some(isProof) ? OPENERS.proof : OPENERS.follow;
			opening = fill(lines.find((l) => !said.has(fill(l))) ?? lines[0]);
		}
		said.add(opening);
		const kind =
			allowedCtas(body, step).find((k) => ASKS[k]) ??
			(purpose === 'close' ? 'reply_request' : 'interest_question');
		const askLines = ASKS[kind].map(fill);
		// A variant also words the first touch's ask its own way (same kind of ask: the Blueprint's).
		const asks = step === 1 ? rotate(askLines, variant) : askLines;
		const ask =
			(purpose === 'close' ? [...asks].reverse() : asks).find((a) => !said.has(a)) ?? asks[0];
		said.add(ask);
		// Material for this touch's purpose, never a sentence an earlier touch used.
		const fresh = values.filter((v) => !said.has(v));
		// The value sentences are shared out so every touch before the close has something new.
		const share = Math.max(1, Math.ceil(values.length / Math.max(1, touches - 1)));
		const material =
			purpose === 'close'
				? []
				: purpose === 'proof'
					? [...fresh.filter(isProof), ...fresh.filter((v) => !isProof(v))]
					: fresh;
		const middle: string[] = [];
		const size = () => words([opening, ...middle, ask].join(' '));
		// In the campaign's own order (the product before its facts), skipping what would break the
		// length or the grade; the plainest fact stands in when every one would.
		for (const v of material) {
			if (middle.length >= share || (middle.length && size() >= minWords)) break;
			const next = [opening, ...middle, v, ask];
			if (words(next.join(' ')) > maxWords || (gradeOf(...next) ?? 0) > maxGrade) continue;
			middle.push(v);
		}
		if (!middle.length && material.length && purpose !== 'close') {
			middle.push([...material].sort((a, b) => (gradeOf(a) ?? 0) - (gradeOf(b) ?? 0))[0]);
		}
		for (const v of middle) stepUsed.push(`valueProposition:${values.indexOf(v)}`);
		const fillers = (purpose === 'close' ? [...FILLERS.close, ...FILLERS.any] : FILLERS.any).map(
			fill,
		);
		// At most three filler lines: a touch short of material says so in its notes rather than pad.
		let padded = 0;
		for (const f of fillers) {
			if (size() >= minWords || padded >= 3) break;
			if (said.has(f) || words([opening, ...middle, f, ask].join(' ')) > maxWords) continue;
			middle.push(f);
			padded++;
		}
		middle.forEach((m) => said.add(m));
		const greeting = p.firstName ? `Hi ${p.firstName},` : 'Hi,';
		if (p.firstName) stepUsed.push('firstName');
		if (p.company) stepUsed.push('company');
		const core = [opening, ...middle, ask].join('\n\n');
		const notes: string[] = [];
		const grade = gradeOf(opening, ...middle, ask);
		if (grade !== null && grade > maxGrade) {
			notes.push(
				`reading grade ${grade} is over the Blueprint's ${maxGrade}: the campaign's value sentences read at grade ${Math.min(...middle.filter((m) => values.includes(m)).map((m) => gradeOf(m) ?? 0))} or more; plainer value propositions in the campaign context would lower it`,
			);
		}
		const count = words(core);
		if (count < minWords) {
			notes.push(
				`${count} words, under the Blueprint's ${minWords}: the campaign context has too little to say`,
			);
		}
		return {
			step,
			sendOffsetDays: offset,
			subject: step === 1 || !inThread ? subject : `Re: ${subject}`,
			bodyText: [greeting, core, `Best,\n${ctx.senderName ?? ctx.brand}`].join('\n\n'),
			ctaType: kind,
			used: [...new Set(stepUsed)],
			...(notes.length ? { notes } : {}),
		};
	});
}
