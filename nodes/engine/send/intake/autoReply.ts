import type { InboundMessage } from './types';

/**
 * The subject prefixes autoresponders put before the original subject: Outlook's and Exchange's in
 * the languages sales mail most often meets, Gmail's vacation responder, generic ones. Only a
 * prefix counts, and "Re:" in front means a person answered (possibly to an auto-reply).
 */
const AUTO_SUBJECT_PREFIX =
	/^\s*(automatic reply|auto(matic)?[- ]?(reply|response)|autoreply|auto|away|out of (the )?office( reply| autoreply)?|ooo|vacation reply|on vacation|abwesend|abwesenheitsnotiz|automatische antwort|r[ée]ponse automatique|absent\(e\)|absence|respuesta autom[áa]tica|ausente|risposta automatica|fuori sede|automatisch antwoord|afwezig|autosvar|fr[åa]nvarande|automaattinen vastaus|resposta autom[áa]tica|odpowied[źz] automatyczna)\s*:/i;
/** Whole subjects autoresponders and ticket systems write. */
const AUTO_SUBJECT =
	/^\s*(out of (the )?office|abwesenheitsnotiz|absence|vacation|on (holiday|leave)|(ihre|your) (anfrage|request|ticket|message) (\[|#|has|wurde|was|is)|\[?(ticket|case|request|anfrage|demande|solicitud)[\s#:]*[\w-]*\d|.*\[(ticket|case|request)[^\]]*#?\s*\d+\]|.*request id\s*:|please confirm your (message|e-?mail)|verification required|(message|e-?mail) (held|pending) (for|until) (verification|confirmation)|delivery receipt|read receipt)/i;

/**
 * A statement of absence in the languages the intake reads (en, de, fr, es, it, nl, pt). Each is
 * what an absent person's responder says of itself: away, out of the office, on leave or holiday,
 * travelling with limited access, no longer monitored, no longer working here.
 */
const ABSENCE = new RegExp(
	[
		// English
		"\\b(i am|i'?m|i will be|i'?ll be|i have been|we are|the office is)\\s+(currently\\s+|now\\s+)?(out of (the )?office|away|on (vacation|holiday|leave|annual leave|parental leave|maternity leave|paternity leave|sick leave|pto|a business trip|the road)|travell?ing|off( work| sick)?|ooo|out (sick|until|of town)|unavailable|not in the office|attending|at a conference)\\b",
		'\\b(out of (the )?office|away from (the office|my desk)|on (annual|parental|maternity|paternity) leave) (until|through|till|from|with|and)\\b',
		'\\b(limited|no) access to (e-?mail|my e-?mail|my inbox|email)\\b',
		'\\bthis (mailbox|inbox|address) is (no longer|not) (monitored|in use|active)\\b',
		"\\b(i have|i've) (left|moved on from)\\b|\\bno longer (with|at|working (at|for))\\b",
		// German
		'\\bich bin (derzeit |aktuell |momentan |bis (zum |einschließlich )?[^.]{0,40})?(nicht im (büro|haus)|abwesend|im urlaub|in elternzeit|auf (dienst)?reise|außer haus|krank|nicht erreichbar)',
		'\\bich befinde mich\\b[^.]{0,60}\\b(urlaub|elternzeit|dienstreise|abwesen|nicht im büro)',
		'\\b(keinen|eingeschränkten) zugriff auf (meine |meinen )?e-?mails?\\b',
		'\\bihre (e-?mail|nachricht) wird nicht weitergeleitet\\b',
		// French
		'\\bje (suis|serai) (actuellement |absente? |en |hors )',
		'\\b(absente?|en congés?|en déplacement|en vacances|hors du bureau) (du|jusqu|avec|et|,)',
		'\\baccès limité à (mes|ma) (e-?mails?|messagerie|courriels?)\\b',
		// Spanish
		'\\b(estoy|me encuentro) (fuera de la oficina|de vacaciones|ausente|de viaje|de baja|fuera)\\b',
		'\\bacceso limitado (al|a mi) correo\\b',
		// Italian
		'\\b(sono|sarò) (fuori (ufficio|sede)|in ferie|assente|in vacanza|in viaggio)\\b',
		'\\baccesso limitato alla (posta|e-?mail)\\b',
		// Dutch
		'\\bik ben (afwezig|met vakantie|op vakantie|niet op kantoor|niet aanwezig|op reis)',
		'\\b(ik ben )?op dit moment niet (op kantoor|aanwezig|bereikbaar)\\b',
		'\\bbeperkt(e)? toegang tot (mijn )?e-?mail\\b',
		// Portuguese
		'\\b(estou|estarei) (fora do escritório|de férias|ausente|em viagem|de licença)\\b',
		'\\bacesso limitado ao e-?mail\\b',
	].join('|'),
	'iu',
);

/** When the absent person is back, or whom to write meanwhile: the second half of a responder. */
const RETURN_OR_REDIRECT = new RegExp(
	[
		'\\b(back|return(ing)?|respond|reply|answer)\\b[^.]{0,40}\\b(on|by|after|from|when|upon|the|in|as soon)\\b',
		'\\buntil\\b|\\btill\\b|\\bthrough\\b',
		'\\b(for (urgent|anything urgent)|in urgent|please contact|contact|write to|reach out to|going forward|instead)\\b',
		'\\bwill (not )?be (forwarded|read)\\b',
		// de, fr, es, it, nl, pt
		'\\b(bis|ab dem|ab|wieder (erreichbar|im büro|da)|in dringenden fällen|wenden sie sich|weitergeleitet)\\b',
		"\\b(jusqu|dès mon retour|de retour|en cas d'urgence|merci de contacter|veuillez contacter)",
		'\\b(hasta|regresaré|a mi regreso|para asuntos urgentes|escriba a|contacte)\\b',
		'\\b(fino al|dal|al mio rientro|per urgenze|contattare|risponderò)\\b',
		'\\b(tot en met|tot|vanaf|weer bereikbaar|voor dringende zaken|contact opnemen)\\b',
		'\\b(até|retorno|regresso|para assuntos urgentes|contacte|responderei)\\b',
	].join('|'),
	'iu',
);

/** What a ticket system or a challenge-response filter answers with, in place of a person. */
const SYSTEM_ANSWER = new RegExp(
	[
		'\\b(your|this) (request|ticket|case|message|enquiry|inquiry) (has been|was|is being) (received|logged|created|opened|assigned|reviewed)',
		'\\b(ticket|case|request|reference)( number| id| no\\.?)?\\s*[:#]?\\s*#?[a-z]{0,4}-?\\d{3,}',
		'\\bautomated (acknowledg(e)?ment|response|reply|message)\\b|\\bthis is an automat(ed|ic) (reply|response|message)\\b',
		'\\breply above this line\\b',
		'\\b(verify|confirm) (that )?you are (a )?(human|real|not a robot)|challenge[- ]response|(confirm|verify) you are a real sender|your (e-?mail|message) (is being held|has been held|is pending)',
		'\\b(ticketnummer|vorgangsnummer|ihre anfrage (ist|wurde))\\b',
		'\\b(votre demande a été (reçue|enregistrée)|numéro de ticket)\\b',
		'\\b(su solicitud (ha sido|fue) (recibida|registrada))\\b',
		'\\b(your email has been received|thank you! your email has been received|we have received your (e-?mail|message))\\b',
		'\\bhas been delivered to the mailbox\\b',
	].join('|'),
	'iu',
);

/**
 * What a person writes when they answer the pitch itself: it outvotes an absence statement ("I'm
 * out next week but yes, let's talk") and a past absence ("I was out, sorry for the slow reply").
 */
const PERSON = new RegExp(
	[
		"\\b(yes|sure|interested|let'?s (talk|chat|meet|do|find|set)|sounds (good|great|interesting)|happy to|send (me|over)|not interested|no thanks|please (follow up|remove)|what was this about|sorry for the (slow|late) reply)\\b",
		"\\b(i was|i've been|i have been) (out|away|on (vacation|holiday|leave))\\b",
		'\\b(ja,? gerne|ich war (im urlaub|abwesend|nicht da)|kein interesse)\\b',
		"\\b(oui|j'étais (absent|absente|en congés?)|parlons-en|ça m'intéresse)\\b",
		'\\b(sí,? me interesa|no nos interesa|estaba (fuera|de vacaciones))\\b',
		'\\b(sì,? mi interessa|ero (in ferie|fuori))\\b',
		'\\b(ja,? dat klinkt|ik was (afwezig|op vakantie))\\b',
		'\\b(sim,? tenho interesse|eu estava (fora|de férias))\\b',
	].join('|'),
	'iu',
);

/** Local parts of addresses no person answers from. */
const NO_PERSON =
	/^(no-?reply|do-?not-?reply|donotreply|noreply|notifications?|auto-?(reply|responder|confirm)|mailer|bounces?|support-?noreply|helpdesk-?noreply)[@+._-]/i;

/** The evidence that a message was written by a responder, or undefined when there is none. */
export function autoReplyEvidence(m: InboundMessage, ownWords: string): string | undefined {
	const h = m.headers;
	const autoSubmitted = h['auto-submitted'];
	if (autoSubmitted && !/^\s*no\b/i.test(autoSubmitted)) return `Auto-Submitted: ${autoSubmitted}`;
	const vendor = [
		'x-autoreply',
		'x-autorespond',
		'x-autoresponder',
		'x-autogenerated',
		'x-boxtrapper',
		'x-cr-hashedpuzzle',
		'x-spam-challenge',
	].find((name) => name in h);
	if (vendor) return vendor;
	if (/^(auto_reply|auto-reply|junk|bulk)$/i.test(h.precedence?.trim() ?? ''))
		return `Precedence: ${h.precedence}`;
	if (NO_PERSON.test(m.from ?? '')) return `sent from ${m.from}`;
	const subject = m.subject.trim();
	if (AUTO_SUBJECT_PREFIX.test(subject)) return 'an autoresponder subject prefix';
	const words = ownWords.slice(0, 2000);
	const person = PERSON.test(words);
	if (SYSTEM_ANSWER.test(words) && !person) return 'a ticket system or challenge-response text';
	if (AUTO_SUBJECT.test(subject) && !person) return 'an autoresponder subject';
	if (ABSENCE.test(words) && RETURN_OR_REDIRECT.test(words) && !person) {
		// Exchange's X-Auto-Response-Suppress is on ordinary mail too: only a hint beside the text.
		return h['x-auto-response-suppress']
			? 'out-of-office text (and Exchange headers)'
			: 'out-of-office text';
	}
	return undefined;
}
