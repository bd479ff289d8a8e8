import { deu, eng, fra, ita, nld, por, spa } from 'stopword';

import { NUMBER_WORDS, PROMISE_WORDS, SHARED_WRITING_WORDS, WRITING_WORDS } from './claimWords';
import { plainText, skeleton } from './plainText';

/** Words that carry no claim and no content in the seven languages read: never checked. */
export const FUNCTION_WORDS = new Set(
	[...eng, ...deu, ...fra, ...spa, ...ita, ...nld, ...por].map((w) => skeleton(w)),
);

/** Letters and digits of a word, its inner hyphens and apostrophes kept; "2,500" and "4.5" whole. */
export const WORD =
	/\p{N}+(?:[.,]\p{N}+)*(?:['’-][\p{L}\p{N}]+)*|[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

const SUFFIX =
	/(?:ations?|ments?|ingly|ings?|ers?|ed|ies|es|ly|s|e|en|ung|ungen|ión|iones|ção|ções|zione|zioni|ité|ités)$/;

/**
 * A word's stem for matching against the material: its skeleton, common inflections off, then its
 * first five letters ("reconciling" and "reconciliation" meet at "recon"; "closing" and "close" at
 * "clos").
 */
export function stem(word: string): string {
	const s = skeleton(word);
	const bare =
		s.length > 4 ? s.replace(SUFFIX, '') : s.length > 3 ? s.replace(/([^s])s$/, '$1') : s;
	return (bare.length >= 3 ? bare : s).slice(0, 5);
}

/** Whether `word` (a skeleton) is `entry` or an inflection of it (a stem of five letters or more). */
export function isWordOf(word: string, entry: string): boolean {
	if (word === entry) return true;
	if (!word.startsWith(entry)) return false;
	return entry.length >= 5 || /^(s|es|ed|ing|er|ers|d|n|en|e)$/.test(word.slice(entry.length));
}

/** One layer of material, indexed: its words as a skeleton string, stems, numbers and counts. */
interface Layer {
	/** The material as one normalized, lower-cased skeleton string (for phrases and tokens). */
	text: string;
	stems: Set<string>;
	/** Every number the material states, in digits ("four" and "4" are both 4). */
	numbers: Set<number>;
	/** Each number with the stem of the word it counts ("4:day" from "four days"). */
	counted: Set<string>;
}

/**
 * What text may say: the user's material, indexed once, with layers added per use (a prospect's
 * own data) without copying the campaign's.
 */
export class Support {
	constructor(
		private readonly layers: Layer[],
		/** Words of the writing act the user's own words use (a brand selling email may say it). */
		readonly userWriting: Set<string>,
	) {}

	/** The same material with more of it: another layer on top (e.g. one prospect's record). */
	with(texts: string[]): Support {
		return new Support([...this.layers, layerOf(texts)], this.userWriting);
	}

	hasStem(s: string): boolean {
		return this.layers.some((l) => l.stems.has(s));
	}

	hasNumber(n: number): boolean {
		return this.layers.some((l) => l.numbers.has(n));
	}

	counts(n: number, unitStem: string): boolean {
		return this.layers.some((l) => l.counted.has(`${n}:${unitStem}`));
	}

	/** Whether the material has these skeleton words in a row. */
	hasWords(words: string[]): boolean {
		const needle = ` ${words.join(' ')} `;
		return words.length > 0 && this.layers.some((l) => l.text.includes(needle));
	}
}

const UNITS: Record<string, number> = {
	zero: 0,
	one: 1,
	two: 2,
	three: 3,
	four: 4,
	five: 5,
	six: 6,
	seven: 7,
	eight: 8,
	nine: 9,
	ten: 10,
	eleven: 11,
	twelve: 12,
	thirteen: 13,
	fourteen: 14,
	fifteen: 15,
	sixteen: 16,
	seventeen: 17,
	eighteen: 18,
	nineteen: 19,
	twenty: 20,
	thirty: 30,
	forty: 40,
	fifty: 50,
	sixty: 60,
	seventy: 70,
	eighty: 80,
	ninety: 90,
	hundred: 100,
	thousand: 1000,
	half: 0.5,
	dozen: 12,
};

/**
 * The numbers a text states in digits or English words: "4", "4.5", "1,200", "four", "nine-day"
 * (9), "seventy-three" (73).
 */
export function numbersIn(text: string): number[] {
	const out: number[] = [];
	for (const m of text.matchAll(/\d[\d,]*(?:\.\d+)?/g)) out.push(Number(m[0].replace(/,/g, '')));
	let run: number[] = [];
	const flush = () => {
		if (run.length)
			out.push(run.reduce((sum, n) => (n >= 100 ? Math.max(sum, 1) * n : sum + n), 0));
		run = [];
	};
	for (const w of text.toLowerCase().split(/[^a-z]+/)) {
		if (w in UNITS) run.push(UNITS[w]);
		else flush();
	}
	flush();
	return out.filter((n) => Number.isFinite(n));
}

/** The words of each clause (a number counts nothing across a comma or a full stop). */
export function clausesOf(text: string): string[][] {
	return text
		.split(/[,;:](?=\s|$)|[()\n]|[.!?](?:\s|$)/)
		.map((c) => c.match(WORD) ?? [])
		.filter((c) => c.length);
}

/**
 * The word a number at `i` counts: its own tail ("four-day" counts days), else the next word that
 * is not a number ("four days", "twenty-one teams"); none at a sentence's end.
 */
export function unitAfter(words: string[], i: number): string | undefined {
	const tail = words[i]
		.split('-')
		.slice(1)
		.find((p) => /^\p{L}+$/u.test(p) && !numbersIn(p).length);
	if (tail) return tail;
	const next = words[i + 1];
	return next && !numbersIn(next).length && !FUNCTION_WORDS.has(skeleton(next)) ? next : undefined;
}

function layerOf(texts: string[]): Layer {
	const all = texts.map((t) => plainText(t)).join('\n');
	const words = all.match(WORD) ?? [];
	const counted = new Set<string>();
	for (const clause of clausesOf(all)) {
		clause.forEach((w, i) => {
			const unit = unitAfter(clause, i);
			for (const n of numbersIn(w)) if (unit) counted.add(`${n}:${stem(unit)}`);
		});
	}
	return {
		text: ` ${words.map(skeleton).join(' ')} `,
		stems: new Set(words.map(stem)),
		numbers: new Set(numbersIn(all)),
		counted,
	};
}

/** Indexes the user's material once: their own words (`user`), and the rest (brand mail, data). */
export function buildSupport(user: string[], material: string[]): Support {
	const userWords = (
		user
			.map((t) => plainText(t))
			.join('\n')
			.match(WORD) ?? []
	).map(skeleton);
	return new Support(
		[layerOf([...user, ...material])],
		new Set(
			[...WRITING_WORDS, ...SHARED_WRITING_WORDS].filter((e) =>
				userWords.some((w) => isWordOf(w, skeleton(e))),
			),
		),
	);
}

/** Whether the material says this phrase (its words in a row, as skeletons). */
export function saysPhrase(support: Support, phrase: string): boolean {
	return support.hasWords((plainText(phrase).match(WORD) ?? []).map(skeleton));
}

export { NUMBER_WORDS, PROMISE_WORDS, SHARED_WRITING_WORDS, WRITING_WORDS };
