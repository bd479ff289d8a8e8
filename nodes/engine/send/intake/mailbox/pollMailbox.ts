import type { Engine } from '../../../Engine';
import { parseInbound } from '../parseInbound';
import { recordInbound } from '../recordInbound';
import type { InboundKind } from '../types';
import type { MailboxReader } from './MailboxReader';

export interface MailboxPoll {
	mailbox: string;
	/** Messages read this time (new since the last read). */
	read: number;
	/** What they were, by kind; answers to nothing this engine sent are `unmatched`. */
	byKind: Partial<Record<InboundKind | 'unmatched', number>>;
	/** Prospects whose sequence a reply stopped. */
	stopped: number;
	/** Messages taken in before (a read that started over): nothing changed for them. */
	duplicates: number;
	/** Messages that could not be read, with why; the rest went on. */
	failed: Array<{ origin: string; error: string }>;
}

/**
 * Reads one sending mailbox from where its last read ended and takes every new message into the
 * reply and bounce intake: a reply stops its prospect's sequence, a hard bounce suppresses the
 * address. The cursor is stored only after every message was taken in, so a read that fails
 * midway starts over next time, and the intake (one row per Message-ID) changes nothing for a
 * message it already has: each message counts once.
 */
export async function pollMailbox(
	engine: Engine,
	reader: MailboxReader,
	options: { firstDays?: number; actor?: string } = {},
): Promise<MailboxPoll> {
	const { rows } = await engine.db.query<{ cursor: string }>(
		'select cursor from mailbox_cursors where mailbox = $1',
		[reader.key],
	);
	const poll: MailboxPoll = {
		mailbox: reader.key,
		read: 0,
		byKind: {},
		stopped: 0,
		duplicates: 0,
		failed: [],
	};
	const next = await reader.read(
		rows[0]?.cursor ?? null,
		async ({ raw, origin }) => {
			poll.read++;
			let message;
			try {
				message = await parseInbound(raw);
			} catch (error) {
				// One unreadable message must not hold back the rest of the inbox.
				poll.failed.push({ origin, error: (error as Error).message });
				return;
			}
			const result = await recordInbound(engine, message, options.actor);
			if (result.duplicate) poll.duplicates++;
			const kind = result.matched ? result.kind : 'unmatched';
			poll.byKind[kind] = (poll.byKind[kind] ?? 0) + 1;
			if (!result.duplicate && result.effect.startsWith('prospect marked replied')) poll.stopped++;
		},
		options.firstDays ?? 14,
	);
	await engine.db.query(
		`insert into mailbox_cursors (mailbox, cursor) values ($1, $2)
		on conflict (mailbox) do update set cursor = excluded.cursor, updated_at = now()`,
		[reader.key, next],
	);
	return poll;
}
