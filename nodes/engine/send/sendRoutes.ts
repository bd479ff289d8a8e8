import { invalidInput } from '../errors';
import type { Provider } from './providers/Provider';
import type { Mailbox, SendOptions } from './types';

/** Sending mailboxes and the way out they use: a campaign may rotate across several kinds. */
export interface Route {
	provider: Provider;
	mailboxes: Mailbox[];
}

/** A sending mailbox with its way out. */
export interface Routed {
	mailbox: Mailbox;
	provider: Provider;
}

/** The lower of two limits, where 0 or none means no limit. */
const lower = (a: number | undefined, b: number | undefined) =>
	a && b ? Math.min(a, b) : a || b || undefined;

/** A mailbox with its limits held under what its provider allows one mailbox. */
export function withinProvider(m: Mailbox, provider: Provider): Mailbox {
	const cap = provider.mailboxLimits;
	if (!cap) return m;
	return {
		...m,
		perSecond: lower(m.perSecond, cap.perSecond),
		perDay: lower(m.perDay, cap.perDay),
	};
}

/**
 * The run's routes: `routes`, or the one provider with its mailboxes; every mailbox within its
 * provider's own limits (Microsoft 365's 30 a minute hold even for a mailbox set to none).
 */
export function routesOf(o: SendOptions): Route[] {
	const routes = o.routes?.length
		? o.routes
		: o.provider
			? [{ provider: o.provider, mailboxes: o.mailboxes ?? [] }]
			: null;
	if (!routes) throw invalidInput('Give a provider to send through');
	return routes.map((r) => ({
		provider: r.provider,
		mailboxes: r.mailboxes.map((m) => withinProvider(m, r.provider)),
	}));
}

/**
 * Every sending mailbox by lower-cased address. An address in two routes would make the way out
 * of its follow-ups depend on the order of the list, so it is refused.
 */
export function routeTable(routes: Route[]): Map<string, Routed> {
	const table = new Map<string, Routed>();
	for (const { provider, mailboxes } of routes) {
		for (const mailbox of mailboxes) {
			const key = mailbox.address.toLowerCase();
			const other = table.get(key);
			if (other)
				throw invalidInput(
					`The mailbox ${mailbox.address} is listed twice (${other.provider.name} and ${provider.name})`,
					'A mailbox sends through one way out: its follow-ups must leave the way its first touch did.',
				);
			table.set(key, { mailbox, provider });
		}
	}
	return table;
}

/** The distinct providers of the routes. */
export const providersOf = (routes: Route[]): Provider[] => [
	...new Set(routes.map((r) => r.provider)),
];
