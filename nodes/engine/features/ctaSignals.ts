import {
	ASK_OPENERS,
	CALENDAR_HOSTS,
	HOW_TO_ANSWER,
	INTEREST_WORDS,
	LATE_QUESTION_START,
	MEETING_WORDS,
	NO_REPLY_NEEDED,
	OFFER,
	OFFER_CONDITION,
	OFFER_QUESTION,
	QUESTION_START,
	REFERRAL,
	REPLY_REQUESTS,
	SCHEDULING_DETAIL,
	TIME_REFERENCE,
} from './lexicons';
import { isListOption, readerText } from './readerText';
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

const SENDER_NAME = /^\p{Lu}[\p{L}'’-]+( \p{Lu}[\p{L}'’-]+)?$/u;

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

/** Where a sentence stands: in the email's second half, and whether it is its last question. */
export interface SentencePlace {
	secondHalf: boolean;
	lastQuestion: boolean;
}

/**
 * What kind of ask one sentence makes, if any, read as a reader reads it (readerText). A question
 * early on that asks nothing concrete is an opener ("Still closing the books by hand?"), not a call
 * to action; the email's last question counts when it starts like a question to the reader, and in
 * the second half whatever it starts with; a question that offers or requests something
 * ("Would your team like samples?") counts anywhere.
 */
export function classifySentence(
	sentence: string,
	links: Link[],
	place: SentencePlace,
): CtaType | null {
	if (links.some((link) => isCalendar(link.url))) return 'calendar_link';
	const text = readerText(sentence).trim();
	const question = text.includes('?');
	const offerQuestion = question && OFFER_QUESTION.test(text);
	const late = place.secondHalf || place.lastQuestion;
	// "Quick question from a founder: is a 2M seed reasonable?": the question is after the colon.
	const asked = text.split(/:\s/).at(-1) ?? text;
	const asks =
		question &&
		(ASK_OPENERS.test(text) ||
			offerQuestion ||
			(late && QUESTION_START.test(asked)) ||
			(place.secondHalf && (place.lastQuestion || LATE_QUESTION_START.test(text))));
	const replyRequest = REPLY_REQUESTS.test(text) && !NO_REPLY_NEEDED.test(text);
	const offer = OFFER.test(text);
	const meeting = MEETING_WORDS.test(text);
	// A meeting at a set time is a hard ask however politely it is phrased ("interested in a call
	// Thursday at 2pm?", "I would be happy to present it in a short call next week").
	if ((asks || replyRequest || question || offer) && meeting && TIME_REFERENCE.test(text)) {
		return 'meeting_ask';
	}
	if (links.length > 0 && (LINK_VERBS.test(text) || question || presentsLink(sentence, links))) {
		return 'other_link';
	}
	if ((asks || replyRequest || question) && REFERRAL.test(text)) return 'reply_request';
	// "Could you send me the file?" asks for a reply, whatever its question mark says.
	if (replyRequest && !offerQuestion) return 'reply_request';
	if (asks && (late || offerQuestion || INTEREST_WORDS.test(text) || meeting))
		return 'interest_question';
	if (offer && OFFER_CONDITION.test(text)) return 'interest_question';
	return null;
}

/**
 * Two sentences that make one ask: a link alone on its line after the ask it serves ("Worth 15
 * minutes?" + a calendar link, perhaps with "Pick a time:" between), a reply request that only
 * fixes the time of a meeting asked just before ("Please let me know which day suits you"), or
 * one that only says how to answer the question before it, across the options listed between
 * ("Which fits best? 1) … 2) … Reply with the number").
 */
function continues(
	previous: CtaSignals['asks'][number],
	type: CtaType,
	sentence: string,
	alone: boolean,
	between: string[],
) {
	if (alone && (type === 'calendar_link' || type === 'other_link'))
		return between.every((s) => s.trim().endsWith(':'));
	if (between.length === 0 && previous.type === 'meeting_ask' && type === 'reply_request')
		return SCHEDULING_DETAIL.test(sentence);
	return (
		type === 'reply_request' &&
		(previous.type === 'interest_question' || previous.type === 'reply_request') &&
		HOW_TO_ANSWER.test(readerText(sentence)) &&
		between.every(isListOption)
	);
}

export function ctaSignals(sentences: string[], links: Link[]): CtaSignals {
	const lastQuestion = sentences.map((s) => s.includes('?')).lastIndexOf(true);
	// A name alone at the end is the sender's, not a sentence of the email.
	const length = SENDER_NAME.test(sentences.at(-1) ?? '') ? sentences.length - 1 : sentences.length;
	const asks: CtaSignals['asks'] = [];
	sentences.forEach((sentence, i) => {
		const type = classifySentence(
			sentence,
			links.filter((link) => link.sentence === i),
			{ secondHalf: i >= length / 2, lastQuestion: i === lastQuestion },
		);
		if (!type) return;
		const previous = asks.at(-1);
		const alone = presentsLink(sentence, links) && sentence.trim().split(/\s+/).length === 1;
		const between = previous ? sentences.slice(previous.sentence + 1, i) : [];
		if (previous && between.length <= 6 && continues(previous, type, sentence, alone, between)) {
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
