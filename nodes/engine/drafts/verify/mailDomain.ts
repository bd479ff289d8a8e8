import type { DnsLookup } from '../../send/deliverability/dnsLookup';

/** What DNS says about where a domain's mail goes (RFC 5321 §5.1, RFC 7505). */
export type MailDomain =
	| { kind: 'mx'; hosts: string[] }
	/** No MX, but the domain has an address: RFC 5321's implicit MX delivers to it. */
	| { kind: 'implicit_mx'; addresses: string[] }
	/** "MX 0 ." (RFC 7505): the domain says it accepts no mail. */
	| { kind: 'null_mx' }
	| { kind: 'no_mail_host' }
	/** MX records whose hosts (the first three) have no address. */
	| { kind: 'mx_no_address'; hosts: string[] }
	/** DNS could not be asked (timeout, server failure): nothing is known. */
	| { kind: 'dns_error'; message: string };

const HOSTS_CHECKED = 3;

/**
 * Where mail to `asciiDomain` goes: its MX hosts, else its own address (the implicit MX), or that
 * it takes none — a null MX, no MX and no address, or MX hosts none of which has an address.
 */
export async function mailDomain(dns: DnsLookup, asciiDomain: string): Promise<MailDomain> {
	try {
		const exchanges = (await dns.mx(asciiDomain)).map((e) => e.replace(/\.$/, ''));
		if (exchanges.length && exchanges.every((e) => e === '' || e === '.'))
			return { kind: 'null_mx' };
		const hosts = exchanges.filter((e) => e && e !== '.');
		if (!hosts.length) {
			const addresses = await dns.addresses(asciiDomain);
			return addresses.length ? { kind: 'implicit_mx', addresses } : { kind: 'no_mail_host' };
		}
		for (const host of hosts.slice(0, HOSTS_CHECKED))
			if ((await dns.addresses(host)).length) return { kind: 'mx', hosts };
		return { kind: 'mx_no_address', hosts };
	} catch (error) {
		return { kind: 'dns_error', message: (error as Error).message };
	}
}

/** The answer says the resolver sees this name: it gave an MX or an address. */
export const resolved = (m: MailDomain) =>
	m.kind === 'mx' || m.kind === 'implicit_mx' || m.kind === 'null_mx' || m.kind === 'mx_no_address';
