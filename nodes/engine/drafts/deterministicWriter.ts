import type { BlueprintBody } from '../blueprint/types';
import { TOKENS } from '../blueprint/subjectPatterns';
import { allowedCtas, gapDays, rulesById, touchesOf } from '../enforcer/blueprintRules';
import { wordsOf } from '../features/textParts';
import type { DraftTouch, ProspectInput } from './types';

export interface WriterContext {
	brand: string;
	senderName?: string;
}

const words = (text: string) => wordsOf(text).length;

/** A signal quoted as a clause: its first sentence, at most 20 words, no trailing punctuation. */
function clause(signal: string): string {
	const first = signal
		.split(/(?<=[.!?])\s/)[0]
		.replace(/\s+/g, ' ')
		.trim();
	const cut = first.split(' ').slice(0, 20).join(' ');
	return cut.replace(/[.!?,;:]+$/, '');
}

/** A stable pick among options for one prospect: the same prospect always gets the same one. */
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
function subjectFor(body: BlueprintBody, p: ProspectInput, used: string[]): string {
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
	const chosen = pick(options, p.email.toLowerCase());
	used.push(`exampleSubject:${chosen.index}`);
	return chosen.subject;
}

/** The ask, in words the CTA classifier reads as that kind. */
function askFor(kind: string, step: number, last: boolean, team: string): string {
	if (kind === 'reply_request') return 'Just reply "yes" and I will send over a short summary.';
	if (kind === 'meeting_ask') return 'Would you be open to a 15-minute call next Tuesday at 10am?';
	if (last) return 'Worth keeping in touch?';
	return step === 1
		? `Is this a priority for ${team} this quarter?`
		: 'Would it be worth a short look?';
}

/**
 * The deterministic writer: a full sequence from the Blueprint (touches, spacing, the CTA each step
 * allows, example subjects, value propositions) and the prospect's fields, fitted to the word range.
 * Prospect signals are quoted, never followed; the enforcer checks the result like any draft.
 */
export function deterministicSequence(
	body: BlueprintBody,
	ctx: WriterContext,
	p: ProspectInput,
): DraftTouch[] {
	const rules = rulesById(body);
	const touches = touchesOf(body);
	const wordRule = rules.get('words');
	const [minWords, maxWords] = [wordRule?.min ?? 50, wordRule?.max ?? 125];
	const team = p.company ?? 'your team';
	// Value propositions first, then the positioning's sentences as further material to fit the range.
	const positioning = body.synthesis.positioning.replace(`${ctx.brand}: `, '');
	const values = [...body.synthesis.valuePropositions, ...positioning.split(/(?<=[.!?])\s+/)]
		.map((v) => v.trim().replace(/([^.!?])$/, '$1.'))
		.filter(
			(v, k, all) => v.split(' ').length >= 5 && !/https?:|www\./.test(v) && all.indexOf(v) === k,
		);
	const signal = Object.entries(p.signals)[0];
	const used: string[] = [];
	const subject = subjectFor(body, p, used);
	const inThread = rules.get('follow_up_in_thread') !== undefined;
	let offset = 0;
	return Array.from({ length: touches }, (_, i) => {
		const step = i + 1;
		const last = step === touches && touches > 1;
		const stepUsed = [...(step === 1 ? used : [])];
		if (step > 1) offset += gapDays(body, step);
		let opening: string;
		if (step === 1 && signal) {
			opening = `I saw ${clause(signal[1])}, and it made me think of ${team}.`;
			stepUsed.push(`signal:${signal[0]}`);
		} else if (step === 1) {
			opening = p.company
				? `I was reading about ${p.company} and had one thought for your team.`
				: 'I had one thought for your team.';
		} else if (last) {
			opening = 'I will close the loop here for now, as I do not want to crowd your inbox.';
		} else {
			opening = `A quick follow-up on my last note about ${team}.`;
		}
		const kind = allowedCtas(body, step)[0] ?? 'interest_question';
		const ask = askFor(kind, step, last, team);
		// Each step leads with a different value proposition, so follow-ups never repeat the first.
		const rotated = values.length
			? [...values.slice(i % values.length), ...values.slice(0, i % values.length)]
			: [];
		// Courtesy lines that claim nothing, used only when the material runs short of the range.
		const courtesy = last
			? ['Thank you for reading my notes, and good luck with the quarter ahead.']
			: [
					'I know inboxes get busy, so I will keep this short.',
					'Happy to share more detail if it helps.',
				];
		const candidates = [
			...rotated.map((text, j) => ({ text, used: `valueProposition:${(j + i) % values.length}` })),
			...courtesy.map((text) => ({ text, used: 'courtesy' })),
		];
		const middle: string[] = [];
		for (const c of candidates) {
			const before = words([opening, ...middle, ask].join(' '));
			if (middle.length && before >= minWords) break;
			if (words([opening, ...middle, c.text, ask].join(' ')) > maxWords) continue;
			middle.push(c.text);
			if (c.used !== 'courtesy') stepUsed.push(c.used);
		}
		if (last) middle.push(`If this becomes a priority for ${team} later, I would be glad to help.`);
		const greeting = p.firstName ? `Hi ${p.firstName},` : 'Hi,';
		if (p.firstName) stepUsed.push('firstName');
		if (p.company) stepUsed.push('company');
		const paragraphs = [greeting, opening, ...middle, ask, `Best,\n${ctx.senderName ?? ctx.brand}`];
		return {
			step,
			sendOffsetDays: offset,
			subject: step === 1 || !inThread ? subject : `Re: ${subject}`,
			bodyText: paragraphs.join('\n\n'),
			ctaType: kind,
			used: [...new Set(stepUsed)],
		};
	});
}
