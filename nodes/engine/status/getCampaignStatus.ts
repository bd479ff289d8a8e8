import { type BlueprintProposal, blueprintProposal } from '../blueprint/blueprintProposal';
import type { Engine } from '../Engine';
import {
	deliverabilityState,
	type DeliverabilityState,
} from '../send/deliverability/deliverabilityGate';
import { placementState, type PlacementState } from '../send/placement/placementGate';
import { listOutcomes } from '../outcomes/listOutcomes';
import { type OutcomeSummary, summarizeOutcomes } from '../outcomes/summarizeOutcomes';
import { NEXT_DUE_SQL, switchRank, switchStops } from '../store/sendPredicates';
import { loadCampaign } from '../campaign/getCampaign';
import type { Campaign } from '../campaign/types';

export type CampaignStage =
	'created' | 'ingested' | 'featurized' | 'blueprinted' | 'drafted' | 'approved' | 'sending';

export interface CampaignStatusReport {
	campaign: Campaign;
	stage: CampaignStage;
	/** What the pipeline needs next, in words. */
	nextStep: string;
	emails: { brand: number; competitor: number; byCompetitor: Record<string, number> };
	featurized: number;
	/** null when the store has no pgvector (no embeddings table). */
	embedded: number | null;
	activeBlueprintVersion: number | null;
	blueprintVersions: number;
	prospects: number;
	drafts: Record<string, number>;
	sends: Record<string, number>;
	/** Engaged kill switches that stop this campaign's sending: everything, it, or its mailboxes. */
	killSwitches: Array<{ scope: string; target: string; reason: string | null }>;
	/** Sending mailboxes behind their own kill switch: by whom (a person, or its health) and why. */
	pausedMailboxes: Array<{ mailbox: string; reason: string | null; pausedBy: string | null }>;
	/** The campaign's prospects that may not be mailed, by the kind of suppression that stops them. */
	suppressed: Record<string, number>;
	/**
	 * When the first approved draft still waiting becomes due (ISO time), null when none waits. A
	 * worker sends it on its first run after that, within the sending window.
	 */
	nextSendAt: string | null;
	/**
	 * Drafts a worker run holds right now (`held`), and when the last of their leases ends
	 * (`freedBy`): renewed every 10 s while the worker lives, so a time in the past means the worker
	 * stopped and the next run of any worker takes them over.
	 */
	claims: { held: number; freedBy: string | null };
	/** Never ready while anything above (or a missing setting) blocks sending; `missing` says what. */
	sendReadiness: { ready: boolean; missing: string[] };
	/**
	 * The deliverability preflight: unchecked until the first real send (or Check Deliverability),
	 * then passed, failed (with each failing check and its fix: real sending is blocked) or
	 * overridden (who, why).
	 */
	deliverability: DeliverabilityState;
	/**
	 * The latest seed-list placement test: untested, passed, failed (its table: real sending is
	 * blocked) or overridden (who, why).
	 */
	placement: PlacementState;
	/** What became of the sent messages: outcomes, replies by class, rates per touch and variant. */
	results: OutcomeSummary;
	/** A version learned from the results that waits for a person, or null. */
	blueprintProposal: BlueprintProposal | null;
}

interface CountsRow {
	brand: number;
	competitor: number;
	featurized: number;
	blueprint_versions: number;
	active_version: number | null;
	prospects: number;
	next_send_at: Date | string | null;
}

async function groupCounts(
	engine: Engine,
	sql: string,
	id: string,
): Promise<Record<string, number>> {
	const { rows } = await engine.db.query<{ key: string; n: number }>(sql, [id]);
	return Object.fromEntries(rows.map((row) => [row.key, row.n]));
}

