import { recordEvent } from '../../audit/recordEvent';
import type { Engine } from '../../Engine';
import { EngineError } from '../../errors';
import type { Queryable } from '../../store/Db';
import type { Check } from './Check';
import {
	checkDeliverability,
	type DeliverabilityOptions,
	deliverabilityScope,
} from './checkDeliverability';

/** Where a campaign's deliverability stands, as its status shows it. */
export interface DeliverabilityState {
	/** `unchecked` until the first real send runs the preflight (or the operation is run). */
	state: 'unchecked' | 'passed' | 'failed' | 'overridden';
	checkedAt: string | null;
	/** `provider:domain` the latest preflight looked at. */
	checked: string[];
	/** `provider:domain` covered by a passing check or an override. */
	cleared: string[];
	/** The failing checks of the latest preflight, each with its fix. */
	failing: Check[];
	override: { by: string | null; reason: string; at: string } | null;
}

interface EventRow {
	type: string;
	actor: string | null;
	data: { ok?: boolean; scope?: string[]; failing?: Check[]; reason?: string };
	created_at: string | Date;
}

/** The campaign's deliverability from its audit trail: checks and overrides, newest first. */
export async function deliverabilityState(
	db: Queryable,
	campaignId: string,
): Promise<DeliverabilityState> {
	const { rows } = await db.query<EventRow>(
		`select type, actor, data, created_at from campaign_events where campaign_id = $1
			and type in ('deliverability_checked', 'deliverability_overridden') order by id desc`,
		[campaignId],
	);
	const data = (r: EventRow) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data);
	const latest = rows.find((r) => r.type === 'deliverability_checked');
	const override = rows.find((r) => r.type === 'deliverability_overridden');
	const cleared = new Set<string>();
	for (const r of rows)
		if (r.type === 'deliverability_overridden' || data(r).ok)
			for (const s of data(r).scope ?? []) cleared.add(s);
	const latestOk = latest ? Boolean(data(latest).ok) : false;
	return {
		state: !latest
			? 'unchecked'
			: latestOk
				? 'passed'
				: override && override.created_at >= latest.created_at
					? 'overridden'
					: 'failed',
		checkedAt: latest ? new Date(latest.created_at).toISOString() : null,
		checked: latest ? (data(latest).scope ?? []) : [],
		cleared: [...cleared].sort(),
		failing: latest && !latestOk ? (data(latest).failing ?? []) : [],
		override: override
			? {
					by: override.actor,
					reason: String(data(override).reason ?? ''),
					at: new Date(override.created_at).toISOString(),
				}
			: null,
	};
}

/** A failing preflight, in words: each failing check and exactly what to change. */
export function blockedMessage(failing: Check[]): string {
	return failing.map((c) => `${c.message}${c.fix ? ` → ${c.fix}` : ''}`).join('\n');
}

/**
 * How long a failed verdict stands before DNS is asked again: a send worker scheduled every minute
 * re-checks a broken domain a few times an hour, not 60 (and fills the audit trail as slowly).
 */
const FAILED_VERDICT_MS = 10 * 60_000;

/**
 * Real sending of a campaign starts only once its sending domains passed the preflight: the first
 * run (and a run with a domain or provider not yet cleared) checks, a pass or an override is kept
 * in the audit trail so later runs do not ask DNS again, and a failure stands for ten minutes. A failing check blocks the run with every
 * fix, unless `override` gives the reason a person chose to send anyway: that is recorded with
 * who, why and what failed.
 */
export async function gateDeliverability(
	engine: Engine,
	o: DeliverabilityOptions & { override?: string },
): Promise<DeliverabilityState> {
	const scope = deliverabilityScope(o.routes);
	const before = await deliverabilityState(engine.db, o.campaignId);
	if (scope.length && scope.every((s) => before.cleared.includes(s))) return before;
	const fresh =
		before.state === 'failed' &&
		Date.now() - Date.parse(before.checkedAt as string) < FAILED_VERDICT_MS &&
		scope.every((s) => before.checked.includes(s));
	const result = fresh
		? { ok: false, checks: before.failing, scope: before.checked }
		: await checkDeliverability(engine, o);
	const failing = result.checks.filter((c) => !c.ok);
	if (!result.ok) {
		const reason = o.override?.trim();
		if (!reason)
			throw new EngineError(
				'CONFLICT',
				`Sending is blocked: the deliverability preflight failed ${failing.length} check${failing.length === 1 ? '' : 's'}`,
				`${blockedMessage(failing)}\nFix these and run again, or set the Override Deliverability Check option with the reason to send anyway (it is recorded).`,
			);
		await recordEvent(engine.db, {
			campaignId: o.campaignId,
			type: 'deliverability_overridden',
			actor: o.actor,
			data: { reason, scope: result.scope, failing },
		});
	}
	return await deliverabilityState(engine.db, o.campaignId);
}
