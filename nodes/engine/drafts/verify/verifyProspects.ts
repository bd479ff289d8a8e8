import type { DnsLookup } from '../../send/deliverability/dnsLookup';
import type { Queryable } from '../../store/Db';
import { Semaphore } from '../../util/semaphore';
import { isDisposable, isFreeMail, isRole, reservedName } from './addressLists';
import { parseAddress } from './addressSyntax';
import { type MailDomain, mailDomain, resolved } from './mailDomain';

export type FindingCode =
	| 'syntax'
	| 'reserved_name'
	| 'null_mx'
	| 'no_mail_host'
	| 'mx_no_address'
	| 'implicit_mx'
	| 'dns_unverified'
	| 'disposable'
	| 'suppressed'
	| 'role'
	| 'free_mail'
	| 'idn'
	| 'utf8_local';

/** `refuse`: no draft is written; `warn`: drafted, the reviewer told; `info`: worth knowing. */
export interface Finding {
	code: FindingCode;
	severity: 'refuse' | 'warn' | 'info';
	message: string;
}

export interface Verification {
	verdict: 'deliverable' | 'risky' | 'undeliverable' | 'unknown';
	findings: Finding[];
	/** The domain as DNS was asked (A-labels). */
	domain?: string;
	checkedAt: string;
}

export interface VerifyOptions {
	dns: DnsLookup;
	/** B2B campaigns (the default) flag free-mail addresses; a B2C one does not. */
	b2b?: boolean;
	/** Name whose MX proves the resolver sees the world when no prospect domain resolves. */
	canary?: string;
}

/** A name that resolves wherever DNS works: proof that "no such domain" means what it says. */
const CANARY = 'gmail.com';
const LOOKUPS_AT_ONCE = 8;

/** What a resolved answer says about the domain (a DNS error is the caller's `unknown`). */
function domainFinding(m: MailDomain, domain: string): Finding | undefined {
	switch (m.kind) {
		case 'null_mx':
			return {
				code: 'null_mx',
				severity: 'refuse',
				message: `${domain} publishes a null MX (RFC 7505): it accepts no mail`,
			};
		case 'no_mail_host':
			return {
				code: 'no_mail_host',
				severity: 'refuse',
				message: `${domain} has no MX and no address: mail to it cannot be delivered (RFC 5321 §5.1)`,
			};
		case 'mx_no_address':
			return {
				code: 'mx_no_address',
				severity: 'refuse',
				message: `The mail servers of ${domain} (${m.hosts.slice(0, 3).join(', ')}) have no address`,
			};
		case 'implicit_mx':
			return {
				code: 'implicit_mx',
				severity: 'warn',
				message: `${domain} has no MX record; mail goes to its own address (RFC 5321 §5.1), which often takes none`,
			};
		default:
			return undefined;
	}
}

/** The addresses and domains suppressed, bounced or complained about in any campaign of the store. */
async function suppressedOf(q: Queryable, emails: string[], domains: string[]) {
	const { rows } = await q.query<{ value: string; why: string }>(
		`select value, kind as why from suppressions where value = any($1::text[]) or value = any($2::text[])
		union all
		select distinct email_normalized, status from prospects
		where email_normalized = any($1::text[]) and status in ('bounced', 'complained', 'unsubscribed')`,
		[emails, domains],
	);
	const why = new Map<string, string>();
	for (const r of rows) if (!why.has(r.value)) why.set(r.value, r.why.replace(/_/g, ' '));
	return why;
}

const verdictOf = (findings: Finding[], unknown: boolean): Verification['verdict'] =>
	findings.some((f) => f.severity === 'refuse')
		? 'undeliverable'
		: unknown
			? 'unknown'
			: findings.some((f) => f.severity === 'warn')
				? 'risky'
				: 'deliverable';

/**
 * Each prospect's address checked before anything is written for it: RFC 5321 syntax (IDN and
 * UTF-8 local parts read), names reserved for examples, where its domain's mail goes (MX, the
 * implicit MX, RFC 7505's null MX) through the engine's resolver, disposable domains, addresses
 * or domains suppressed or bounced in any campaign; role accounts and (B2B) free-mail addresses
 * are warnings. A domain is judged missing only when the resolver is seen to answer for some other
 * name (a prospect's domain or the canary): an offline resolver makes every verdict `unknown`,
 * never `undeliverable`. The canary is asked first: a resolver that cannot be reached at all
 * (timeouts, refused) costs one timeout, not one per domain. Each domain is asked once.
 */