function stageOf(
	report: Omit<CampaignStatusReport, 'stage' | 'nextStep'>,
): [CampaignStage, string] {
	const total = report.emails.brand + report.emails.competitor;
	if ((report.sends.sent ?? 0) > 0)
		return ['sending', 'Sending; the send worker picks up due drafts.'];
	if ((report.drafts.approved ?? 0) > 0)
		return ['approved', 'Run the Sales Sender to send approved drafts.'];
	if (Object.keys(report.drafts).length > 0) return ['drafted', 'Review and approve the drafts.'];
	if (report.activeBlueprintVersion !== null)
		return ['blueprinted', 'Add prospects and generate drafts.'];
	if (total > 0 && report.featurized >= total) return ['featurized', 'Synthesize the Blueprint.'];
	if (total > 0) return ['ingested', 'Extract features from the ingested emails.'];
	return ['created', 'Ingest brand and competitor emails.'];
}

/** One look at a campaign: counts per stage and per draft and send state, and what comes next. */
export async function getCampaignStatus(
	engine: Engine,
	id: unknown,
): Promise<CampaignStatusReport> {
	const campaign = await loadCampaign(engine.db, id);
	const { rows } = await engine.db.query<CountsRow>(
		`select
			(select count(*)::int from emails where campaign_id = $1 and source = 'brand') as brand,
			(select count(*)::int from emails where campaign_id = $1 and source = 'competitor') as competitor,
			(select count(*)::int from email_features where campaign_id = $1) as featurized,
			(select count(*)::int from blueprints where campaign_id = $1) as blueprint_versions,
			(select version from blueprints where campaign_id = $1 and status = 'active') as active_version,
			(select count(*)::int from prospects where campaign_id = $1) as prospects,
			(${NEXT_DUE_SQL}) as next_send_at`,
		[campaign.id],
	);
	const counts = rows[0];
	const byCompetitor = await groupCounts(
		engine,
		`select competitor as key, count(*)::int as n from emails
		 where campaign_id = $1 and source = 'competitor' group by competitor order by competitor`,
		campaign.id,
	);
	const drafts = await groupCounts(
		engine,
		'select status as key, count(*)::int as n from drafts where campaign_id = $1 group by status',
		campaign.id,
	);
	const sends = await groupCounts(
		engine,
		'select status as key, count(*)::int as n from send_attempts where campaign_id = $1 group by status',
		campaign.id,
	);
	let embedded: number | null = null;
	if (engine.schema.vector.usable) {
		const result = await engine.db.query<{ n: number }>(
			'select count(*)::int as n from email_embeddings where campaign_id = $1',
			[campaign.id],
		);
		embedded = result.rows[0].n;
	}
	const { rows: switches } = await engine.db.query<{
		scope: string;
		target: string;
		reason: string | null;
		changed_by: string | null;
	}>(
		`select scope, target, reason, changed_by from kill_switches k
		where ${switchStops(
			'k',
			'$3',
			`any(array[lower($2)] || array(select lower(mailbox)
			from send_attempts a where a.campaign_id = $1))`,
		)}
		order by ${switchRank('k')}, target`,
		[campaign.id, campaign.sender.email ?? '', campaign.id],
	);
	const { rows: used } = await engine.db.query<{ mailbox: string }>(
		'select distinct lower(mailbox) as mailbox from send_attempts where campaign_id = $1',
		[campaign.id],
	);
	const mailboxes = new Set([
		...used.map((r) => r.mailbox),
		...(campaign.sender.email ? [campaign.sender.email.toLowerCase()] : []),
	]);
	// A paused mailbox (by a person, or by its health: receivers refusing the sender) stops only
	// itself; the campaign is blocked when every mailbox it uses is paused.
	const pausedMailboxes = switches
		.filter((k) => k.scope === 'mailbox')
		.map((k) => ({ mailbox: k.target, reason: k.reason, pausedBy: k.changed_by }));
	const allPaused =
		mailboxes.size > 0 && [...mailboxes].every((m) => pausedMailboxes.some((p) => p.mailbox === m));
	const suppressed = await groupCounts(
		engine,
		`select s.kind as key, count(distinct p.id)::int as n from prospects p join suppressions s
			on s.value = p.email_normalized
			or (s.kind = 'domain' and s.value = split_part(p.email_normalized, '@', 2))
		where p.campaign_id = $1 group by s.kind`,
		campaign.id,
	);
	const missing: string[] = [];
	for (const k of switches.filter((k) => k.scope !== 'mailbox' || allPaused))
		missing.push(
			`kill switch engaged (${k.scope}${k.scope === 'global' ? '' : ` ${k.target}`}${k.reason ? `: ${k.reason}` : ''})`,
		);
	if (!campaign.sender.email) missing.push('sender email');
	if (!campaign.sender.postalAddress) missing.push('postal address');
	if (campaign.status !== 'active') missing.push(`campaign is ${campaign.status}`);
	const { rows: held } = await engine.db.query<{
		n: number;
		until: Date | string | null;
		stale: boolean;
	}>(
		`select count(*)::int as n, max(lease_until) as until, coalesce(max(lease_until) < now(), false) as stale
		from send_attempts where campaign_id = $1 and status = 'sending'`,
		[campaign.id],
	);
	const claims = {
		held: Number(held[0]?.n ?? 0),
		freedBy: held[0]?.until ? new Date(held[0].until).toISOString() : null,
	};
	const deliverability = await deliverabilityState(engine.db, campaign.id);
	if (deliverability.state === 'failed')
		missing.push(
			`deliverability preflight failed: ${deliverability.failing.map((c) => c.message).join('; ')}`,
		);
	const placement = await placementState(engine.db, campaign.id);
	if (placement.state === 'failed')
		missing.push(
			`placement test put ${Math.round((placement.inboxShare ?? 0) * 100)} % in the inbox, under the ${Math.round((placement.minInboxShare ?? 0) * 100)} % it needs`,
		);

	const report = {
		campaign,
		emails: { brand: counts.brand, competitor: counts.competitor, byCompetitor },
		featurized: counts.featurized,
		embedded,
		activeBlueprintVersion: counts.active_version,
		blueprintVersions: counts.blueprint_versions,
		prospects: counts.prospects,
		drafts,
		sends,
		killSwitches: switches.map(({ scope, target, reason }) => ({ scope, target, reason })),
		pausedMailboxes,
		suppressed,
		nextSendAt: counts.next_send_at ? new Date(counts.next_send_at).toISOString() : null,
		claims,
		sendReadiness: { ready: missing.length === 0, missing },
		deliverability,
		placement,
		results: summarizeOutcomes(await listOutcomes(engine, campaign.id)),
		blueprintProposal: await blueprintProposal(engine.db, campaign.id),
	};
	const [stage, next] = stageOf(report);
	const unknown = sends.unknown ?? 0;
	const nextStep = [
		['approved', 'sending'].includes(stage) && missing.length
			? `Sending is blocked: ${missing.join('; ')}.`
			: next,
		...pausedMailboxes
			.filter(() => !allPaused)
			.map(
				(p) =>
					`Mailbox ${p.mailbox} is paused${p.reason ? `: ${p.reason}` : ''}; the other mailboxes keep sending. Fix the cause, then release its kill switch.`,
			),
		claims.held
			? held[0].stale
				? `${claims.held} draft${claims.held === 1 ? ' is' : 's are'} held by a worker that stopped (its lease ended ${claims.freedBy}): the next send run takes ${claims.held === 1 ? 'it' : 'them'} over.`
				: `${claims.held} draft${claims.held === 1 ? ' is' : 's are'} being sent by a worker; should it stop, ${claims.held === 1 ? 'it is' : 'they are'} free for the others by ${claims.freedBy}.`
			: '',
		report.blueprintProposal?.summary ?? '',
		unknown
			? `${unknown} send${unknown === 1 ? '' : 's'} lost ${unknown === 1 ? 'its' : 'their'} answer: review them with the Sales Sender's List Unknown Sends.`
			: '',
	]
		.filter(Boolean)
		.join(' ');
	return { ...report, stage, nextStep };
}
