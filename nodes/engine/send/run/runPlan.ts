import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import { invalidInput } from '../../errors';
import { Semaphore } from '../../util/semaphore';
import { claimSize, inFlightLimit, providerSlots } from '../claimSize';
import { dkimAligned } from '../deliverability/dkimKey';
import type { Provider } from '../providers/Provider';
import { SEND_DEFAULTS } from '../sendDefaults';
import { providersOf, type Route, type Routed, routeTable, routesOf } from '../sendRoutes';
import type { SendOptions } from '../types';
import { checkUnsubscribeSettings } from '../unsubscribeSettings';

/** The lease of a claim, renewed by the run's heartbeat every third of it (10 s). */
export const HEARTBEAT_LEASE_SECONDS = 30;

/** A provider's connections: held from the hand-over to the answer, and for waiting handed over. */
export interface ProviderSlots {
	provider: Semaphore;
	handOver: Semaphore;
}

/** What a run is made of, derived once from its options: routes, sizes, slots, its fence. */
export interface RunPlan {
	routes: Route[];
	/** Every sending mailbox by lower-cased address, with its way out. */
	mailboxes: Map<string, Routed>;
	providers: Provider[];
	slots: Map<Provider, ProviderSlots>;
	/** Drafts one claim takes. */
	batch: number;
	/** Messages in flight at once. */
	concurrency: number;
	/** Seconds of the lease each claim carries, renewed by the heartbeat. */
	heartbeatLease: number;
	/** The fence of every attempt the run claims: unique per run, naming host and process. */
	workerId: string;
}

/** Sending refuses to start without what every marketing message must carry. */
function checkOptions(o: SendOptions, routes: Route[]): void {
	const c = o.compliance;
	if (!c.postalAddress?.trim()) {
		throw invalidInput(
			"Sending needs the sender's postal address",
			'Set it on the campaign (sender postal address): the law and the Gmail/Yahoo rules require it in every message.',
		);
	}
	checkUnsubscribeSettings(
		{ unsubscribeUrl: c.unsubscribeUrl ?? '', secret: c.secret },
		routes.some((r) => r.provider.name !== 'outbox'),
	);
	if (!routes.some((r) => r.mailboxes.length))
		throw invalidInput('Give at least one sending mailbox');
	for (const { provider, mailboxes } of routes) {
		const signer = provider.signingDomain;
		const unaligned = signer && mailboxes.find((m) => !dkimAligned(signer, m.address));
		if (unaligned)
			throw invalidInput(
				`The mailbox ${unaligned.address} is outside the DKIM signing domain ${signer}`,
				"DMARC passes only when the signature's domain matches the From domain: use a DKIM key of that domain, or send from an address of this one.",
			);
	}
}

/** The run's plan, or an error that says what the options lack. */
export function planRun(options: SendOptions): RunPlan {
	const routes = routesOf(options);
	checkOptions(options, routes);
	const leaseSeconds = options.leaseSeconds ?? SEND_DEFAULTS.leaseSeconds;
	const concurrency = inFlightLimit(options, routes);
	const providers = providersOf(routes);
	return {
		routes,
		mailboxes: routeTable(routes),
		providers,
		// Each way out has its own connections: a slow Gmail API does not hold SMTP sends back.
		slots: new Map(
			providers.map((p) => {
				const n = providerSlots(concurrency, p);
				return [p, { provider: new Semaphore(n), handOver: new Semaphore(2 * n) }];
			}),
		),
		batch: claimSize(options, routes, leaseSeconds),
		concurrency,
		// The lease a claim carries is the heartbeat's: a dead worker's drafts are free for others
		// HEARTBEAT_LEASE_SECONDS after its last beat, not after the claim's whole horizon.
		heartbeatLease: Math.min(leaseSeconds, HEARTBEAT_LEASE_SECONDS),
		workerId: `${options.workerId ?? `${hostname()}:${process.pid}`}/${randomUUID()}`,
	};
}
