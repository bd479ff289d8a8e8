import { isDisposableEmailDomain } from 'disposable-email-domains-js';
import freeEmailDomains from 'free-email-domains';
import roleAddresses from 'role-based-email-addresses';

import { FREE_MAIL, ROLE_LOCAL } from '../../features/recipient';

/**
 * The lists are kept by others and pinned like any dependency (npm run deps:outdated shows newer
 * ones): disposable domains from the disposable-email-domains community list, free-mail domains
 * from HubSpot's list (free-email-domains), role local parts from Mixmax's list.
 */
let freeMail: Set<string> | undefined;
let roles: Set<string> | undefined;

/** The domain and each parent under its top label: a list entry covers its subdomains. */
const parents = (domain: string) => {
	const labels = domain.split('.');
	return labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
};

export const isDisposable = (asciiDomain: string) =>
	parents(asciiDomain).some((d) => isDisposableEmailDomain(d));

export function isFreeMail(asciiDomain: string): boolean {
	freeMail ??= new Set([...(freeEmailDomains as string[]), ...FREE_MAIL]);
	return freeMail.has(asciiDomain.toLowerCase());
}

/** A role account: its local part (before a +tag, case folded) names a function, not a person. */
export function isRole(local: string): boolean {
	roles ??= new Set([...(roleAddresses as string[]), ...ROLE_LOCAL]);
	const base = local.toLowerCase().split('+')[0];
	return roles.has(base) || roles.has(base.split(/[._-]/)[0]);
}

/**
 * Names no mail is ever delivered to: the TLDs and second-level names reserved for documentation
 * and tests (RFC 2606, RFC 6761) — fine for a dry run, never a real prospect.
 */
export function reservedName(asciiDomain: string): string | undefined {
	const tld = asciiDomain.split('.').pop();
	if (tld && ['test', 'example', 'invalid', 'localhost'].includes(tld)) return `.${tld}`;
	return ['example.com', 'example.net', 'example.org'].find(
		(d) => asciiDomain === d || asciiDomain.endsWith(`.${d}`),
	);
}
