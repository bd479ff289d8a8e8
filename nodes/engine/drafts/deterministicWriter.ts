import type { BlueprintBody } from '../blueprint/types';
import { TOKENS } from '../stats/subjectGeneralizer';
import { allowedCtas, gapDays, rulesById, touchesOf } from '../enforcer/blueprintRules';
import { PROOF_PATTERNS } from '../features/lexicons';
import { gradeFromCounts, syllableCount } from '../features/readingGrade';
import { sentencesOf, wordsOf } from '../features/textParts';
import { displayCompany, displayFirstName, signalOpener } from './prospectVoice';
import type { DraftTouch, ProspectInput } from './types';

export interface WriterContext {
	brand: string;
	senderName?: string;
	/** The brand's own sentences from its sent mail (brandMaterial): more to say, never filler. */
	brandSentences?: string[];
	/** The asks the brand's own mail makes, by CTA type (brandMaterial), preferred to the writer's. */
	brandAsks?: Partial<Record<string, string[]>>;
	/** The touch the brand writes each of its sentences in (brandMaterial): its sequence's shape. */
	brandSentenceTouch?: Record<string, number>;
}

const words = (text: string) => wordsOf(text).length;

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

/** 'A' for variant 0, 'B' for 1, … */
export const variantLabel = (variant: number) => String.fromCharCode(65 + variant);

/** A stable pick among options for one prospect: the same prospect always gets the same one. */
function pick<T>(options: T[], key: string): T {
	return options[hashOf(key) % options.length];
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
	notes: string[],
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
	if (!fitting.length) {
		// The writer never breaks the limits it writes under: a plainer subject that fits, or a note.
		const plain = [
			p.company && `Question for ${p.company}`,
			p.company && `${p.company}`,
			p.firstName && `${p.firstName}, a question`,
			'Quick question',
			'A question',
		].filter((x): x is string => Boolean(x));
		const fit = plain.find(fits);
		if (fit) return fit;
		const shortest = [...filled.map((f) => f.subject), ...plain].sort(
			(a, b) => a.length - b.length,
		)[0];
		const c = rules.get('subject_chars');
		notes.push(
			`subject "${shortest}" is ${shortest.length} characters, outside the Blueprint's ${c?.min ?? 0}–${c?.max ?? '∞'}: no example subject fits with this prospect's name and company`,
		);
		return shortest;
	}
	const options = fitting;
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
		'Would it be worth a short look for {team}?',
		'Would a one-page summary help {team}?',
		'Is this on the list for {team} this year?',
	],
	reply_request: [
		'Just reply "yes" and I will send a short summary for {team}.',
		'If the timing is wrong for {team}, just reply "later" and I will check back.',
		'If it is not a fit for {team}, just reply "no" and I will stop here.',
	],
	meeting_ask: [
		'Would you be open to a 15-minute call about {team} next Tuesday at 10am?',
		'Could we talk for 15 minutes about {team} on Thursday at 2pm?',
	],
};

/** What a touch opens with when the brand's material has nothing left to say. */
const OPENERS = {
	follow: ['One more thought for {team}.', 'Here is one more idea for {team}.'],
	close: ['I will leave it here for now.'],
};

/** The writer's own fixed sentences: engine words, which a draft may say without other material. */
export const WRITER_PHRASES = [...Object.values(ASKS).flat(), ...Object.values(OPENERS).flat()];

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

