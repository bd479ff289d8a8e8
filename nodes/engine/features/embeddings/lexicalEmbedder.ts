import murmurhash from 'murmurhash';

import type { Embedder } from './Embedder';

export const LEXICAL_MODEL = 'lexical-hash-v1';
export const LEXICAL_DIMS = 256;

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/**
 * A deterministic embedder that needs no model and no download: word unigrams and bigrams plus
 * character trigrams (weighted half) are hashed (MurmurHash3) into 256 signed buckets, weighted by
 * log(1 + count), and L2-normalized. Cosine similarity then measures shared wording, not meaning:
 * it is labelled lexical, and finds reused templates and near-duplicates well.
 */
export function lexicalVector(text: string): number[] {
	const vector = new Float64Array(LEXICAL_DIMS);
	const counts = new Map<string, number>();
	const add = (feature: string, weight: number) =>
		counts.set(feature, (counts.get(feature) ?? 0) + weight);
	const words = (text.toLowerCase().match(WORD) ?? []) as string[];
	words.forEach((word, i) => {
		add(`w:${word}`, 1);
		if (i > 0) add(`b:${words[i - 1]} ${word}`, 1);
		const padded = ` ${word} `;
		for (let c = 0; c + 3 <= padded.length; c++) add(`c:${padded.slice(c, c + 3)}`, 0.5);
	});
	for (const [feature, count] of counts) {
		const hash = murmurhash.v3(feature);
		// The sign bit keeps colliding features from only ever adding up (Weinberger et al., 2009).
		const sign = hash & 0x80000000 ? -1 : 1;
		vector[hash % LEXICAL_DIMS] += sign * Math.log1p(count);
	}
	const norm = Math.hypot(...vector);
	return Array.from(vector, (v) => (norm ? Math.round((v / norm) * 1e6) / 1e6 : 0));
}

export const lexicalEmbedder: Embedder = {
	model: LEXICAL_MODEL,
	kind: 'lexical',
	embed: async (texts) => texts.map(lexicalVector),
};
