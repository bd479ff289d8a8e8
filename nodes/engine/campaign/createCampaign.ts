import { recordEvent } from '../audit/recordEvent';
import type { Engine } from '../Engine';
import { invalidInput } from '../errors';
import type { Queryable } from '../store/Db';
import { CAMPAIGN_COLUMNS, type CampaignRow, toCampaign } from './campaignRow';
import type { Campaign, CampaignInput } from './types';
import { validateCampaignInput } from './validateCampaignInput';

/** A campaign as creation returned it: `created` false when an idempotency key found it. */
export type CreatedCampaign = Campaign & { created: boolean };

/** The active or paused campaign holding this key, if any. */
async function holderOf(q: Queryable, key: string): Promise<Campaign | null> {
	const { rows } = await q.query<CampaignRow>(
		`select ${CAMPAIGN_COLUMNS} from campaigns
		where idempotency_key = $1 and status in ('active', 'paused')`,
		[key],
	);
	return rows[0] ? toCampaign(rows[0]) : null;
}

/**
 * Creates a campaign; with an idempotency key, a second submission (a form sent twice, a workflow
 * run again) returns the campaign the key already holds instead of a duplicate — unless that one
 * is for another brand, which is a caller's mistake worth an error, not a silent mix-up.
 */
export async function createCampaign(
	engine: Engine,
	input: CampaignInput,
	actor?: string,
): Promise<CreatedCampaign> {
	const valid = validateCampaignInput(input);
	const key = valid.idempotencyKey || null;
	return engine.db.transaction(async (tx) => {
		// The key's holder can be cancelled between the insert's conflict and the lookup (freeing the
		// key): the insert is then tried again, so the answer is always one campaign.
		let rows: CampaignRow[] = [];
		let existing: Campaign | null = null;
		for (let tries = 0; tries < 3 && !rows.length && !existing; tries++) {
			({ rows } = await tx.query<CampaignRow>(
				`insert into campaigns (name, brand, competitors, additional_context, sender, settings, idempotency_key)
				 values ($1, $2, $3, $4, $5, $6, $7)
				 on conflict (idempotency_key) where idempotency_key is not null and status in ('active', 'paused')
				 do nothing
				 returning ${CAMPAIGN_COLUMNS}`,
				[
					valid.name,
					JSON.stringify(valid.brand),
					JSON.stringify(valid.competitors),
					valid.additionalContext,
					JSON.stringify(valid.sender),
					JSON.stringify(valid.settings),
					key,
				],
			));
			if (!rows.length && key) existing = await holderOf(tx, key);
		}
		if (existing) {
			if (existing.brand.name.toLowerCase() !== valid.brand.name.toLowerCase()) {
				throw invalidInput(
					`Idempotency key "${key}" already belongs to campaign "${existing.name}" (${existing.id}) for ${existing.brand.name}, not ${valid.brand.name}`,
					'Use a key per campaign, or cancel that campaign to free its key.',
				);
			}
			await recordEvent(tx, {
				campaignId: existing.id,
				type: 'campaign_reused',
				actor,
				data: { idempotencyKey: key },
			});
			return { ...existing, created: false };
		}
		if (!rows.length) {
			throw invalidInput(
				`Idempotency key "${key}" changed hands three times while this campaign was being created`,
				'Submit again: another request is creating and cancelling campaigns with the same key.',
			);
		}
		const campaign = toCampaign(rows[0]);
		await recordEvent(tx, {
			campaignId: campaign.id,
			type: 'campaign_created',
			actor,
			data: {
				brand: campaign.brand.name,
				competitors: campaign.competitors.length,
				...(key ? { idempotencyKey: key } : {}),
			},
		});
		return { ...campaign, created: true };
	});
}
