import { type BounceReason, SENDER_SIDE } from './bounceReason';

/**
 * Phrases of a diagnostic that name the reason, tried in this order on the lower-cased text: the
 * mailbox's own state first (full, disabled, moved), then what is about the sender (authentication,
 * reputation, spam, policy), then the address, then the mail system. Gathered from the wording of
 * the MTAs and providers in sisimai's corpus and RFC 3463's descriptions, generalized to phrases.
 */
const TEXT: Array<[BounceReason, RegExp]> = [
	// Postfix's check_recipient_access: this recipient is refused by name.
	[
		'userunknown',
		/recipient address rejected(: access denied|\.? *$|\.? *\(in reply)|check (if|that) (the )?(e-?mail )?address is correct/,
	],
	[
		'rejected',
		/(domain of|address of) sender|sender (address|domain) (rejected|does not exist|not (found|verified|allowed|accepted))|sender verif(y|ication) failed|(envelope|mail) from .{0,40}(rejected|refused|not accepted|invalid)|unverified sender|sender (is )?(not allowed|refused|rejected)|bad sender/,
	],
	[
		'mailboxfull',
		/mailbox (is )?full|mailbox.{0,20}(over|exceed(ed|s)?) (its |the )?(quota|storage|size)|over ?quota|quota (exceeded|exceeds|full|limit)|exceed(ed|s)? (the |its |storage )?(quota|allocation)|(disk|mailbox|user'?s?) (quota|space) (exceeded|full|is full)|insufficient (disk )?(space|storage)|not enough (storage|space)|mailbox (size|storage) limit|user is over|account is full|is over (its |the )?(quota|storage)|out of storage|no space left|boîte (aux lettres )?pleine|postfach (ist )?voll|mailfolder is full|recipient'?s mailbox is full/,
	],
	[
		'mesgtoobig',
		/message (is )?too (big|large|long)|message (size|length) exceeds|exceeds? (the )?(maximum|max|message) (message )?size|size limit|message file too big|(mail|email) (is )?too large|larger than (the )?(max|maximum|limit)/,
	],
	[
		'speeding',
		/sent (to )?too many (recipients|messages)|too many (recipients|messages) (this|per|in the last) (hour|minute|day)/,
	],
	[
		'networkerror',
		/host not found, try again|(name|dns) (service|server|lookup) (error|failure).{0,80}(try again|temporar|malformed|unexpected|timed? ?out|servfail)/,
	],
	[
		'exceedlimit',
		/message (header )?size exceeds (the )?(recipient|local) limit|exceeds? (the )?(recipient|local)'?s? (size )?limit|too many recipients/,
	],
	[
		'suspend',
		/(account|mailbox|user|address)( has been| is|.{0,30}is)? (temporarily |currently )?(disabled|suspended|deactivated|inactive|locked|frozen|blocked for inactivity|closed|not active|expired)|(disabled|suspended|inactive|deactivated|expired) (account|mailbox|user)|account (has )?expired|mailbox .{0,20}(temporarily )?unavailable due to|cannot receive (any )?(more )?(new )?(e-?mail|messages) (at this time|right now)|recipient suspended|is currently suspended/,
	],
	[
		'hasmoved',
		/has (been )?moved|no longer (with|at|works)|moved to (a )?(new|another) address|address (has )?changed|new (e-?mail )?address (is|:)/,
	],
	[
		'notaccept',
		/does not accept (any )?(e-?)?mail|indicated no smtp service|accepts no (e-?)?mail|null mx|not accepting (any )?(e-?)?mail|domain does not receive mail|no mx (record|for)/,
	],
	[
		'authfailure',
		/\bspf\b.{0,40}(fail|softfail|check|not (authorized|permitted|designate))|\bdkim\b.{0,40}(fail|invalid|missing|signature)|\bdmarc\b|(unauthenticated|not authenticated) (e-?mail|mail|sender|message)|sender (id|domain) (authentication|policy)|authentication (check )?failed for (the )?(sender|domain)|does not designate|domain.{0,40}(authentic|alignment)/,
	],
	[
		'requireptr',
		/\bptr\b|reverse (dns|lookup|hostname|mapping)|rdns|(no|missing|cannot find your) (reverse|host ?name)|ip.{0,30}(has|have) no (name|hostname|ptr)|hostname.{0,30}does not (match|resolve)|cannot resolve (your|the) (address|ip|host)|client host .{0,40}(reverse|not resolvable|unknown)|unresolvable|reverse path/,
	],
	[
		'badreputation',
		/(low|poor|bad) (ip )?reputation|reputation (of|is|too)|ip reputation|sender reputation|domain reputation/,
	],
	[
		'spamdetected',
		/\bspam\b|\buce\b|unsolicited|junk mail|bulk mail|spam(assassin|haus)? score|message (looks|appears) (like|to be) spam|content (was )?(rejected|blocked) as|message (classified|identified|detected|scored) as|(contains|looks like) (spam|phishing)|phish|suspicious content|(high|excessive) (spam|probability)/,
	],
	['virusdetected', /virus|malware|infected|trojan|worm detected/],
	[
		'blocked',
		/(ip|address|host|client|sender|server|connection|network|domain|your (mail )?server|mta)\b.{0,60}(is |was |has been |are )?(black|block|deny|den(ied|y)|ban)(listed|ed|list)?\b|\b(blacklist|blocklist|denylist|dnsbl|rbl|spamhaus|spamcop|sorbs|barracudacentral|abuseat|uceprotect|senderscore)|blocked (by|using|for|because|due)|rejected (because|due to) (your|the) (ip|host|server|network)|access denied.{0,40}(ip|host|network|banned|policy)|(connection|mail) (refused|rejected) from|(service|access) (refused|denied) to|temporarily deferred due to|has been (temporarily )?(blocked|rate limited)|(your|the sending) (ip|host|server)\b.{0,40}(not allowed|denied|refused|rejected)|dynamic (ip|pool|address)|residential|dial-?up/,
	],
	[
		'policyviolation',
		/polic(y|ies)( violation)?|not (compliant|allowed) by (the )?(local )?policy|(content|message) (filter|policy)|prohibited|violat(es|ion|ed)|not permitted by|against (our|the) (terms|policy)/,
	],
	[
		'failedstarttls',
		/starttls|tls (is )?required|must issue a starttls|encryption (is )?required|requires? (a )?secure connection/,
	],
	[
		'securityerror',
		/authentication (is )?required|auth(entication)? (failed|failure)|(invalid|bad) credentials|not authori[sz]ed|must (be )?authenticate|security (policy|error)|sender .{0,20}not authori[sz]ed|signature (is )?(invalid|not valid)/,
	],
	[
		'norelaying',
		/relay(ing)? (access )?(denied|not (allowed|permitted)|prohibited|is not allowed)|not permitted to relay|unable to relay|we do not relay|not (a )?(local|known) (domain|host).{0,30}relay|relay(ing)? denied|no relaying|cannot relay|relay not permitted/,
	],
	[
		'userunknown',
		/(no such|unknown|invalid|bad|non-?existent|nonexistent|unrouteable|undeliverable) (user|recipient|mailbox|address|local ?part|account|person|e-?mail( address)?|destination (address|mailbox))|(user|recipient|mailbox|address|account|person|e-?mail address)( name)? (is )?(unknown|not found|not known|does ?n[o']t exist|not exist|doesnt exist|not valid|no longer (valid|exists?|available|in use|active)|invalid|unavailable|not available|does not exist here)|(user|mailbox|recipient|address|account) .{0,60}(does ?n[o']t|did not) exist|not a (valid|known) (user|recipient|mailbox|address)|is not a (valid )?(mailbox|user|recipient)|(no|unknown) (mailbox|account|user) (here|by that name|for)|no mailbox here|mailbox (not found|unavailable|is unavailable|does not exist|not present|invalid)|not listed in (the )?(domino )?directory|not listed in public name|invalid (final )?(delivery )?userid|recipient address rejected: (user unknown|unknown user|invalid|undeliverable|no such|not found|user .{0,40} does not exist)|(email|e-mail|mail) address (does not exist|could not be found|is (invalid|not valid|wrong|no longer valid))|address .{0,40}(couldn'?t|could not) be found|(unable to|cannot|couldn'?t) (find|locate) (the )?(recipient|user|mailbox|account)|addressee unknown|user doesn'?t have an? .{0,20}account|is not (a )?(local|known) (user|recipient)|not our customer|no account|destinataire inconnu|utilisateur inconnu|unbekannt|nicht vorhanden|non esiste|no existe|desconocido|inexistente|bad destination|mailbox name not allowed|this user doesn't|there is no one|no valid recipients|nobody here|doesn'?t have a mailbox|has no mailbox|invalid (address|recipient)|the email account that you tried to reach/,
	],
	[
		'hostunknown',
		/host (or domain name )?(not found|unknown)|host [a-z0-9.-]+ not found|unknown host|(domain|host) (name )?(not found|does not exist|doesn'?t exist|unknown|is not valid|could not be found)|no such (domain|host)|unknown domain|invalid domain|(domain|host) .{0,30}(has no|without) (mx|mail exchanger|dns)|nxdomain|(unrouteable|unroutable) (mail )?domain|non-?existent (domain|host)|domain (is )?(not|no longer) (valid|registered|exist)|illegal host|domain is not reachable|please check the domain|couldn'?t find a mail exchanger|\b[a-z0-9-]+(\.[a-z0-9-]+)+ does not exist|mail for .{0,40} loops back|unknown mail domain|domain name not found/,
	],
	[
		'filtered',
		/filter(ed)?|refus(ed|es) (by|to accept)|refused due to recipient|recipient preferences|(does|do) not (wish|want) to receive|only accepts mail from|not accept(ing)? mail from (you|your|this sender)|(rejected|blocked) by (the )?(recipient|user|owner)|is not allowed to send|recipient.{0,20}(has )?(blocked|rejected) (you|the sender)|sender (is )?(not )?(on|in) (the )?(recipient|allow|white)|members only|not a member/,
	],
	[
		'rejected',
		/sender (address )?(rejected|refused|denied|verify failed|verification failed|not allowed|is not allowed)|(domain|address) of sender|(from|sender|envelope sender|mail from) (address )?(is )?(invalid|rejected|not (valid|allowed|accepted|verified))|reject(ed)? (the )?(sender|from)|bad sender|sender .{0,30} rejected|unverified sender|return path|sender domain/,
	],
	[
		'expired',
		/retry time(out)? (not reached|exceeded)|(delivery|message) (time|has) expired|message expired|(could not|couldn'?t|unable to) (be )?deliver(ed)? .{0,40}(for|in|within|after) (the last )?\d+ (days|hours)|(has been|was) (delayed|undeliverable) for|delivery (has )?(been )?(delayed|deferred|timed out)|(been|was) (queued|in (the )?queue) (for|too long)|giving up|gave up|too (old|long in (the )?queue)|timeout exceeded|time limit|expired after|still not delivered|no (answer|response) (from|for)|has not been delivered|will retry|delayed/,
	],
	[
		'toomanyconn',
		/too many (connections|concurrent|simultaneous|sessions)|(connection|session) (limit|rate)|concurrent connection/,
	],
	[
		'speeding',
		/rate limit|(too many|excessive) (messages|mails|e-?mails)|(sending|receiving|message) rate|(slow|throttl)(ing|ed| down)|try (again )?later.{0,30}(rate|limit|too many)/,
	],
	[
		'networkerror',
		/connection (timed out|refused|reset|lost|closed)|timed out|network (error|unreachable)|no route to host|could not connect|unable to connect|(mail|routing) loop|too many hops|loop(s)? (back|detected)|lost connection|connect to .{0,40} failed|host unreachable|dns.{0,20}(temporary|servfail|timeout)|mx.{0,30}(unreachable|failed)/,
	],
	[
		'systemfull',
		/(system|disk|server|storage) (is )?(full|out of (space|storage))|insufficient system storage/,
	],
	[
		'systemerror',
		/system (error|failure|not available|is unavailable)|internal (server )?error|server (error|failure)|local error|temporar(y|ily) (failure|unavailable|error|problem|local problem)|service (not available|unavailable|temporarily)|(configuration|config) error|i\/o error|(mail|message) (server|system) (problem|error)|unexpected error|resources (temporarily )?unavailable|try (again )?later|transaction failed|database error|mailbox (is )?(busy|locked)/,
	],
	[
		'contenterror',
		/(invalid|bad|illegal|malformed|broken) (content|mime|header|headers|message|character|charset|attachment)|(8bit|8-bit|binary) (data|content|not|characters)|line too long|message content rejected|attachment (type )?(not allowed|blocked|rejected)|(header|headers) (too long|invalid|error)/,
	],
	[
		'syntaxerror',
		/syntax error|command (not )?(recognized|unrecognized|not implemented)|unrecognized command|bad sequence of commands|parameter (not )?(recognized|implemented)|invalid command/,
	],
	[
		'mailererror',
		/mailer (error|failed)|command (died|failed|not found|output)|pipe to |program exited|exit code|x-unix|procmail|maildrop/,
	],
	[
		'notcompliantrfc',
		/rfc ?(5322|2822|822|5321|2821|1123)|not (rfc|standard)[- ]compliant|(duplicate|multiple) (headers?|from|message-id|subject|date)|message-id.{0,30}(missing|invalid|required)|(missing|invalid) (date|from|message-id)( header)?/,
	],
];

/** RFC 3463 subject and detail codes that name a reason on their own. */
const STATUS: Record<string, BounceReason> = {
	'1.0': 'userunknown',
	'1.1': 'userunknown',
	'1.2': 'hostunknown',
	'1.3': 'userunknown',
	'1.4': 'userunknown',
	'1.6': 'hasmoved',
	'1.7': 'rejected',
	'1.8': 'rejected',
	'1.10': 'notaccept',
	'2.1': 'suspend',
	'2.2': 'mailboxfull',
	'2.3': 'exceedlimit',
	'2.4': 'systemerror',
	'3.0': 'systemerror',
	'3.1': 'systemfull',
	'3.2': 'notaccept',
	'3.3': 'contenterror',
	'3.4': 'mesgtoobig',
	'3.5': 'systemerror',
	'4.0': 'networkerror',
	'4.1': 'networkerror',
	'4.2': 'networkerror',
	'4.3': 'systemerror',
	'4.4': 'networkerror',
	'4.5': 'toomanyconn',
	'4.6': 'networkerror',
	'4.7': 'expired',
	'5.0': 'syntaxerror',
	'5.1': 'syntaxerror',
	'5.2': 'syntaxerror',
	'5.3': 'exceedlimit',
	'5.4': 'syntaxerror',
	'5.5': 'syntaxerror',
	'5.6': 'contenterror',
	'6.0': 'contenterror',
	'6.1': 'contenterror',
	'6.2': 'contenterror',
	'6.3': 'contenterror',
	'6.4': 'contenterror',
	'6.5': 'contenterror',
	'7.0': 'securityerror',
	'7.1': 'rejected',
	'7.2': 'rejected',
	'7.3': 'securityerror',
	'7.4': 'securityerror',
	'7.5': 'securityerror',
	'7.6': 'securityerror',
	'7.7': 'securityerror',
	'7.8': 'securityerror',
	'7.9': 'securityerror',
	'7.10': 'failedstarttls',
	'7.11': 'failedstarttls',
	'7.13': 'suspend',
	'7.14': 'securityerror',
	'7.15': 'securityerror',
	'7.16': 'securityerror',
	'7.17': 'filtered',
	'7.18': 'filtered',
	'7.19': 'securityerror',
	'7.20': 'authfailure',
	'7.21': 'authfailure',
	'7.22': 'authfailure',
	'7.23': 'authfailure',
	'7.24': 'authfailure',
	'7.25': 'requireptr',
	'7.26': 'authfailure',
	'7.27': 'notaccept',
	'7.28': 'spamdetected',
	'7.29': 'authfailure',
	'7.30': 'securityerror',
};

/** The SMTP command a refusal answered, from the diagnostic and the bounce's text about it. */
export type SmtpStage = 'connect' | 'mail' | 'rcpt' | 'data';

const COMMAND: Record<string, SmtpStage> = {
	data: 'data',
	'end of data': 'data',
	'rcpt to': 'rcpt',
	rcpt: 'rcpt',
	'mail from': 'mail',
	mail: 'mail',
	helo: 'connect',
	ehlo: 'connect',
	'initial connection': 'connect',
};
/** "in reply to RCPT TO command" (Postfix), "after RCPT TO:<…>" (Exim), "after end of data". */
const NAMED =
	/\b(?:in reply to|after|during|response to|smtp command:?)\s+(end of data|data|rcpt to|rcpt|mail from|mail|helo|ehlo|initial connection)\b/;
/** A session transcript: ">>> RCPT To:<…>" then "<<< 550 …" (sendmail, Courier). */
const SENT = />>>\s*(data|rcpt to|mail from|helo|ehlo)\b/g;
const ERROR_REPLY = /<<<\s*[45]\d\d/;

export function smtpStage(text: string | undefined): SmtpStage | undefined {
	if (!text) return undefined;
	const lower = text.slice(0, MAX_TEXT).toLowerCase().replace(/\s+/g, ' ');
	const named = NAMED.exec(lower);
	if (named) return COMMAND[named[1]];
	// Formats that name the RCPT stage in their own words (qmail, Exim, Yahoo, Mimecast).
	if (
		/(does not|did not) like (our )?(rcpt to|recipient)|most progress was rcpt|smtp:rcpt|\[rcpt_to\]/.test(
			lower,
		)
	)
		return 'rcpt';
	if (/my name was rejected|refused to talk to me|greeting|banner/.test(lower)) return 'connect';
	// The command sent last before the first error reply is the one it answers.
	const error = ERROR_REPLY.exec(lower);
	let stage: SmtpStage | undefined;
	for (const m of lower.slice(0, error?.index ?? 0).matchAll(SENT)) stage = COMMAND[m[1]];
	if (stage) return stage;
	// A reply that echoes the recipient ("550 5.1.1 <ana@acme.example>: …", sendmail's "<…>...")
	// answers the RCPT TO that named it.
	if (
		/\b[45]\d\d[ :-]+(?:[245]\.\d{1,3}\.\d{1,3}[ -]+)?<[^<>\s]+@[^<>\s]+>(?::|\.\.\.)/.test(lower)
	)
		return 'rcpt';
	return undefined;
}

const ADDRESS_LEVEL = /^(userunknown|hostunknown|hasmoved|notaccept)$/;
const MAILBOX_STATE = /^(userunknown|hostunknown|notaccept|mailboxfull|suspend|hasmoved)$/;
/** Words that state the account does not exist, not a filter's terse "unknown user". */
const EXISTENCE =
	/does ?n[o'’]t (exist|have an? .{0,30}account)|not exist|invalid recipient|destinataire invalide/i;
const STATED_ABSENT =
	/does ?n[o'’]t (exist|have)|not exist|no such (user|mailbox|account|recipient)|invalid recipient|destinataire invalide|not listed in .{0,40}(directory|address book)|name is not recognized|final delivery|unrouteable address|address couldn'?t be found|local: unknown user|mailbox unavailable|unknown user: \S+@|no valid recipients|check if (the )?address is correct/i;

/** The longest diagnostic read: phrases sit near its start, and a bound keeps regexes linear. */
const MAX_TEXT = 4000;

/** The reason named by a diagnostic's words, if any. */
export function reasonFromText(text: string | undefined): BounceReason | undefined {
	if (!text) return undefined;
	const lower = text.slice(0, MAX_TEXT).toLowerCase().replace(/\s+/g, ' ');
	return TEXT.find(([, pattern]) => pattern.test(lower))?.[0];
}

/** The reason an enhanced status code names (5.1.1 → userunknown), if it names one. */
export function reasonFromStatus(status: string | undefined): BounceReason | undefined {
	const m = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(status ?? '');
	if (!m) return undefined;
	if (m[1] === '2') return 'delivered';
	return STATUS[`${Number(m[2])}.${Number(m[3])}`];
}

/**
 * One recipient's reason: a status that names an address-level or mailbox state decides (5.1.1,
 * 5.2.2: receivers set these precisely); otherwise the diagnostic's words, then the status's class,
 * then what the report's action says.
 */
export function reasonOf(input: {
	status?: string;
	diagnostic?: string;
	action?: string;
	/** The SMTP command the refusal answered (RFC 5321): an address is refused at RCPT TO. */
	stage?: SmtpStage;
}): BounceReason {
	const reason = readReason(input);
	if (!ADDRESS_LEVEL.test(reason)) return reason;
	// A refusal of the sender (MAIL FROM, the greeting) says nothing of the address; one after DATA
	// came from a server that had accepted the address at RCPT TO: a filter, not a dead mailbox.
	if (input.stage === 'mail') return 'rejected';
	if (input.stage === 'connect') return 'blocked';
	// So a terse "unknown user" counts only with evidence that it answered RCPT TO, an X.1.x status
	// (the address's own verdict, whatever the stage: a pipelining client reads its RCPT replies
	// after sending DATA), or words that state the account does not exist; otherwise it is the
	// wording content filters use when they refuse after DATA.
	if (reason !== 'userunknown' || input.stage === 'rcpt' || /^[45]\.1\./.test(input.status ?? ''))
		return reason;
	const words = input.diagnostic ?? '';
	// After DATA only a statement that the account does not exist outweighs the stage.
	if (input.stage === 'data') return EXISTENCE.test(words) ? reason : 'filtered';
	return STATED_ABSENT.test(words) ? reason : 'filtered';
	return reason;
}

function readReason(input: {
	status?: string;
	diagnostic?: string;
	action?: string;
}): BounceReason {
	const byStatus = reasonFromStatus(input.status);
	const byText = reasonFromText(input.diagnostic);
	if (byStatus === 'delivered' || /^(delivered|relayed|expanded)/i.test(input.action ?? ''))
		return 'delivered';
	// The words decide when they name the mailbox's own state ("5.2.1 User unknown", "5.1.1 over
	// quota" from servers that answer every refusal with one code); else a precise status does.
	// So do words that name the sender as the cause: servers answer a block, a rate limit or a
	// refused sender with 5.1.x too ("550 5.1.1 … has sent to too many recipients this hour").
	if (byText && (MAILBOX_STATE.test(byText) || SENDER_SIDE.has(byText))) return byText;
	const precise =
		byStatus &&
		(!/^(syntaxerror|rejected|securityerror)$/.test(byStatus) ||
			/^5\.1\.[78]$/.test(input.status ?? ''));
	if (precise) return byStatus;
	if (byText) return byText;
	if (byStatus) return byStatus;
	if (/^delayed/i.test(input.action ?? '')) return 'expired';
	if (input.status?.startsWith('4')) return 'undefined';
	return input.diagnostic?.trim() ? 'onhold' : 'undefined';
}
