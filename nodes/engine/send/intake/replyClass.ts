import { replyFragments } from '../../ingest/replyFragments';
import type { Classified } from './types';

/** What an answer to a sent message says, for the campaign's results (docs/sending.md). */
export type ReplyClass =
	| 'positive'
	| 'not_now'
	| 'not_interested'
	| 'unsubscribe_request'
	| 'out_of_office'
	| 'bounce'
	| 'unclear';

export const REPLY_CLASSES: ReplyClass[] = [
	'positive',
	'not_now',
	'not_interested',
	'unsubscribe_request',
	'out_of_office',
	'bounce',
	'unclear',
];

/**
 * Phrases, tried in this order on the reply's own words (quoted text and signature removed): a
 * request to stop mailing wins over everything, a "later" over a "no" (people who say "not
 * interested right now, try next quarter" mean later), and a "no" over the polite words around it.
 */
const RULES: Array<[ReplyClass, RegExp]> = [
	[
		'unsubscribe_request',
		/\b(unsubscribe|remove me|take me off|opt(ed)? out|stop (e-?mailing|emailing|contacting|sending|writing)|do not (e-?mail|contact)|don'?t (e-?mail|contact|write)|no more (e-?mails|emails|messages)|delete my (e-?mail|address|data))\b/i,
	],
	[
		'not_now',
		/\b(not (right )?now|not at the moment|not at this time|maybe later|(reach|circle|check) ((back|out) )+(in|after|next)|in q[1-4]|(try|ping|contact|email) (me|us) (again )?(in|after|next)|next (week|month|quarter|year)|in (a few|two|three|\d+) (weeks|months)|(bad|busy) (time|season|quarter)|timing (is|isn'?t)|after (the )?(holidays|summer|q[1-4]))\b/i,
	],
	[
		'not_interested',
		/\b(not interested|no interest|no,? thanks?|no thank you|not a (good )?fit|not relevant|not for us|(we'?re|we are|i'?m|i am) (all set|good|covered)|already (have|use|using|work with)|pass on this|not looking|no need|please don'?t follow up)\b/i,
	],
	[
		'positive',
		/\b(interested|let'?s (talk|chat|meet|connect|set (up|something up)|schedule|do it)|sounds (good|great|interesting)|tell me more|send (me|over|it)|happy to (chat|talk|meet|connect)|(book|schedule|set up) (a|some) (call|time|meeting|demo)|(works|work) for me|how about|can we (talk|chat|meet)|(are|is) you (free|available)|calendar|yes\b)/i,
	],
];

/** The reply's own words: email-reply-parser's fragments that are neither quoted nor signature. */
function ownWords(text: string): string {
	return replyFragments(text)
		.filter((f) => !f.quoted && !f.signature)
		.map((f) => f.content)
		.join('\n')
		.slice(0, 4000);
}

/**
 * The class of what came back for a sent message, deterministic: bounces and automatic replies by
 * the intake's own reading, a person's reply by phrases in its own words. `unclear` is a person's
 * reply that says none of them (a question, a forward): counted as a reply, never guessed.
 */
export function replyClassOf(c: Classified, text: string): ReplyClass | null {
	if (c.kind === 'hard_bounce' || c.kind === 'soft_bounce') return 'bounce';
	if (c.kind === 'auto_reply') return 'out_of_office';
	if (c.kind !== 'reply') return null;
	const words = ownWords(text);
	return RULES.find(([, pattern]) => pattern.test(words))?.[0] ?? 'unclear';
}