/** A product sentence that opens with an "It" nobody introduced names the brand instead. */
const namingBrand = (sentence: string, brand: string) =>
	brand ? sentence.replace(/^It('s| is)\b/, `${brand} is`).replace(/^It\b/, brand) : sentence;

/**
 * The campaign's value sentences, each listed fact on its own: the same for every prospect. The
 * positioning, which names the brand, comes first: a first touch says who is writing.
 */
const valuesByBody = new WeakMap<BlueprintBody, string[]>();
function valuesOf(body: BlueprintBody, brand: string): string[] {
	let values = valuesByBody.get(body);
	if (!values) {
		const positioning = body.synthesis.positioning.replace(`${brand}: `, '');
		const all = [...sentencesOf(positioning), ...body.synthesis.valuePropositions];
		const named = all.filter((v) => brand && v.includes(brand));
		values = [...named, ...all.filter((v) => !named.includes(v))]
			.map((v) => namingBrand(v.trim(), brand).replace(/([^.!?:])$/, '$1.'))
			.flatMap(factsOf)
			.filter((v, k, all) => words(v) >= 4 && !/https?:|www\./.test(v) && all.indexOf(v) === k);
		valuesByBody.set(body, values);
	}
	return values;
}

/** One sentence that repeats another ("Setup takes an afternoon." and "…and needs no developer."). */
const overlaps = (a: string, b: string) => {
	const [x, y] = [a, b].map((t) =>
		t
			.toLowerCase()
			.replace(/[^\p{L}\p{N} ]/gu, '')
			.trim(),
	);
	return x !== y && (x.startsWith(y) || y.startsWith(x));
};

/** A stable number for a prospect: the same prospect always gets the same order of material. */
function hashOf(key: string): number {
	let h = 2166136261;
	for (const c of key) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
	return h;
}

/** A seeded Fisher–Yates shuffle (mulberry32): each prospect its own order, the same every run. */
function shuffled<T>(list: T[], seed: number): T[] {
	const out = [...list];
	let a = seed;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), a | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/**
 * The deterministic writer: a full sequence from the Blueprint (touches, spacing, the CTA each step
 * allows, example subjects) written in the brand's own words: its positioning and value
 * propositions, the sentences its own sent mail repeats (`brandSentences`) and the asks it makes
 * (`brandAsks`), and the prospect's own signals read as sentences (or left out). Each touch has its
 * own purpose (open, new value, proof, close) and brings something no earlier touch said; no
 * sentence appears twice in a sequence; after the positioning, each prospect takes the material in
 * its own order, so sequences differ. Length and grade are targets met with that material, never
 * with filler: a touch short of material is shorter, and its `notes` say why, as they say which
 * limit it cannot meet. The enforcer checks the result like any draft.
 */
export function deterministicSequence(
	body: BlueprintBody,
	ctx: WriterContext,
	p: ProspectInput,
	variant = 0,
	salt = 0,
): DraftTouch[] {
	const rules = rulesById(body);
	const touches = touchesOf(body);
	const wordRule = rules.get('words');
	const [minWords, maxWords] = [wordRule?.min ?? 0, wordRule?.max ?? Infinity];
	const maxGrade = rules.get('reading_grade')?.max ?? Infinity;
	const company = displayCompany(p.company);
	const firstName = displayFirstName(p.firstName);
	const team = company ?? 'your team';
	const fill = (line: string) => line.replaceAll('{team}', team);
	const own = valuesOf(body, ctx.brand);
	const mail = (ctx.brandSentences ?? []).map((v) => namingBrand(v.trim(), ctx.brand));
	const rest = [...own.slice(1), ...mail].filter(
		(v, k, all) => all.indexOf(v) === k && v !== own[0],
	);
	const seed = hashOf(`${p.email.toLowerCase()}#${salt}`);
	const values = [...own.slice(0, 1), ...shuffled(rest, seed)];
	const tagOf = (v: string) =>
		own.includes(v) ? `valueProposition:${own.indexOf(v)}` : `brandMail:${mail.indexOf(v)}`;
	const said = new Set<string>();
	const prospectWords = new Set(
		[p.title, ...Object.values(p.signals)]
			.join(' ')
			.toLowerCase()
			.match(/\p{L}{4,}/gu) ?? [],
	);
	const touchOf = (v: string) => ctx.brandSentenceTouch?.[v];
	// Lower ranks first: the positioning opens the first touch; then the sentences sharing the most
	// words with the prospect's record.
	const rank = (v: string, step: number) => {
		if (step === 1 && v === own[0]) return -100;
		const words = v.toLowerCase().match(/\p{L}{4,}/gu) ?? [];
		return -Math.min(words.filter((w) => prospectWords.has(w)).length, 9);
	};
	// The first signal that reads as a sentence to the reader; the others are left out.
	const signal = Object.entries(p.signals)
		.map(([key, value]) => ({ key, line: signalOpener(key, value, p) }))
		.find((s) => s.line);
	const used: string[] = [];
	const subjectNotes: string[] = [];
	const subject = subjectFor(body, { ...p, company, firstName }, used, variant, subjectNotes);
	if (variant) used.push(`variant:${variantLabel(variant)}`);
	const inThread = rules.get('follow_up_in_thread') !== undefined;
	const share = Math.max(2, Math.ceil(values.length / Math.max(1, touches)));
	let offset = 0;
	return Array.from({ length: touches }, (_, i) => {
		const step = i + 1;
		const purpose = purposeOf(step, touches);
		const stepUsed = [...(step === 1 ? used : [])];
		if (step > 1) offset += gapDays(body, step);
		// Material for this touch's purpose, never a sentence an earlier touch used: one the brand
		// itself writes at this touch leads, then the rest, closest to the prospect's own words first.
		const ranked = values
			.filter((v) => !said.has(v))
			.map((v, k) => ({ v, k, key: rank(v, step) }))
			.sort((a, b) => a.key - b.key || a.k - b.k)
			.map((x) => x.v);
		// (The first touch keeps the positioning in front: it says who is writing.)
		const touchLead = step === 1 ? undefined : ranked.find((v) => touchOf(v) === step);
		const fresh = touchLead ? [touchLead, ...ranked.filter((v) => v !== touchLead)] : ranked;
		const material =
			purpose === 'proof' ? [...fresh.filter(isProof), ...fresh.filter((v) => !isProof(v))] : fresh;
		const plainest = (list: string[]) =>
			[...list].sort((a, b) => (gradeOf(a) ?? 0) - (gradeOf(b) ?? 0))[0];
		// The lead: the prospect's signal on the first touch, else the first plain enough fact.
		const fromSignal = purpose === 'open' && signal?.line ? signal.line : undefined;
		const lead =
			fromSignal ??
			material.find((v) => (gradeOf(v) ?? 0) <= maxGrade) ??
			plainest(material) ??
			fill(purpose === 'close' ? OPENERS.close[0] : OPENERS.follow[step % 2]);
		if (fromSignal) stepUsed.push(`signal:${signal!.key}`);
		said.add(lead);
		const kind =
			allowedCtas(body, step).find((k) => ASKS[k]) ??
			(purpose === 'close' ? 'reply_request' : 'interest_question');
		// The brand's own asks of that kind first (its voice), then the writer's.
		// The close takes the writer's letting-go lines (the last of each list) first after them.
		const writerAsks = ASKS[kind].map(fill);
		const askLines = [
			...(ctx.brandAsks?.[kind] ?? []),
			...(purpose === 'close' ? [...writerAsks].reverse() : writerAsks),
		];
		// Unsaid asks that keep the touch within the Blueprint's grade, else the plainest one.
		const unsaid = askLines.filter((a) => !said.has(a));
		const candidates = unsaid.length ? unsaid : askLines;
		const fitting = candidates.filter((a) => (gradeOf(lead, a) ?? 0) <= maxGrade);
		const most = purpose === 'close' ? 2 : share;
		// The material an ask leaves room for: in order, skipping what would break the length or
		// the grade, until the touch has its share and the learned length.
		const fillFor = (ask: string) => {
			const middle: string[] = [];
			const size = () => words([lead, ...middle, ask].join(' '));
			for (const v of material) {
				if (said.has(v) || [...said].some((x) => overlaps(x, v))) continue;
				if (middle.length >= most || (middle.length && size() >= minWords)) break;
				const next = [lead, ...middle, v, ask];
				if (words(next.join(' ')) > maxWords || (gradeOf(...next) ?? 0) > maxGrade) continue;
				middle.push(v);
			}
			return middle;
		};
		// A variant also words the first touch's ask its own way (same kind of ask: the Blueprint's);
		// an ask that leaves no room for any material gives way to one that does.
		const preferred = fitting.length
			? (step === 1 ? variant : purpose === 'close' ? 0 : (seed >>> step) % fitting.length) %
				fitting.length
			: 0;
		const ordered = fitting.length
			? [...fitting.slice(preferred), ...fitting.slice(0, preferred)]
			: [...candidates].sort((a, b) => (gradeOf(lead, a) ?? 0) - (gradeOf(lead, b) ?? 0));
		const ask = ordered.find((a) => fillFor(a).length > 0) ?? ordered[0];
		said.add(ask);
		const middle = fillFor(ask);
		// A touch says at least two things of substance: the plainest unsaid fact that fits the
		// length, even over the grade (the notes say so), rather than an ask alone.
		const unsaidFacts = material.filter(
			(v) => v !== lead && !said.has(v) && words([lead, v, ask].join(' ')) <= maxWords,
		);
		if (!middle.length && unsaidFacts.length) middle.push(plainest(unsaidFacts));
		for (const v of [lead, ...middle]) if (values.includes(v)) stepUsed.push(tagOf(v));
		middle.forEach((m) => said.add(m));
		const greeting = firstName ? `Hi ${firstName},` : 'Hi,';
		if (firstName) stepUsed.push('firstName');
		if (company) stepUsed.push('company');
		const core = [lead, ...middle, ask].join('\n\n');
		const notes: string[] = step === 1 ? [...subjectNotes] : [];
		const grade = gradeOf(lead, ...middle, ask);
		if (grade !== null && grade > maxGrade) {
			const facts = [lead, ...middle].filter((m) => values.includes(m));
			notes.push(
				`reading grade ${grade} is over the Blueprint's ${maxGrade}: the campaign's value sentences read at grade ${facts.length ? Math.min(...facts.map((m) => gradeOf(m) ?? 0)) : 0} or more; plainer value propositions in the campaign context would lower it`,
			);
		}
		const count = words(core);
		if (count < minWords) {
			notes.push(
				`${count} words, under the Blueprint's ${minWords}: the brand's material has nothing more this touch can say without repeating an earlier one; add value propositions or proof to the campaign context rather than pad`,
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
