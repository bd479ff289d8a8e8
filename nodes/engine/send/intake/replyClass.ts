import { ownWords } from './ownWords';
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

/** Alternatives joined into one case-insensitive, Unicode-aware pattern on word boundaries. */
const anyOf = (phrases: string[]) =>
	new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.join('|')})(?![\\p{L}\\p{N}])`, 'iu');

/**
 * Phrases per class in the seven languages the intake reads (en, de, fr, es, it, nl, pt), tried in
 * this order on the reply's own words (quoted text and signature removed): a request to stop
 * mailing wins over everything, a "later" over a "no" (people who say "not interested right now,
 * try next quarter" mean later), and a "no" over the polite words around it. A date alone is not
 * a "later": "Tuesday next week works" is a yes.
 */
const RULES: Array<[ReplyClass, RegExp]> = [
	[
		'unsubscribe_request',
		anyOf([
			'unsubscribe',
			'remove me',
			'take me off',
			'opt(?:ed)? out',
			'stop (?:e-?mailing|emailing|contacting|sending|writing)',
			'do not (?:e-?mail|contact)',
			"don'?t (?:e-?mail|contact|write)",
			'no more (?:e-?mails|emails|messages)',
			'delete my (?:e-?mail|address|data)',
			'(?:nehmen sie|streichen sie|entfernen sie) mich',
			'aus (?:ihrem|dem) verteiler',
			'(?:schreiben|kontaktieren) sie (?:mich|mir) nicht mehr',
			'abmelden',
			'me (?:retirer|désinscrire|désabonner)',
			'retirez-moi',
			'ne (?:plus )?me (?:contactez|écrivez) plus',
			'désinscri(?:re|ption)',
			'elimíneme',
			'dar(?:me)? de baja',
			'no me (?:escriba|contacte)(?:n)? más',
			'rimuovetemi',
			'rimuovermi',
			'cancellatemi',
			'non (?:scrivetemi|contattatemi) più',
			'haal mij',
			'(?:van|uit) (?:uw|de) (?:lijst|mailinglijst)',
			'afmelden',
			'remova-me',
			'remover-me',
			'descadastr(?:e|ar)',
			'não (?:me )?(?:envie|contacte)m? mais',
		]),
	],
	[
		'not_now',
		anyOf([
			'not (?:right )?now',
			'not at the moment',
			'not at this time',
			'not the right time',
			'maybe later',
			'(?:reach|circle|check) (?:back|out)(?: again)?(?: with me)?(?: in| after| next| then| later)',
			'reach out again',
			'follow up (?:then|later|in|after|next)',
			'in q[1-4]',
			'(?:try|ping|contact|email) (?:me|us) (?:again )?(?:in|after|next|later)',
			'(?:next|in the new) (?:quarter|year|fiscal year)',
			'in (?:a few|two|three|six|\\d+) (?:weeks|months)',
			'maybe in',
			'(?:bad|busy) (?:time|season|quarter)',
			"timing (?:is|isn'?t)",
			'after (?:the )?(?:holidays|summer|q[1-4])',
			'(?:momentan|aktuell|derzeit|zurzeit) (?:leider )?(?:nicht|kein)',
			'passt es (?:zeitlich )?nicht',
			'im (?:nächsten|kommenden) (?:quartal|jahr)',
			'(?:gerne )?im (?:frühjahr|herbst|sommer|winter|neuen jahr)',
			'später (?:noch einmal|wieder)',
			'pas (?:pour le moment|maintenant|en ce moment)',
			'(?:au|le) (?:prochain|trimestre prochain) trimestre',
			'recontactez-moi',
			'plus tard',
			'ahora (?:mismo )?no',
			'no es (?:buen|el) momento',
			'(?:en|dentro de) unos meses',
			'más adelante',
			'al momento no',
			'(?:non|no) (?:è|e) il momento',
			'(?:il )?prossimo trimestre',
			'mi ricontatti',
			'più avanti',
			'op dit moment niet',
			'(?:over|na) (?:een paar|enkele|twee|drie) (?:maanden|weken)',
			'later (?:dit jaar|weer)',
			'agora não',
			'não é (?:um )?bom momento',
			'daqui a (?:alguns|uns|dois|três) meses',
			'mais para a frente',
		]),
	],
	[
		'not_interested',
		anyOf([
			'not interested',
			'no interest',
			'no,? thanks?',
			'no thank you',
			'not a (?:good )?fit',
			'not relevant',
			'not for us',
			"(?:we'?re|we are|i'?m|i am) (?:all set|good|covered)",
			'already (?:have|use|using|work with)',
			'pass on this',
			"we'?ll pass",
			"isn'?t something we need",
			'not something we need',
			"(?:don'?t|do not) need (?:this|it|that)",
			'built (?:this|it) in-house',
			'not looking',
			'no need',
			"please don'?t follow up",
			'kein(?:en)? (?:interesse|bedarf)',
			'nicht interessiert',
			'(?:haben|nutzen) (?:dafür )?bereits',
			'brauchen (?:nichts|das nicht|keine)',
			'non merci',
			"(?:ne|n') (?:nous|me) intéresse pas",
			'pas intéressé',
			'(?:avons|utilisons) déjà',
			'no (?:nos|me) interesa',
			'no estamos interesados',
			'ya (?:tenemos|usamos)',
			'non (?:siamo|sono) interessat[oi]',
			'non (?:ci|mi) interessa',
			'(?:abbiamo|usiamo) già',
			'geen (?:interesse|behoefte)',
			'niet geïnteresseerd',
			'(?:hebben|gebruiken) al',
			'não (?:temos|tenho) interesse',
			'não (?:estamos|estou) interessad[oa]s?',
			'já (?:temos|usamos)',
		]),
	],
	[
		'positive',
		anyOf([
			'interested',
			"let'?s (?:talk|chat|meet|connect|set (?:up|something up)|schedule|do it|do|find)",
			'sounds (?:good|great|interesting)',
			'tell me more',
			'send (?:me|over|it)',
			'happy to (?:chat|talk|meet|connect|take a look)',
			'(?:book|schedule|set up|put) (?:a|some|something) (?:call|time|meeting|demo|on my calendar)',
			'(?:works|work) for me',
			'\\d{1,2}(?::\\d\\d)? ?(?:am|pm)? works',
			'(?:monday|tuesday|wednesday|thursday|friday)[^.?!]{0,30} works',
			'how about',
			'can we (?:talk|chat|meet)',
			'(?:are|is) you (?:free|available)',
			'when are you free',
			'(?:a few|some) (?:slots|times)',
			'calendar',
			"(?:i'?d|i would) like (?:to see|a demo|to learn)",
			'yes',
			'sure',
			'ja,? gerne',
			'gerne',
			'(?:klingt|hört sich) (?:spannend|interessant|gut)',
			'interessiert mich',
			'lassen sie uns',
			'(?:ein paar|einige) termine',
			'passt (?:ihnen|es ihnen)',
			'oui',
			'avec plaisir',
			'pourquoi pas',
			"ça m'intéresse",
			'(?:quelques|des) créneaux',
			'parlons-en',
			'(?:on peut|nous pouvons) en parler',
			'sí',
			'claro',
			'me interesa',
			'hablamos',
			'(?:algunos|unos) horarios',
			'sì',
			'volentieri',
			'mi interessa',
			'possiamo sentirci',
			'(?:qualche|alcuni) orari',
			'graag',
			'klinkt interessant',
			'kunnen we',
			'(?:een paar|enkele) tijden',
			'sim',
			'tenho interesse',
			'podemos falar',
			'(?:alguns|uns) horários',
		]),
	],
];

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
