import { randomUUID } from 'node:crypto';

import { recordEvent } from '../../audit/recordEvent';
import type { Engine } from '../../Engine';
import { EngineError, invalidInput, notFound } from '../../errors';
import { isEmailAddress } from '../../mail/emailAddress';
import type { Queryable } from '../../store/Db';
import { approvedUnchanged } from '../../store/sendPredicates';
import { buildMessage, type Compliance } from '../buildMessage';
import { blockingSwitch } from '../killSwitch';
import type { Provider } from '../providers/Provider';
import type { Placement, SeedMailbox } from './SeedMailbox';

/** One sending mailbox of the test: its From and the provider that sends for it. */
export interface PlacementSender {
	address: string;
	name?: string;
	provider: Provider;
}

export interface SendPlacementOptions {
	campaignId: string;
	senders: PlacementSender[];
	/** The seed mailboxes' addresses, and what kind of mailbox each is. */
	seeds: Array<Pick<SeedMailbox, 'kind' | 'address'>>;
	compliance: Compliance;
	/** The draft sent; none: the campaign's first approved first touch. */
	draftId?: string;
	/** The share of messages that must reach an inbox (0–1; Gmail's tabs do not count). */
	minInboxShare?: number;
	actor?: string;
}

export interface ReadPlacementOptions {
	campaignId: string;
	/** The seed mailboxes to read: each reads its own rows of the latest test. */
	seeds: SeedMailbox[];
	/** How long seeds are read for a message that has not arrived (default 5 minutes). */
	timeoutMs?: number;
	pollMs?: number;
	actor?: string;
}

export type PlacementOptions = SendPlacementOptions &
	Omit<ReadPlacementOptions, 'seeds'> & { seeds: SeedMailbox[] };

export interface PlacementRow {
	sender: string;
	provider: Provider['name'];
	seed: string;
	seedKind: SeedMailbox['kind'];
	/** The test message's own Message-ID: what the seed is searched for. */
	messageId: string;
	placement: Placement;
	folder: string | null;
	/** Why the message was not sent or not read, when it was not. */
	error?: string;
	seconds: number | null;
}

export interface PlacementResult {
	testId: string;
	draftId: string;
	sentAt: string;
	rows: PlacementRow[];
	inboxShare: number;
	minInboxShare: number;
	passed: boolean;
	/** A newer test was sent while this one was being read: this table was not recorded. */
	superseded?: boolean;
}

