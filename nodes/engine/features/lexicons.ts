/**
 * The word lists the signals match against, in one place so docs/features.md can cite them and a
 * reviewer can see every cue. All are matched case-insensitively on word boundaries.
 */

/** Subject cues that invite opening without saying much (curiosity) or tie to the reader (relevance). */
export const CURIOSITY_CUES = [
	'quick question',
	'question',
	'idea',
	'ideas',
	'thought',
	'thoughts',
	'quick',
	'curious',
	'secret',
	'surprising',
	'mistake',
	'why',
	'how',
];
export const RELEVANCE_CUES = ['your', 'you', 'for you', 're your', 'about your', 'at your'];

/** Words spam filters and recipients read as promotional pressure. */
export const SPAM_TRIGGERS = [
	'free',
	'guarantee',
	'guaranteed',
	'act now',
	'limited time',
	'urgent',
	'winner',
	'risk-free',
	'risk free',
	'no obligation',
	'click here',
	'buy now',
	'order now',
	'cash',
	'100%',
	'$$$',
	'amazing',
	'incredible deal',
	'special promotion',
	'once in a lifetime',
	'double your',
	'earn money',
];

/** Opening sentences that refer to something the prospect did or is (research shown). */
export const PROSPECT_REFERENCE = [
	/\b(i|we) (have |'ve |just )?(noticed|saw|seen|read|came across|come across|heard|loved|enjoyed|watched|listened to|caught)\b/i,
	// Sales shorthand drops the "I": "Noticed Acme just opened…", "Saw your post…".
	/^(just )?(noticed|saw|read|loved|enjoyed|came across|caught|watched|listened to|heard)\b/i,
	/\bcongrat(s|ulations)\b/i,
	/\byour (recent|latest|new|post|article|talk|interview|podcast|announcement|launch|hiring|round|series [a-e]|appointment|promotion|comment)\b/i,
	/\b(saw|read|noticed) (that )?(you|your)\b/i,
	/\bcaught my eye\b/i,
];

/** Opening sentences about the sender rather than the reader. */
export const SELF_INTRODUCTION = [
	/\bmy name is\b/i,
	/\b(i am|i'm) (the |a |an )?[\w -]{2,40}? (at|with|from|of) [A-Z]/,
	/\b(i am|i'm) (the |a |an )?[\w -]{2,40}? (at|with|from|of) [a-z]/i,
	/\b(i am|i'm) (reaching out|writing|contacting you) (from|on behalf of)\b/i,
	/\bi work (at|for|with)\b/i,
	/\b(we are|we're) (a|an|the) [\w\s-]{0,40}(company|platform|agency|startup|provider|firm|leader)\b/i,
	/\bi('m| am) reaching out\b/i,
	// "I'm Jo, an SDR at Rampwise." / "I'm Rob from Denialfix."
	/^(I am|I'm|I’m) \p{Lu}\p{L}+(,| from| with| at| here)/u,
];

/** Problems and outcomes a sales email names: the reader's pain or the result offered. */
export const PROBLEM_TERMS = [
	'problem',
	'challenge',
	'struggle',
	'struggling',
	'pain',
	'manual',
	'slow',
	'costly',
	'waste',
	'wasting',
	'bottleneck',
	'churn',
	'risk',
	'errors',
	'frustrating',
	'hard to',
	'takes too long',
];
export const OUTCOME_TERMS = [
	'save',
	'saves',
	'saved',
	'cut',
	'cuts',
	'reduce',
	'reduced',
	'increase',
	'increased',
	'grow',
	'grew',
	'boost',
	'faster',
	'improve',
	'improved',
	'revenue',
	'roi',
	'hours',
	'results',
];

/** Words that say others already use the product (proof by reference). */
export const PROOF_PATTERNS = [
	/\b(customers?|clients?|teams?|compan(y|ies)|brands?|folks|groups?) (like|such as)\b/i,
	/\b(helped|help|helping|work with|worked with|partnered with) [A-Z][\w&.-]+/,
	/\b(case study|testimonial|trusted by|used by)\b/i,
];

/** Scheduling tools: a link to one of these is a calendar-link CTA. */
export const CALENDAR_HOSTS = [
	'calendly.com',
	'cal.com',
	'meetings.hubspot.com',
	'chilipiper.com',
	'savvycal.com',
	'zcal.co',
	'tidycal.com',
	'calendar.app.google',
	'outlook.office.com/bookwithme',
	'youcanbook.me',
];

/** Words that make an ask a meeting: a call, a demo, time together. */
export const MEETING_WORDS =
	/\b(call|meeting|meet|chat|demo|walkthrough|walk-through|conversation|zoom|sync|coffee|catch up|catch-up|hop on|jump on|connect live|video call|intro call|(\d+|few|fifteen|twenty|thirty)[\s-]?(min|mins|minutes?)\b(?! (video|read|demo video|recording)))\b/i;

/** A specific time, day or duration: what makes a meeting ask a hard ask. */
export const TIME_REFERENCE =
	/\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|tomorrow|today|this week|next week|this afternoon|this morning|\d{1,2}(:\d{2})?\s?(am|pm|a\.m\.|p\.m\.)|\d+[\s-]?(min|mins|minute|minutes|hour|hr)s?)\b/i;

/** Openers of a question that asks the reader for something (not a rhetorical question). */
export const ASK_OPENERS =
	/\b(do you (own|handle|run|manage|lead|oversee|look after|have|want)|would (you|a|an|it|this|that|the|some|any)|are you|is (it|this|that|there)|is [\w\s-]{1,30} something|does (it|this|that) (make sense|sound|match|ring)|could (you|we|i)|can (you|we|i)|shall (we|i)|should (i|we)|want me to|how (about|does|would)|worth|open to|interested|any (interest|thoughts|objections|feedback)|mind if|who('s| is| owns| handles| would be)|what('s| is) the best way|when (is|are|would)|make sense|ok if|okay if|up for|fancy|curious (whether|if|how|what))\b/i;

/**
 * A late question that starts like a question to the reader ("Is the integration going smoothly?",
 * "Does that match what you see?"): an ask when it is the email's closing question.
 */
export const QUESTION_START =
	/^(is|are|do|does|did|would|could|can|will|have|has|should|shall|may|might|how|what|which|when)\b/i;

/** Offers made as a statement: an ask when tied to the reader's interest ("… if useful"). */
export const OFFER =
	/\b(happy to|glad to|i('d| would) (love|like|be happy|be glad) to|i would welcome the opportunity to)\b/i;
export const OFFER_CONDITION =
	/\bif (useful|helpful|relevant|of interest|interested|you('d| would) like|it helps|that helps|you want)\b/i;

/** Routing asks: answered with a name, or a yes from the owner. */
export const REFERRAL =
	/^\s*do you (own|handle|run|manage|lead|oversee|look after)\b|\b((right|best|better) (person|contact)|the person who|someone else|point me|connect me|introduce me|forward (this|my|it)|who (owns|handles|is responsible|looks after|leads|runs)|whom|what('s| is) the best way to reach|do you (own|handle|run|manage|lead|oversee|look after)\b.*\bor\b|should i close (your|the) file|permission to close)\b/i;

/** A follow-up line that only fixes the time of an ask made just before ("Let me know which day suits"). */
export const SCHEDULING_DETAIL = /\b(day|time|slot|suits?|works? best|availability|when)\b/i;

/** Imperatives that ask for a reply without a question mark. */
export const REPLY_REQUESTS =
	/\b(let me know|reply (with|to|here)|just reply|hit reply|drop me a (line|note)|send me|point me to|connect me (with|to)|tell me|shoot me|get back to me|a (quick|short) (yes|no|reply)|(please )?write (to )?me|contact me|kindly ask you to|please (forward|pass)|forward (this|my) (mail|email|note|message))\b/i;

/** "No need to reply": a reply phrase that asks for nothing. */
export const NO_REPLY_NEEDED =
	/\b(no need to|don'?t need to|do not need to|needn'?t) (reply|respond|answer|get back)\b/i;

/** Interest asks: soft questions about relevance or openness. */
export const INTEREST_WORDS =
	/\b(interest(ed|ing)?|worth|open to|make sense|relevant|priority|a fit|helpful|useful|of use|help|curious|on your radar|something)\b/i;

/** Breakup emails: the sender says this is the last touch. */
export const BREAKUP_CUES = [
	/\b(closing the loop|close the loop|last (email|note|message|time|try|attempt))\b/i,
	/\b(i('ll| will) (stop|assume|leave you|not (bother|reach out))|won't (bother|reach out))\b/i,
	/\b(should i close (your|the) file|permission to close|not a (priority|fit) right now)\b/i,
	/\bbreak(-| )?up\b/i,
];

/** Sign-offs that end the body; what follows is the sender's name. */
export const SIGN_OFF =
	/^(thanks|thank you|thx|best|best regards|kind regards|warm regards|regards|cheers|talk soon|sincerely|all the best|many thanks|speak soon|warmly)[,.!]?$/i;

/** Greetings that start the body ("Hi Kim," "Hello team,"). */
export const GREETING =
	/^(hi|hello|hey|dear|good (morning|afternoon|evening)|greetings|hiya|howdy)\b([^\n]{0,60})[,!:.]?$/i;
