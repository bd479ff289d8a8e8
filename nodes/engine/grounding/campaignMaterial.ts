import type { Campaign } from '../campaign/types';
import type { Queryable } from '../store/Db';
import { buildSupport, type Support } from './support';

/** The most of the brand's own mail read as material: its vocabulary is long stable by then. */
const MAX_EMAILS = 400;
const MAX_CHARS = 1_500_000;

/** The user's own words: brand name, website, sender and the campaign context. */
export function userWords(campaign: Campaign): string[] {
	return [
		campaign.brand.name,
		campaign.brand.website ?? '',
		campaign.additionalContext,
		campaign.sender.name ?? '',
	];
}

/** The brand's own sent mail (subjects and bodies), newest first, within the bounds above. */
export async function brandMail(q: Queryable, campaignId: string): Promise<string[]> {
	const { rows } = await q.query<{ subject: string | null; body_text: string | null }>(
		`select subject, left(body_text, 20000) as body_text from emails
		where campaign_id = $1 and source = 'brand' order by sent_at desc nulls last limit $2`,
		[campaignId, MAX_EMAILS],
	);
	const out: string[] = [];
	let size = 0;
	for (const r of rows) {
		const text = `${r.subject ?? ''}\n${r.body_text ?? ''}`;
		if (size + text.length > MAX_CHARS) break;
		size += text.length;
		out.push(text);
	}
	return out;
}

/**
 * What a campaign's model text may say: the user's own words, the brand's own mail and the
 * figures the engine measured. Competitors' mail is never material: it informs rules, not words.
 */
export async function campaignSupport(
	q: Queryable,
	campaign: Campaign,
	extra: string[] = [],
): Promise<{ user: string[]; material: string[]; support: Support }> {
	const user = userWords(campaign);
	const material = [...(await brandMail(q, campaign.id)), ...extra];
	return { user, material, support: buildSupport(user, material) };
}