export const PLACEMENT_DEFAULTS = { timeoutMs: 5 * 60_000, pollMs: 15_000, minInboxShare: 0.8 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function chosenDraft(engine: Engine, campaignId: string, draftId?: string) {
	const { rows } = await engine.db.query<{
		id: string;
		prospect_id: string;
		step: number;
		subject: string;
		body_text: string;
		body_html: string;
	}>(
		`select d.id, d.prospect_id, d.step, d.subject, d.body_text, d.body_html from drafts d
		where d.campaign_id = $1 and ${draftId ? 'd.id::text = $2' : `${approvedUnchanged('d')}`}
		order by d.step, d.approved_at nulls last, d.id limit 1`,
		draftId ? [campaignId, draftId] : [campaignId],
	);
	if (!rows[0])
		throw draftId
			? notFound(`No draft ${draftId} in campaign ${campaignId}`)
			: notFound(
					`Campaign ${campaignId} has no approved draft to test with`,
					'Approve a draft first, or name one with the Draft ID option.',
				);
	return rows[0];
}

/** The share of rows in an inbox, and the verdict against the test's threshold. */
function verdict(rows: PlacementRow[], minInboxShare: number) {
	const share = rows.filter((r) => r.placement === 'inbox').length / rows.length;
	return { inboxShare: Math.round(share * 1000) / 1000, passed: share >= minInboxShare };
}

/**
 * The seed-list placement test, its first half: the chosen draft (or the first approved first
 * touch) sent from each sending mailbox to each of the user's own seed mailboxes — the engine's
 * MIME, footer and unsubscribe headers, a Message-ID of its own per message. The table (every row
 * `not_arrived` until a seed is read, or why a message was not sent) goes to the audit trail as
 * `placement_sent`. A kill switch or a paused campaign stops it before anything is sent.
 */
export async function sendPlacementTest(
	engine: Engine,
	o: SendPlacementOptions,
): Promise<PlacementResult> {
	if (!o.senders.length || !o.seeds.length)
		throw invalidInput('A placement test needs at least one sending mailbox and one seed mailbox');
	const bad = o.seeds.find((seed) => !isEmailAddress(seed.address));
	if (bad) throw invalidInput(`"${bad.address.slice(0, 254)}" is not a seed address`);
	const share = o.minInboxShare ?? PLACEMENT_DEFAULTS.minInboxShare;
	if (!(share >= 0 && share <= 1))
		throw invalidInput(`The minimum inbox share must be from 0 to 1 (got ${o.minInboxShare})`);
	const draft = await chosenDraft(engine, o.campaignId, o.draftId);
	const testId = randomUUID();
	const rows: PlacementRow[] = [];
	for (const sender of o.senders) {
		const blocked = await blockingSwitch(engine.db, o.campaignId, sender.address);
		if (blocked)
			throw new EngineError(
				'CONFLICT',
				`The placement test is stopped: ${blocked.campaignStatus ? `the campaign is ${blocked.campaignStatus}` : `the ${blocked.scope} kill switch is engaged${blocked.reason ? ` (${blocked.reason})` : ''}`}`,
			);
		for (const seed of o.seeds) {
			const message = buildMessage(
				{
					campaignId: o.campaignId,
					prospectId: draft.prospect_id,
					step: draft.step,
					to: seed.address,
					subject: draft.subject,
					bodyText: draft.body_text,
					bodyHtml: draft.body_html,
					thread: [],
				},
				{ address: sender.address, ...(sender.name ? { name: sender.name } : {}) },
				o.compliance,
			);
			const row: PlacementRow = {
				sender: sender.address,
				provider: sender.provider.name,
				seed: seed.address,
				seedKind: seed.kind,
				messageId: `<placement.${testId}.${rows.length}@${sender.address.split('@')[1]}>`,
				placement: 'not_arrived',
				folder: null,
				seconds: null,
			};
			rows.push(row);
			try {
				await sender.provider.send({ ...message, messageId: row.messageId });
			} catch (error) {
				row.error = `not sent: ${(error as Error).message}`;
			}
		}
	}
	const minInboxShare = share;
	const result: PlacementResult = {
		testId,
		draftId: draft.id,
		sentAt: new Date().toISOString(),
		rows,
		minInboxShare,
		...verdict(rows, minInboxShare),
	};
	await recordEvent(engine.db, {
		campaignId: o.campaignId,
		type: 'placement_sent',
		actor: o.actor,
		data: { ...result },
	});
	return result;
}

/** The latest test's table: as sent, with what earlier reads of it found. */
async function latestTest(q: Queryable, campaignId: string): Promise<PlacementResult> {
	const { rows } = await q.query<{ type: string; data: PlacementResult }>(
		`select type, data from campaign_events where campaign_id = $1
			and type in ('placement_sent', 'placement_tested') order by id desc limit 1`,
		[campaignId],
	);
	if (!rows[0])
		throw notFound(
			`Campaign ${campaignId} has no placement test to read`,
			'Run Send Placement Test first.',
		);
	const data = rows[0].data;
	return typeof data === 'string' ? JSON.parse(data) : data;
}

/**
 * The placement test, its second half: each given seed mailbox read for its rows of the latest
 * test that were sent and not yet found, again every `pollMs`, until each is found (Inbox,
 * Spam/Junk, a Gmail tab, another folder) or `timeoutMs` has passed since the test was sent (not
 * arrived). Seeds read by another node or run keep what that read found. The table and its verdict
 * (the inbox share against the test's threshold) go to the audit trail as `placement_tested`,
 * where the campaign's status and the send gate read them.
 */
export async function readPlacementTest(
	engine: Engine,
	o: ReadPlacementOptions,
): Promise<PlacementResult> {
	const test = await latestTest(engine.db, o.campaignId);
	const seedOf = new Map(o.seeds.map((s) => [s.address.toLowerCase(), s]));
	const mine = test.rows.filter((r) => seedOf.has(r.seed.toLowerCase()));
	if (!mine.length)
		throw invalidInput(
			`The latest placement test sent nothing to ${o.seeds.map((s) => s.address).join(', ')}`,
			`Its seeds are ${[...new Set(test.rows.map((r) => r.seed))].join(', ')}: give one of those as the Seed Address.`,
		);
	const sentAt = Date.parse(test.sentAt);
	const pending = mine.filter(
		(r) => r.placement === 'not_arrived' && !r.error?.startsWith('not sent'),
	);
	const timeout = o.timeoutMs ?? PLACEMENT_DEFAULTS.timeoutMs;
	for (;;) {
		for (const row of [...pending]) {
			try {
				const found = await seedOf.get(row.seed.toLowerCase())!.locate(row.messageId);
				delete row.error;
				if (!found) continue;
				Object.assign(row, { ...found, seconds: Math.round((Date.now() - sentAt) / 1000) });
				pending.splice(pending.indexOf(row), 1);
			} catch (error) {
				row.error = `not read: ${(error as Error).message}`;
			}
		}
		if (!pending.length || Date.now() - sentAt >= timeout) break;
		await sleep(Math.min(o.pollMs ?? PLACEMENT_DEFAULTS.pollMs, timeout));
	}
	// Seeds read at the same time by other nodes write their own rows: each read merges its rows
	// into the table as it stands now, one at a time per campaign, so none undoes another's.
	return await engine.db.transaction(async (tx) => {
		await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`placement:${o.campaignId}`]);
		const now = await latestTest(tx, o.campaignId);
		// A newer test was sent while this one was read: its table is not this one's to change.
		if (now.testId !== test.testId)
			return { ...test, ...verdict(test.rows, test.minInboxShare), superseded: true };
		const read = new Map(mine.map((r) => [r.messageId, r]));
		const rows = now.rows.map((r) => read.get(r.messageId) ?? r);
		const result: PlacementResult = { ...now, rows, ...verdict(rows, now.minInboxShare) };
		await recordEvent(tx, {
			campaignId: o.campaignId,
			type: 'placement_tested',
			actor: o.actor,
			data: { ...result },
		});
		return result;
	});
}

/** Both halves in one call: send to the seeds, then read them (the engine's own API and tests). */
export async function placementTest(engine: Engine, o: PlacementOptions): Promise<PlacementResult> {
	await sendPlacementTest(engine, o);
	return await readPlacementTest(engine, o);
}
