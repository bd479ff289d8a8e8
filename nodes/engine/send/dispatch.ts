import { loadCampaign } from '../campaign/getCampaign';
import type { Engine } from '../Engine';
import type { Claimed } from './claimDrafts';
import { pgSendStore } from './run/pgSendStore';
import { planRun } from './run/runPlan';
import { SendRun } from './run/SendRun';
import type { SendOptions, SendSummary } from './types';

/**
 * One run of the sender for a campaign: reap attempts of dead workers, then claim due drafts and
 * send up to `concurrency` at once — kill switches, suppressions and the approved hash checked
 * right before each send, limits shared with every other worker through the database, every
 * change of an attempt fenced by this run's claim and kept alive by a heartbeat. Returns what
 * happened and when the next draft is due, so a Schedule-triggered workflow can loop.
 */
export async function dispatch(engine: Engine, options: SendOptions): Promise<SendSummary> {
	const plan = planRun(options);
	const campaign = await loadCampaign(engine.db, options.campaignId);
	const store = pgSendStore(engine.db, campaign.id);
	return await runSends(new SendRun(store, plan, options, campaign.sender));
}

/** The run's loop: claim, send each claim with at most `concurrency` in flight, pause when told. */
export async function runSends(run: SendRun): Promise<SendSummary> {
	const { plan, summary, store } = run;
	await Promise.all(plan.providers.map((p) => p.warmUp?.()));
	const queue: Claimed[] = [];
	const inFlight = new Set<Promise<void>>();
	let failure: unknown = null;
	run.keeper.start();
	try {
		while (!summary.stopped && failure === null) {
			if (!queue.length) {
				await run.pauseOnBounces();
				if (summary.stopped || run.budgetLeft() <= 0) break;
				queue.push(...(await run.claimNext()));
				if (!queue.length) break;
			}
			if (inFlight.size >= plan.concurrency) await Promise.race(inFlight);
			if (summary.stopped || failure !== null) break;
			const c = queue.shift()!;
			const running: Promise<void> = run
				.send(c)
				.catch((error: unknown) => void (failure ??= error))
				.finally(async () => {
					inFlight.delete(running);
					run.keeper.drop(c);
					await run.pauseOnFailures();
				});
			inFlight.add(running);
		}
		await Promise.all(inFlight);
	} finally {
		await run.keeper.stop();
		// Claimed but never started (stopped, or out of time): given back for the next run.
		await store.release(queue.splice(0)).catch(() => undefined);
	}
	if (failure !== null) throw failure;
	summary.blockedMailboxes = [...run.blocked].sort();
	summary.nextDueAt = await store.nextDue();
	return summary;
}
