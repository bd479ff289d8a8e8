import { type Check, verdicts } from './Check';
import type { DnsLookup } from './dnsLookup';

/**
 * The domain replies go to can receive them: MX records (not the null MX of RFC 7505), each
 * naming a host that has an address and is not an alias — RFC 2181 §10.3 and RFC 5321 §5.1 forbid
 * an MX pointing at a CNAME, and some senders refuse to follow one.
 */
export async function mxCheck(dns: DnsLookup, domain: string): Promise<Check> {
	const v = verdicts('mx', domain);
	const exchanges = (await dns.mx(domain))
		.map((e) => e.replace(/\.$/, ''))
		.filter((e) => e && e !== '.');
	if (!exchanges.length)
		return v.fail({
			message: `${domain} has no MX record: replies to it cannot be delivered`,
			rfc: 'RFC 5321 §5.1, RFC 7505',
			fix: `Add an MX record for ${domain} pointing at the mail server that receives its replies`,
		});
	for (const exchange of exchanges) {
		const [target] = await dns.cname(exchange);
		if (target)
			return v.fail({
				message: `The MX of ${domain} names ${exchange}, an alias (CNAME) of ${target}: an MX must name the host itself`,
				rfc: 'RFC 2181 §10.3',
				fix: `Change the MX record of ${domain} from ${exchange} to ${target}`,
				record: { type: 'MX', name: domain, value: target.replace(/\.$/, '') },
			});
		if (!(await dns.addresses(exchange)).length)
			return v.fail({
				message: `The MX of ${domain} names ${exchange}, which has no address: replies cannot be delivered`,
				rfc: 'RFC 5321 §5.1',
				fix: `Give ${exchange} an A or AAAA record, or point the MX of ${domain} at the host that receives its mail`,
			});
	}
	return v.pass({ message: `Replies to ${domain} go to ${exchanges[0]}`, rfc: 'RFC 5321 §5.1' });
}
