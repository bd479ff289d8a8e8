import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';

/** The DNS answers the deliverability checks read; a missing name or record is an empty list. */
export interface DnsLookup {
	/** TXT records, each with its strings joined (a long DKIM key is split into 255-byte strings). */
	txt(name: string): Promise<string[]>;
	/** MX exchanges, by preference. */
	mx(name: string): Promise<string[]>;
	/** IPv4 and IPv6 addresses of a host name. */
	addresses(name: string): Promise<string[]>;
	/** The name's own CNAME target, if it is an alias (not followed). */
	cname(name: string): Promise<string[]>;
	/** Any record type as Node's `resolve` answers it, errors as thrown (for an SPF evaluator). */
	raw(name: string, type: string): Promise<unknown>;
}

/** Answers that mean "there is no such record" rather than "DNS could not be asked". */
const ABSENT = new Set(['ENODATA', 'ENOTFOUND', 'NXDOMAIN']);

/**
 * `SALES_ENGINE_DNS_SERVERS` (comma-separated `host` or `host:port`): the resolver for the checks
 * when n8n's machine should not use its own (split-horizon DNS, a test's loopback server).
 */
const configuredServers = () =>
	(process.env.SALES_ENGINE_DNS_SERVERS ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);

/**
 * DNS through the given servers (`host` or `host:port`; none: SALES_ENGINE_DNS_SERVERS, else the
 * machine's own), a few seconds at most per question. A server that cannot be reached is an error
 * naming it, never "no record".
 */
export function dnsLookup(given: string[] = [], timeoutMs = 3000): DnsLookup {
	const servers = given.length ? given : configuredServers();
	const resolver = new Resolver({ timeout: timeoutMs, tries: 2 });
	if (servers.length) resolver.setServers(servers);
	const where = servers.length ? servers.join(', ') : 'the system resolver';
	const ask = async <T>(name: string, type: string, run: () => Promise<T[]>): Promise<T[]> => {
		try {
			return await run();
		} catch (error) {
			const code = (error as { code?: string }).code ?? '';
			if (ABSENT.has(code)) return [];
			throw new Error(`DNS ${type} ${name} through ${where}: ${code || (error as Error).message}`, {
				cause: error,
			});
		}
	};
	return {
		txt: async (name) =>
			(await ask(name, 'TXT', () => resolver.resolveTxt(name))).map((chunks) => chunks.join('')),
		mx: async (name) =>
			(await ask(name, 'MX', () => resolver.resolveMx(name)))
				.sort((a, b) => a.priority - b.priority)
				.map((r) => r.exchange),
		addresses: async (name) => {
			if (isIP(name)) return [name];
			const [v4, v6] = await Promise.all([
				ask(name, 'A', () => resolver.resolve4(name)),
				ask(name, 'AAAA', () => resolver.resolve6(name)),
			]);
			return [...v4, ...v6];
		},
		cname: (name) => ask(name, 'CNAME', () => resolver.resolveCname(name)),
		raw: (name, type) => resolver.resolve(name, type as 'TXT'),
	};
}
