import { loadCampaign } from '../campaign/getCampaign';
import type { Engine } from '../Engine';
import { normalizeEmail } from '../mail/emailAddress';
import { prospectFlags } from './prospectInput';
import type { Prospect, ProspectInput } from './types';

interface ProspectRow {
	id: string;
	campaign_id: string;
	email: string;
	email_normalized: string;
	first_name: string | null;
	last_name: string | null;
	company: string | null;
	title: string | null;
	website: string | null;
	timezone: string | null;
	signals: Record<string, string>;
	flags: Prospect['flags'];
	status: string;
}

export const PROSPECT_COLUMNS =
	'id, campaign_id, email, email_normalized, first_name, last_name, company, title, website, timezone, signals, flags, status';

export function toProspect(r: ProspectRow): Prospect {
	const optional = (v: string | null) => v ?? undefined;
	return {
		id: r.id,
		campaignId: r.campaign_id,
		email: r.email,
		emailNormalized: r.email_normalized,
		firstName: optional(r.first_name),
		lastName: optional(r.last_name),
		company: optional(r.company),
		title: optional(r.title),
		website: optional(r.website),
		timezone: optional(r.timezone),
		signals: r.signals ?? {},
		flags: r.flags ?? {},
		status: r.status,
	};
}

/**
 * Inserts or updates prospects by normalized email, in one statement. A later duplicate in the same
 * input updates the same row and is flagged `duplicateInInput`; fields left empty keep their stored
 * value. Returns the stored prospects in input order (one per input, duplicates included).
 */
export async function upsertProspects(
	engine: Engine,
	campaignId: string,
	inputs: ProspectInput[],
): Promise<Prospect[]> {
	const campaign = await loadCampaign(engine.db, campaignId);
	const seen = new Map<string, number>();
	const rows = inputs.map((p, i) => {
		const email_normalized = normalizeEmail(p.email);
		const flags = {
			...prospectFlags(p),
			...(seen.has(email_normalized) ? { duplicateInInput: true } : {}),
		};
		if (!seen.has(email_normalized)) seen.set(email_normalized, i);
		return { ...p, email: p.email.trim(), email_normalized, flags };
	});
	// One row per address: a later occurrence fills or overrides fields, as a later sheet row would.
	const merged = new Map<string, (typeof rows)[number]>();
	for (const r of rows) {
		const before = merged.get(r.email_normalized);
		const defined = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined));
		merged.set(
			r.email_normalized,
			before
				? {
						...before,
						...defined,
						email: before.email,
						flags: before.flags,
						signals: { ...before.signals, ...r.signals },
					}
				: r,
		);
	}
	const unique = [...merged.values()];
	const { rows: stored } = await engine.db.query<ProspectRow>(
		`insert into prospects (campaign_id, email, email_normalized, first_name, last_name, company,
			title, website, timezone, signals, flags)
		select $1, r.email, r.email_normalized, r."firstName", r."lastName", r.company, r.title,
			r.website, r.timezone, coalesce(r.signals, '{}'::jsonb), coalesce(r.flags, '{}'::jsonb)
		from jsonb_to_recordset($2::jsonb) as r(email text, email_normalized text, "firstName" text,
			"lastName" text, company text, title text, website text, timezone text, signals jsonb, flags jsonb)
		on conflict (campaign_id, email_normalized) do update set
			email = excluded.email,
			first_name = coalesce(excluded.first_name, prospects.first_name),
			last_name = coalesce(excluded.last_name, prospects.last_name),
			company = coalesce(excluded.company, prospects.company),
			title = coalesce(excluded.title, prospects.title),
			website = coalesce(excluded.website, prospects.website),
			timezone = coalesce(excluded.timezone, prospects.timezone),
			signals = prospects.signals || excluded.signals,
			flags = excluded.flags,
			updated_at = now()
		returning ${PROSPECT_COLUMNS}`,
		[campaign.id, JSON.stringify(unique)],
	);
	const byEmail = new Map(stored.map((r) => [r.email_normalized, toProspect(r)]));
	return rows.map((r) => {
		const p = byEmail.get(r.email_normalized) as Prospect;
		return r.flags.duplicateInInput ? { ...p, flags: { ...p.flags, duplicateInInput: true } } : p;
	});
}