export async function verifyProspects(
	q: Queryable,
	prospects: Array<{ id: string; email: string; emailNormalized: string }>,
	options: VerifyOptions,
): Promise<Map<string, Verification>> {
	const checkedAt = new Date().toISOString();
	const parsed = prospects.map((p) => ({ p, a: parseAddress(p.email) }));
	const wanted = new Set(
		parsed.flatMap(({ a }) => ('error' in a || reservedName(a.asciiDomain) ? [] : [a.asciiDomain])),
	);
	const canary = wanted.size ? await mailDomain(options.dns, options.canary ?? CANARY) : null;
	const answers = new Map<string, MailDomain>();
	const slots = new Semaphore(LOOKUPS_AT_ONCE);
	await Promise.all(
		[...wanted].map(async (d) =>
			answers.set(
				d,
				canary?.kind === 'dns_error' ? canary : await slots.run(() => mailDomain(options.dns, d)),
			),
		),
	);
	const seesTheWorld =
		(canary !== null && resolved(canary)) || [...answers.values()].some(resolved);
	const suppressed = await suppressedOf(
		q,
		prospects.map((p) => p.emailNormalized),
		[...new Set(parsed.flatMap(({ a }) => ('error' in a ? [] : [a.asciiDomain, a.domain])))],
	);
	const out = new Map<string, Verification>();
	for (const { p, a } of parsed) {
		if ('error' in a) {
			out.set(p.id, {
				verdict: 'undeliverable',
				checkedAt,
				findings: [{ code: 'syntax', severity: 'refuse', message: `The address ${a.error}` }],
			});
			continue;
		}
		const findings: Finding[] = [];
		let unknown = false;
		const reserved = reservedName(a.asciiDomain);
		if (reserved)
			findings.push({
				code: 'reserved_name',
				severity: 'warn',
				message: `${a.domain} is under ${reserved}, reserved for examples and tests (RFC 2606): fine for a dry run, no real mail reaches it`,
			});
		const m = answers.get(a.asciiDomain);
		if (m && (m.kind === 'dns_error' || (!seesTheWorld && !resolved(m)))) {
			unknown = true;
			findings.push({
				code: 'dns_unverified',
				severity: 'warn',
				message:
					m.kind === 'dns_error'
						? `The domain could not be checked: ${m.message}`
						: `The domain could not be checked: the resolver answered no name of this run, not even ${options.canary ?? CANARY} (offline, or SALES_ENGINE_DNS_SERVERS points at a server that knows none of them)`,
			});
		} else if (m) {
			const f = domainFinding(m, a.domain);
			if (f) findings.push(f);
		}
		if (isDisposable(a.asciiDomain))
			findings.push({
				code: 'disposable',
				severity: 'refuse',
				message: `${a.domain} is a disposable-address domain`,
			});
		const why =
			suppressed.get(p.emailNormalized) ??
			suppressed.get(a.asciiDomain) ??
			suppressed.get(a.domain);
		if (why)
			findings.push({
				code: 'suppressed',
				severity: 'refuse',
				message: `${suppressed.has(p.emailNormalized) ? 'The address' : `The domain ${a.domain}`} is suppressed in this store (${why})`,
			});
		if (isRole(a.local))
			findings.push({
				code: 'role',
				severity: 'warn',
				message: `${a.local}@ is a role account, read by whoever handles it, not a person`,
			});
		if (options.b2b !== false && isFreeMail(a.asciiDomain))
			findings.push({
				code: 'free_mail',
				severity: 'warn',
				message: `${a.domain} is a free-mail provider: not a company address`,
			});
		if (a.idn)
			findings.push({
				code: 'idn',
				severity: 'info',
				message: `An internationalized domain, sent to as ${a.asciiDomain}`,
			});
		if (a.utf8Local)
			findings.push({
				code: 'utf8_local',
				severity: 'warn',
				message: 'A non-ASCII local part: only servers that speak SMTPUTF8 (RFC 6531) deliver it',
			});
		out.set(p.id, {
			verdict: verdictOf(findings, unknown),
			findings,
			domain: a.asciiDomain,
			checkedAt,
		});
	}
	return out;
}
