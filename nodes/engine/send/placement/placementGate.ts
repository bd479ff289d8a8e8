import { recordEvent } from '../../audit/recordEvent';
import type { Engine } from '../../Engine';
import { EngineError } from '../../errors';
import type { Queryable } from '../../store/Db';
import type { PlacementResult, PlacementRow } from './placementTest';

/** Where a campaign's inbox placement stands, as its status shows it and the send gate reads it. */
export interface PlacementState {
	state: 'untested' | 'passed' | 'failed' | 'overridden';
	testedAt: string | null;
	inboxShare: number | null;
	minInboxShare: number | null;
	rows: PlacementRow[];
	override: { by: string | null; reason: string; at: string } | null;
}

interface EventRow {
	type: 'placement_tested' | 'placement_overridden';
	actor: string | null;
	data: Partial<PlacementResult> & { reason?: string };
	created_at: string | Date;
}

/** The campaign's latest placement test and any override of it, from the audit trail. */
export async function placementState(db: Queryable, campaignId: string): Promise<PlacementState> {
	const { rows } = await db.query<EventRow>(
		`select type, actor, data, created_at from campaign_events where campaign_id = $1
			and type in ('placement_tested', 'placement_overridden') order by id desc`,
		[campaignId],
	);
	const data = (r: EventRow) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data);
	const latest = rows.find((r) => r.type === 'placement_tested');
	const override = rows.find((r) => r.type === 'placement_overridden');
	const overridden = Boolean(latest && override && rows.indexOf(override) < rows.indexOf(latest));
	return {
		state: !latest
			? 'untested'
			: data(latest).passed
				? 'passed'
				: overridden
					? 'overridden'
					: 'failed',
		testedAt: latest ? new Date(latest.created_at).toISOString() : null,
		inboxShare: latest ? (data(latest).inboxShare ?? null) : null,
		minInboxShare: latest ? (data(latest).minInboxShare ?? null) : null,
		rows: latest ? (data(latest).rows ?? []) : [],
		override:
			overridden && override
				? {
						by: override.actor,
						reason: String(data(override).reason ?? ''),
						at: new Date(override.created_at).toISOString(),
					}
				: null,
	};
}

/** The table in words: each message that did not reach an inbox, where it went. */
export function placementMessage(rows: PlacementRow[]): string {
	return rows
		.filter((r) => r.placement !== 'inbox')
		.map(
			(r) =>
				`${r.sender} → ${r.seed} (${r.seedKind}): ${r.placement.replace('_', ' ')}${r.folder ? ` (${r.folder})` : ''}${r.error ? `; ${r.error}` : ''}`,
		)
		.join('\n');
}

/**
 * Real sending waits while the campaign's latest placement test is under its threshold, as it
 * does for a failing deliverability preflight: a new passing test lifts it, or `override` gives the
 * reason a person sends anyway, recorded with who and the table it overrode. No test: no gate
 * (the test is the user's choice; the preflight is not).
 */
export async function gatePlacement(
	engine: Engine,
	o: { campaignId: string; override?: string; actor?: string },
): Promise<PlacementState> {
	const state = await placementState(engine.db, o.campaignId);
	if (state.state !== 'failed') return state;
	const reason = o.override?.trim();
	if (!reason)
		throw new EngineError(
			'CONFLICT',
			`Sending is blocked: the placement test put ${Math.round((state.inboxShare ?? 0) * 100)} % in the inbox, under the ${Math.round((state.minInboxShare ?? 0) * 100)} % it needs`,
			`${placementMessage(state.rows)}\nFix what sends these to spam (the deliverability preflight, the drafts' spam score, the sending mailbox's reputation) and run the placement test again, or set the Override Placement Test option with the reason to send anyway (it is recorded).`,
		);
	await recordEvent(engine.db, {
		campaignId: o.campaignId,
		type: 'placement_overridden',
		actor: o.actor,
		data: { reason, inboxShare: state.inboxShare, rows: state.rows },
	});
	return await placementState(engine.db, o.campaignId);
}
