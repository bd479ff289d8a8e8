import {
	ASK_OPENERS,
	CALENDAR_HOSTS,
	INTEREST_WORDS,
	MEETING_WORDS,
	NO_REPLY_NEEDED,
	OFFER,
	OFFER_CONDITION,
	QUESTION_START,
	REFERRAL,
	REPLY_REQUESTS,
	SCHEDULING_DETAIL,
	TIME_REFERENCE,
} from './lexicons';
import type { Link } from './textParts';

export type CtaType =
	'interest_question' | 'meeting_ask' | 'calendar_link' | 'other_link' | 'reply_request';

export interface CtaSignals {
	/** The one kind of ask; 'several' when the email mixes kinds; 'none' without an ask. */
	type: CtaType | 'several' | 'none';
	/** Hard: a meeting at a set time or a calendar link. Soft: any other ask. */
	strength: 'hard' | 'soft' | 'none';
	count: number;
	/** Every ask, in order: its sentence index and kind. */
	asks: Array<{ sentence: number; type: CtaType; text: string }>;
	/** The last ask's sentence index (the one the email ends on), and where it sits (0 first … 1 last). */
	sentenceIndex: number | null;
	relativePosition: number | null;
}

const LINK_VERBS =
	/\b(check out|see|watch|read|download|take a look|have a look|grab|register|sign up|try|explore|visit|here|pick|book)\b/i;

const isCalendar = (url: string) => CALENDAR_HOSTS.some((host) => url.toLowerCase().includes(host));

/** A link handed over rather than mentioned: after a colon at the end, or alone on its line. */
function presentsLink(sentence: string, links: Link[]): boolean {
	const trimmed = sentence.trim();
	return links.some((link) => {
		const at = trimmed.lastIndexOf(link.raw);
		if (at < 0) return false;
		const before = trimmed.slice(0, at).trim();
		return !trimmed.slice(at + link.raw.length).trim() && (before === '' || before.endsWith(':'));
	});
}

/**
 * What kind of ask one sentence makes, if any. `late` says the sentence is in the last half of the
 * email or is its last question: a question early on that asks nothing concrete is an opener
 * ("Still closing the books by hand?"), not a call to action.
 */
export function classifySentence(sentence: string, links: Link[], late: boolean): CtaType | null {
	if (links.some((link) => isCalendar(link.url))) return 'calendar_link';
	const question = sentence.includes('?');
	const asks =
		question && (ASK_OPENERS.test(sentence) || (late && QUESTION_START.test(sentence.trim())));
	const replyRequest = REPLY_REQUESTS.test(sentence) && !NO_REPLY_NEEDED.test(sentence);
	const offer = OFFER.test(sentence);
	const meeting = MEETING_WORDS.test(sentence);
	// A meeting at a set time is a hard ask however politely it is phrased ("interested in a call
	// Thursday at 2pm?", "I would be happy to present it in a short call next week").
	if ((asks || replyRequest || question || offer) && meeting && TIME_REFERENCE.test(sentence)) {
		return 'meeting_ask';
	}
	if (
		links.length > 0 &&
		(LINK_VERBS.test(sentence) || question || presentsLink(sentence, links))
	) {
		return 'other_link';
	}
	if ((asks || replyRequest) && REFERRAL.test(sentence)) return 'reply_request';
	if (asks && (late || INTEREST_WORDS.test(sentence) || meeting)) return 'interest_question';
	if (replyRequest) return 'reply_request';
	if (offer && OFFER_CONDITION.test(sentence)) return 'interest_question';
	return null;
}

/**
 * Two sentences that make one ask: a link alone on its line after the ask it serves ("Worth 15
 * minutes?" + a calendar link), or a reply request that only fixes the time of a meeting asked
 * just before ("Please let me know which day suits you").
 */
function continues(
	previous: CtaSignals['asks'][number],
	type: CtaType,
	sentence: string,
	alone: boolean,
) {
	if (alone && (type === 'calendar_link' || type === 'other_link')) return true;
	return (
		previous.type === 'meeting_ask' && type === 'reply_request' && SCHEDULING_DETAIL.test(sentence)
	);
}

export function ctaSignals(sentences: string[], links: Link[]): CtaSignals {
	const lastQuestion = sentences.map((s) => s.includes('?')).lastIndexOf(true);
	const asks: CtaSignals['asks'] = [];
	sentences.forEach((sentence, i) => {
		const late = i >= sentences.length / 2 || i === lastQuestion;
		const type = classifySentence(
			sentence,
			links.filter((link) => link.sentence === i),
			late,
		);
		if (!type) return;
		const previous = asks.at(-1);
		const alone = presentsLink(sentence, links) && sentence.trim().split(/\s+/).length === 1;
		if (previous && previous.sentence === i - 1 && continues(previous, type, sentence, alone)) {
			// One ask over two sentences: the link's kind wins (it is what the reader acts on).
			if (previous.type !== 'meeting_ask' || type !== 'reply_request') previous.type = type;
			previous.sentence = i;
			previous.text = `${previous.text} ${sentence}`;
			return;
		}
		asks.push({ sentence: i, type, text: sentence });
	});
	const kinds = new Set(asks.map((a) => a.type));
	const last = asks.at(-1);
	return {
		type: kinds.size === 0 ? 'none' : kinds.size === 1 ? asks[0].type : 'several',
		strength:
			kinds.has('meeting_ask') || kinds.has('calendar_link')
				? 'hard'
				: kinds.size > 0
					? 'soft'
					: 'none',
		count: asks.length,
		asks,
		sentenceIndex: last ? last.sentence : null,
		relativePosition: last
			? sentences.length > 1
				? Math.round((last.sentence / (sentences.length - 1)) * 1000) / 1000
				: 1
			: null,
	};
}
