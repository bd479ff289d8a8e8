import { classifySentence } from '../features/ctaSignals';
import { textParts, wordsOf } from '../features/textParts';
import type { Queryable } from '../store/Db';

/** Lines about the writing itself, not the product: never material. */
/** A sentence that leans on the one before it ("That removes…", "It also…"): not material alone. */
const LEANS_BACK =
	/^(that|this|these|those|they|it|it's|its|he|she|which|so|and|but|also|then|plus)\b|\b(at|in|by|of) (that|this|those|these) (stage|point|time|size|rate|pace|scale|moment)\b/i;

const META =
	/\b(hope|hoping|wanted to|reaching out|following up|follow up|circling back|checking in|quick note|last (email|note|message)|inbox|bother|keep (this|it) short|no pressure|thank(s| you))\b/i;

/** What the brand's own mail gives a draft: its sentences and its asks, most common first. */
export interface BrandMaterial {
	sentences: string[];
	/** The touch of its sequences each sentence is most often written in (1 = first touch). */
	touchOf: Record<string, number>;
	asks: Partial<Record<'interest_question' | 'reply_request', string[]>>;
}

/**
 * The brand's own sentences a draft may reuse: what its sent mail says about the product and its
 * results, in its words, most common first. Kept: 6 to 25 words, no link, nothing about the writing
 * itself ("Hope you are well"), and no capitalized word but the brand's own (a sentence naming
 * another company or person was written for someone else). Its questions and reply requests of 4
 * to 20 words are its asks, by the kind the CTA classifier reads (meeting asks name days that
 * have passed: left out). Competitor mail is never read here: it informs the Blueprint's rules,
 * not a draft's words.
 */
export async function brandMaterial(
	q: Queryable,
	campaignId: string,
	brand: string,
): Promise<BrandMaterial> {
	const { rows } = await q.query<{ body_text: string; thread_position: number | null }>(
		`select body_text, thread_position from emails where campaign_id = $1 and source = 'brand'
		order by sent_at desc nulls last limit 500`,
		[campaignId],
	);
	const touches = new Map<string, Map<number, number>>();
	const brandWords = new Set(wordsOf(brand));
	const sentences = new Map<string, number>();
	const asks = new Map<string, { kind: 'interest_question' | 'reply_request'; n: number }>();
	for (const { body_text: body, thread_position: position } of rows) {
		for (const sentence of new Set(textParts(body.slice(0, 20_000)).sentences)) {
			const words = wordsOf(sentence);
			if (words.length < 4 || words.length > 25) continue;
			if (/https?:|www\.|@/.test(sentence) || META.test(sentence) || LEANS_BACK.test(sentence))
				continue;
			const names = words
				.slice(1)
				.filter((w) => /^\p{Lu}/u.test(w) && w !== 'I' && !/^I['’]/.test(w));
			if (names.some((w) => !brandWords.has(w))) continue;
			const kind = classifySentence(sentence, [], { secondHalf: true, lastQuestion: true });
			if (kind === 'interest_question' || kind === 'reply_request') {
				if (words.length <= 20) asks.set(sentence, { kind, n: (asks.get(sentence)?.n ?? 0) + 1 });
			} else if (!kind && words.length >= 6 && /[.!]$/.test(sentence.trim())) {
				sentences.set(sentence, (sentences.get(sentence) ?? 0) + 1);
				const at = touches.get(sentence) ?? new Map<number, number>();
				const step = Math.max(1, Number(position ?? 1));
				touches.set(sentence, at.set(step, (at.get(step) ?? 0) + 1));
			}
		}
	}
	const common = <T>(m: Map<string, T>, n: (v: T) => number) =>
		[...m.entries()]
			.sort((a, b) => n(b[1]) - n(a[1]) || a[0].length - b[0].length)
			.map(([sentence]) => sentence);
	const asksOf = (kind: 'interest_question' | 'reply_request') =>
		common(new Map([...asks].filter(([, v]) => v.kind === kind)), (v) => v.n).slice(0, 4);
	const kept = common(sentences, (n) => n).slice(0, 16);
	const touchOf = Object.fromEntries(
		kept.map((k) => [
			k,
			[...(touches.get(k) ?? new Map()).entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 1,
		]),
	);
	return {
		sentences: kept,
		touchOf,
		asks: {
			interest_question: asksOf('interest_question'),
			reply_request: asksOf('reply_request'),
		},
	};
}
