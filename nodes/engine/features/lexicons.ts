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
	/\bcongrat(s|ulations)\b/i,
	/\byour (recent|latest|new|post|article|talk|interview|podcast|announcement|launch|hiring|round|series [a-e]|appointment|promotion|comment)\b/i,
	/\b(saw|read|noticed) (that )?(you|your)\b/i,
	/\bcaught my eye\b/i,
];

/**
 * Research verbs: "I noticed…", and sales shorthand without the "I" ("Noticed Acme just opened…",
 * "Saw your post…"). They show research only about the reader: a sentence that also addresses them
 * or names something (openingSignals); "I read every support ticket" is about the sender.
 */
export const RESEARCH_VERBS = [
	/\b(i|we) (have |'ve |just )?(noticed|saw|seen|read|came across|come across|heard|loved|enjoyed|watched|listened to|caught)\b/i,
	/^(just )?(noticed|saw|read|loved|enjoyed|came across|caught|watched|listened to|heard)\b/i,
];

/** Opening sentences about the sender rather than the reader. */
export const SELF_INTRODUCTION = [
	/\bmy name is\b/i,
	// "I'm the head of sales at Widgets", "I am a partner at …", "the regional director for …".
	/\b(i am|i'm|i’m) (the|a|an) [\w -]{2,40}? (at|with|from|of|for) /i,
	/\b(i am|i'm|i’m) (head|director|founder|co-founder|ceo|cto|coo|cfo|vp|manager|partner|lead|responsible|in charge)\b/i,
	/\b(i am|i'm|i’m) (reaching out|writing|contacting you|writing (to )?you) (from|on behalf of)\b/i,
	/\bi work (at|for|with)\b/i,
	// "We are a leading manufacturer of…", "We're a family-run producer…": the sender describes itself.
	/^(we are|we're|we’re) (a|an) /i,
	/\b(we are|we're) (a|an|the) [\w\s-]{0,40}(company|platform|agency|startup|provider|firm|leader|studio|manufacturer|producer|distributor|supplier|charity|consultancy)\b/i,
	/\bi('m| am) reaching out\b/i,
	// "I lead partnerships at Ledgerly", "I run a small recruiting firm".
	/^i (lead|run|head|manage|handle|own|direct) [\w -]{2,40}?\b(at|for|focused|in)\b/i,
	/^i (lead|run|head|manage) (a|an|the|our) /i,
	// "I'm Jo, an SDR at Rampwise.", "I am Kenji Mori, sales representative…", "I'm Rob from Denialfix."
	/^(I am|I'm|I’m) (\p{Lu}\p{L}+ ){0,2}\p{Lu}\p{L}+(,| from| with| at| here| and)/u,
	// "This is Lars from the FinOps Summit team.", "matt here from pulse".
	/^this is \p{L}+ (from|at|with)\b/iu,
	/^\p{L}+ here (from|at|with)\b/iu,
	/\bi('ve| have) (just )?(joined|taken over)\b/i,
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
	/\b(call|meeting|meet|chat|demo|walkthrough|walk-through|walk you through|conversation|zoom|sync|coffee|lunch|dinner|breakfast|talk|speak|visit|session|in person|get together|catch up|catch-up|hop on|jump on|connect live|video call|intro call|(half an|an|one|two) hours?|(\d+|few|fifteen|twenty|thirty)[\s-]?(min|mins|minutes?)\b(?! (video|read|demo video|recording)))\b/i;

/** A specific time, day or duration: what makes a meeting ask a hard ask. */
export const TIME_REFERENCE =
	/\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|tomorrow|today|tonight|this week|next week|this month|next month|in (a|one|two|three|\d+) weeks?|this afternoon|this morning|\d{1,2}(:\d{2})?\s?(am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d{2}|at \d{1,2}\b|\d{1,2}(st|nd|rd|th)\b|o'clock|week \d{1,2}\b|january|february|march|april|june|july|august|september|october|november|december|(\d{1,2}(st|nd|rd|th)? (of )?|(in|early|mid|late|of) )may\b|may \d{1,2}\b|(half an|an|one|two) hours?|\d+[\s-]?(min|mins|minute|minutes|hour|hr)s?)\b/i;

/** Openers of a question that asks the reader for something (not a rhetorical question). */
export const ASK_OPENERS =
	/\b(do you (own|handle|run|manage|lead|oversee|look after|have|want|like|need)|would (you|your|a|an|it|this|that|the|some|any|either|our)|are you|is (it|this|that|there)|any chance|is it possible|may i|might (you|it|this|our)|free (for|to)|around (for|to)|got \d+|is [\w\s-]{1,30} something|does (it|this|that) (make sense|sound|match|ring)|could (you|we|i)|can (you|we|i)|shall (we|i)|should (i|we)|want me to|how (about|does|would)|worth|open to|interested|any (interest|thoughts|objections|feedback)|mind if|who('s| is| owns| handles| would be)|what('s| is) the best way|when (is|are|would)|make sense|ok if|okay if|up for|fancy|curious (whether|if|how|what))\b/i;

/**
 * A late question that starts like a question to the reader ("Is the integration going smoothly?",
 * "Does that match what you see?"): an ask when it is the email's closing question.
 */
export const QUESTION_START =
	/^(is|are|do|does|did|would|could|can|will|have|has|should|shall|may|might|how|what|which|when)\b/i;

/**
 * Short questions that ask in the second half of an email ("Still keen?", "Any thoughts?", "Want
 * to try it this week?"): too loose for an opener, which they can also start ("Still closing the
 * books by hand?").
 */
export const LATE_QUESTION_START =
	/^(want|any|anything|still|keen|thoughts|fancy|free|around|got|maybe|sound|sounds|it will|you)\b/i;

/** A reply request that only says how to answer the question before it ("Reply with the number"). */
export const HOW_TO_ANSWER =
	/\b(reply|answer|respond)\b[^.?!]*\b(number|letter|word|one|day|option)\b|\bone-(word|letter|line) reply\b/i;

/**
 * Questions that offer or request something wherever they stand ("Would your team like samples?",
 * "Can I send you the catalogue?", "Want me to…?"): never a rhetorical opener.
 */
export const OFFER_QUESTION =
	/^(would (you|your( [\w-]+){1,2}) (like|want|consider|be (interested|open|up for|willing))|(can|could|may|shall) (i|we) (send|share|show|set up|prepare|put together|reserve|book|introduce|run|invite)|want (me )?to|do you want (me|us) to|would it help)\b/i;

/** Offers made as a statement: an ask when tied to the reader's interest ("… if useful"). */
export const OFFER =
	/\b(happy to|glad to|pleased to|delighted to|(would|'d|’d) (love|like|be happy|be glad|be pleased|be delighted|welcome|appreciate)|(we|i) (can|could) (also )?(do|set up|arrange|schedule|have|jump|hop|talk|meet|walk|show|discuss|go through|review)|let'?s|let us)\b/i;
export const OFFER_CONDITION =
	/\b(if (useful|helpful|relevant|of interest|interested|you('d| would) like|it helps|that helps|you want)|if (that's|that is|it's|it is|this is|it would be|that would be|you're|you are) (useful|helpful|of interest|relevant|interesting|interested|curious|open)|should (it|this|that|the topic|the subject) be (of )?(relevance|relevant|interest|useful|helpful|of value))\b/i;

/** Routing asks: answered with a name, or a yes from the owner. */
export const REFERRAL =
	/^\s*do you (own|handle|run|manage|lead|oversee|look after)\b|\b((right|best|better|appropriate|wrong) (person|contact)|contact person|person in charge|the person (who|coordinating|handling|responsible|in charge)|someone else|point me|direct me to|connect me|introduce me|forward (this|my|it)|do you know (anyone|anybody|someone|somebody|any [\w ]{1,30} who|who)|who('s| is| are)? (responsible|in charge)|who (owns|handles|is responsible|looks after|leads|runs|does|decides|manages|takes care of)|who (on|in|at) (your|the) [\w ]{1,25}? (decides|owns|handles|manages|runs|is responsible|looks after|is in charge)|who (should|can|could) i (talk|speak|reach|contact|write)|whoever (owns|handles|runs|manages|is|looks after)|whom|what('s| is) the best way to reach|do you (own|handle|run|manage|lead|oversee|look after)\b.*\bor\b|should i close (your|the) file|permission to close)\b/i;

/** A follow-up line that only fixes the time of an ask made just before ("Let me know which day suits"). */
export const SCHEDULING_DETAIL = /\b(day|time|slot|suits?|works? best|availability|when)\b/i;

/** Imperatives that ask for a reply without a question mark. */
export const REPLY_REQUESTS =
	/\b(let me know|reply (with|to|here)|reply\s+(["“'(][\w-]+|\d+)|just reply|hit reply|drop me a (line|note)|send (me|us)|point me to|connect me (with|to)|tell me|shoot me|get back to me|a (quick|short|one-word|one-letter|one-line) (yes|no|reply)|(please )?write (to )?me|contact me|kindly ask you to|(please|kindly) (forward|pass|confirm|revert|inform|advise|indicate|share|send|provide)|inform us|revert (with|back|to)|do the needful|(grateful|appreciate it) if you could|feel free to (forward|reply|reach out|send|get in touch)|could you (send|tell|confirm|forward|give) (me|us)|could you (share|send) (your|the name|the contact)|forward (this|my) (mail|email|note|message|to|along))(?!\w)/i;

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
