import { type ClaimToken, claimTokens, supported } from './claimTokens';
import { plainText, skeleton } from './plainText';
import { CONVERSATION_WORDS } from './claimWords';
import {
	FUNCTION_WORDS,
	isWordOf,
	SHARED_WRITING_WORDS,
	stem,
	type Support,
	WORD,
	WRITING_WORDS,
} from './support';

/** Why a sentence may not be used, in words the model (or the reviewer) can act on. */
export interface Unsupported {
	sentence: string;
	/** The claims the material does not make. */
	claims: ClaimToken[];
	/** Words about the email or its writer (instructions are never content). */
	writing: string[];
	/** Content words the material never uses. */
	words: string[];
}

const CONVERSATION = new Set(CONVERSATION_WORDS.map(skeleton));

/** Placeholders are the engine's, not claims: {{company}}, {{first_name}}. */
const PLACEHOLDER = /\{\{\s*[\w ]+\s*\}\}/g;
/** Up to a quarter of a sentence's content words may be the model's own (never fewer than one). */
const OWN_WORDS_SHARE = 0.25;
const entries = (list: string[], shared: boolean) =>
	[...new Set(list)].map((w) => ({ entry: w, words: w.split(/\s+/).map(skeleton), shared }));
const WRITING = [...entries(WRITING_WORDS, false), ...entries(SHARED_WRITING_WORDS, true)];

/** The sentences of a text as a reader sees it. */
export function sentencesOf(text: string): string[] {
	return plainText(text.replace(PLACEHOLDER, ' '))
		.split(/(?<=[.!?。！？])\s+|\n+|(?<=;)\s+/u)
		.map((s) => s.trim())
		.filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** Whether the material uses the word at `i` beside the same neighbour ("accounting system"). */
const saidBeside = (words: string[], i: number, support: Support) =>
	[words[i - 1], words[i + 1]].some(
		(n, k) =>
			n !== undefined &&
			!FUNCTION_WORDS.has(n) &&
			support.hasWords(k === 0 ? [n, words[i]] : [words[i], n]),
	);

function writingWords(words: string[], support: Support): string[] {
	const found: string[] = [];
	for (const { entry, words: parts, shared } of WRITING) {
		if (support.userWriting.has(entry)) continue;
		const at = words.findIndex((_, i) =>
			parts.every((p, j) => words[i + j] !== undefined && isWordOf(words[i + j], p)),
		);
		if (at >= 0 && !(shared && parts.length === 1 && saidBeside(words, at, support)))
			found.push(entry);
	}
	return found;
}

/**
 * Each sentence of `text` that the user's material does not back, with why. `full` is the check
 * for a Blueprint's free text: every claim-bearing token (names included) said in the material,
 * no word about the email or its writer, and most content words the material's own. `draft` is the
 * check for a model-written draft: the same, except that a draft may use the words of a sales
 * conversation itself (greeting, asking, following up). `claims` checks only the claim-bearing
 * tokens (a draft a person wrote or edited).
 */
export function groundText(
	text: string,
	support: Support,
	mode: 'full' | 'draft' | 'claims' = 'full',
): Unsupported[] {
	const out: Unsupported[] = [];
	for (const sentence of sentencesOf(text)) {
		const claims = claimTokens(sentence, { names: mode !== 'claims' }).filter(
			(t) => !supported(t, support),
		);
		const words = (sentence.match(WORD) ?? []).map((w) => w);
		const skeletons = words.map(skeleton);
		const writing = mode === 'full' ? writingWords(skeletons, support) : [];
		const content = words.filter((w, i) => {
			const s = skeletons[i];
			return !FUNCTION_WORDS.has(s) && !/^\p{N}/u.test(w) && s.length > 1;
		});
		const own =
			mode === 'claims'
				? []
				: content.filter(
						(w) =>
							!support.hasStem(stem(w)) && !(mode === 'draft' && CONVERSATION.has(skeleton(w))),
					);
		const allowed = Math.max(1, Math.floor(content.length * OWN_WORDS_SHARE));
		const tooMany = own.length > allowed;
		if (claims.length || writing.length || tooMany)
			out.push({ sentence, claims, writing, words: tooMany ? [...new Set(own)] : [] });
	}
	return out;
}

const q = (s: string) => `"${s.length > 80 ? `${s.slice(0, 77)}…` : s}"`;

/** One reason per unsupported sentence, naming the words: what a retry prompt or a reviewer reads. */
export function groundingReasons(field: string, found: Unsupported[]): string[] {
	return found.map((u) => {
		const parts = [
			u.claims.length
				? `${u.claims.map((c) => q(c.text)).join(', ')} ${u.claims.length > 1 ? 'are claims' : 'is a claim'} the campaign's material does not make`
				: '',
			u.writing.length
				? `speaks of the email or its writer (${u.writing.map(q).join(', ')}): Blueprint text describes the brand, it never instructs`
				: '',
			u.words.length
				? `uses words the campaign's material never does (${u.words.slice(0, 6).map(q).join(', ')})`
				: '',
		].filter(Boolean);
		return `${field}: ${q(u.sentence)} ${parts.join('; ')}`;
	});
}
