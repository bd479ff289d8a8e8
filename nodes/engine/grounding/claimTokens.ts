import { NUMBER_WORDS, PROMISE_WORDS } from './claimWords';
import { skeleton } from './plainText';
import {
	clausesOf,
	FUNCTION_WORDS,
	isWordOf,
	numbersIn,
	saysPhrase,
	stem,
	type Support,
	unitAfter,
	WORD,
} from './support';

/** A token that states a fact on its own: checked against the material, never taken on trust. */
export interface ClaimToken {
	kind: 'number' | 'link' | 'address' | 'promise' | 'name';
	text: string;
	/** For a number, the word it counts ("days" in "4 days"): the material must count the same. */
	unit?: string;
	/** For a number, the word before it: part of a name the material says ("Company 3"). */
	before?: string;
}

const ADDRESS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const LINK =
	/\b(?:https?:\/\/|www\.)[^\s<>()"']+|\b[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9-]{1,63})*\.[a-z]{2,24}(?:\/[^\s<>()"']*)?/gi;
const NUMBER = /[$€£¥]?\s?\d[\d,.]*(?:\s?(?:%|x\b|k\b|m\b|bn\b))?/g;
const SINGLE_PROMISES = PROMISE_WORDS.filter((w) => !/[\s-]/.test(w)).map(skeleton);
const PHRASE_PROMISES = PROMISE_WORDS.filter((w) => /[\s-]/.test(w));
const NUMBERS = NUMBER_WORDS.map(skeleton);

const isNumberWord = (word: string) =>
	word
		.split(/[-']/)
		.some((part) => NUMBERS.some((n) => isWordOf(part, n) || (n.length >= 6 && part.includes(n))));

/** Units a count measures (time, money, shares): "one afternoon" is a claim, "one thought" not. */
const MEASURE =
	/^(sec|min|hour|day|week|month|quart|year|after|morn|even|night|percent|time|fold|dollar|euro|pound|cent|stund|tag|woche|monat|jahr|heure|jour|semaine|mois|an|hora|dia|día|semana|mes|año|ano|ora|giorn|settiman|mese|anno|uur|dag|week|maand|jaar)/;

/** "Best," or "Best regards" closing a message: a salutation, not a claim. */
const signOff = (words: string[], i: number) =>
	i === 0 &&
	/^best$/i.test(words[0]) &&
	(words.length === 1 || /^(regards|wishes)$/i.test(words[1]));

/** Capitalized runs that are not a sentence's first word, and words in capitals: names. */
function namesIn(sentence: string): string[] {
	const words = [...sentence.matchAll(WORD)];
	const names: string[] = [];
	let run: string[] = [];
	const flush = () => {
		if (run.length) names.push(run.join(' '));
		run = [];
	};
	words.forEach((m, i) => {
		const w = m[0];
		const capital = /^\p{Lu}/u.test(w) && !/^\p{N}/u.test(w);
		const acronym = /^\p{Lu}{2,}$/u.test(w);
		const named = (capital && i > 0) || acronym || (capital && run.length > 0);
		if (named && !FUNCTION_WORDS.has(skeleton(w))) run.push(w);
		else flush();
	});
	flush();
	return names;
}

/** Every claim-bearing token of a sentence (its placeholders already removed). */
export function claimTokens(sentence: string, options: { names?: boolean } = {}): ClaimToken[] {
	const out: ClaimToken[] = [];
	let rest = sentence;
	for (const m of sentence.match(ADDRESS) ?? []) {
		out.push({ kind: 'address', text: m });
		rest = rest.replace(m, ' ');
	}
	for (const m of rest.match(LINK) ?? []) {
		// "4.5" is a number, "e.g." an abbreviation: a link has a letter in its last label.
		if (/^\d+(\.\d+)*$/.test(m)) continue;
		out.push({ kind: 'link', text: m.replace(/[.,;:!?]+$/, '') });
		rest = rest.replace(m, ' ');
	}
	for (const m of rest.match(NUMBER) ?? []) {
		const t = m.trim().replace(/[.,]+$/, '');
		if (t && /[%xkmb]$/i.test(t)) out.push({ kind: 'number', text: t });
	}
	const lower = ` ${(rest.match(WORD) ?? []).map(skeleton).join(' ')} `;
	for (const words of clausesOf(rest)) {
		words.forEach((m, i) => {
			const w = skeleton(m);
			const unit = unitAfter(words, i);
			// "one" is a determiner ("one thought", "one more note") unless it measures something.
			const determiner =
				/^(one|ein|eine|une|una|uma|één)$/.test(w) && !(unit && MEASURE.test(skeleton(unit)));
			if ((/^\p{N}/u.test(m) || isNumberWord(w)) && !determiner)
				out.push({ kind: 'number', text: m, unit, before: words[i - 1] });
			else if (SINGLE_PROMISES.some((p) => isWordOf(w, p)) && !signOff(words, i))
				out.push({ kind: 'promise', text: m });
		});
	}
	for (const p of PHRASE_PROMISES) {
		const words = (p.match(WORD) ?? []).map(skeleton).join(' ');
		if (lower.includes(` ${words} `)) out.push({ kind: 'promise', text: p });
	}
	if (options.names) for (const n of namesIn(rest)) out.push({ kind: 'name', text: n });
	return out;
}

/** Whether the material backs a claim token: says it, or (a number) states the same number. */
export function supported(token: ClaimToken, support: Support): boolean {
	if (token.kind === 'number') {
		const values = numbersIn(token.text.replace(/[$€£¥%]/g, ''));
		const counted = (v: number) =>
			token.unit ? support.counts(v, stem(token.unit)) : support.hasNumber(v);
		if (values.length && values.every(counted)) return true;
		if (token.before && saysPhrase(support, `${token.before} ${token.text}`)) return true;
		return saysPhrase(support, token.unit ? `${token.text} ${token.unit}` : token.text);
	}
	if (token.kind === 'link' || token.kind === 'address') {
		// The host is the claim: "northwind-analytics.example.com/pricing" is the brand's own site.
		const host = token.text
			.replace(/^https?:\/\//i, '')
			.replace(/^[^@]*@/, '')
			.split('/')[0];
		return saysPhrase(support, host) && (token.kind === 'link' || saysPhrase(support, token.text));
	}
	return saysPhrase(support, token.text);
}
