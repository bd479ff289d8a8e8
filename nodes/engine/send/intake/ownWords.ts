import { replyFragments } from '../../ingest/replyFragments';

/** The message's own words: email-reply-parser's fragments that are neither quoted nor signature. */
export function ownWords(text: string): string {
	return replyFragments(text.slice(0, 100_000))
		.filter((f) => !f.quoted && !f.signature)
		.map((f) => f.content)
		.join('\n')
		.slice(0, 4000);
}
