import { Readable } from 'node:stream';

import { syntheticMessage } from '../../bench/generateMbox';
import { createCampaign, fileMessages, ingestMessages } from '../../nodes/engine';
import { normalizeItem } from '../../nodes/engine/ingest/normalizeItem';
import { ParsePool } from '../../nodes/engine/ingest/parsePool';
import { LocalObjectStore } from '../../nodes/engine/objectStore/LocalObjectStore';
import { htmlOnly, mbox, notMail } from '../fixtures/mail';
import { openTestStore, type TestStore } from '../helpers/stores';
import { tempDir } from '../helpers/tempDir';

/** 450 sales messages with a non-mail entry and an HTML-only one among them: past the pool threshold. */
const messages: Buffer[] = Array.from({ length: 450 }, (_, i) => Buffer.from(syntheticMessage(i)));
messages.splice(300, 0, notMail, htmlOnly);
const file = mbox(messages);

describe('parser worker pool', () => {
	let store: TestStore;
	beforeAll(async () => {
		store = await openTestStore('postgres');
	});
	afterAll(async () => {
		await store?.dispose();
	});

	async function ingest(parseWorkers: number | undefined) {
		const campaign = await createCampaign(store.engine, { brand: { name: 'Northwind' } });
		const log = await ingestMessages(
			store.engine,
			{ campaignId: campaign.id, source: 'brand' },
			fileMessages({ fileName: 'sent.mbox', content: Readable.from([file]) }),
			{ parseWorkers, batchSize: 100 },
		);
		const { rows } = await store.engine.db.query(
			`select provider_message_id, from_address, to_addresses, subject, body_text, quoted_text,
				signature_text, body_html_key, sent_at, raw_key, thread_position, gap_from_previous_s, metadata
			from emails where campaign_id = $1 order by provider_message_id`,
			[campaign.id],
		);
		return { log, rows };
	}

	it('stores exactly what in-thread parsing stores, errors included, in the same order', async () => {
		const normalize = jest.spyOn(ParsePool.prototype, 'normalize');
		const inThread = await ingest(0);
		expect(normalize).not.toHaveBeenCalled();
		const pooled = await ingest(2);
		// The first 199 are parsed in-thread while the pool would not pay for its start; the rest on it.
		expect(normalize).toHaveBeenCalledTimes(452 - 199);
		normalize.mockRestore();
		expect(inThread.log).toMatchObject({ seen: 452, inserted: 451, errorCount: 1 });
		expect(inThread.log.errors).toEqual([
			{
				origin: expect.stringMatching(/^sent\.mbox, message 301 at byte \d+$/),
				message: expect.stringContaining('not an email'),
			},
		]);
		expect(pooled.log).toMatchObject({
			seen: inThread.log.seen,
			inserted: inThread.log.inserted,
			errorCount: 1,
			errors: inThread.log.errors,
		});
		expect(pooled.rows).toHaveLength(451);
		expect(pooled.rows).toEqual(inThread.rows);
	});

	it('hands back the raw bytes as a Buffer and parses the same as in-thread', async () => {
		const pool = new ParsePool(1);
		try {
			const raw = Buffer.from(syntheticMessage(4));
			const email = await pool.normalize({ kind: 'mime', provider: 'eml', origin: 'x', raw });
			expect(Buffer.isBuffer(email.raw.body)).toBe(true);
			expect((email.raw.body as Buffer).equals(raw)).toBe(true);
			// A Date, though from the worker's realm rather than jest's sandbox.
			expect(Object.prototype.toString.call(email.sentAt)).toBe('[object Date]');
			expect(email).toMatchObject({
				subject: 'Re: pipeline reviews at Company 1',
				signatureText: '-- \nRep 1',
			});
			await expect(
				pool.normalize({ kind: 'mime', provider: 'eml', origin: 'y', raw: notMail }),
			).rejects.toThrow('not an email: no From, Date, Subject or Message-ID header');
		} finally {
			await pool.close();
		}
	});

	it('stores raw and HTML itself into a local object folder, and keeps no bytes in the parent', async () => {
		const dir = tempDir();
		const pool = new ParsePool(2, dir.path);
		try {
			const [plain, html] = await Promise.all(
				[Buffer.from(syntheticMessage(7)), htmlOnly].map((raw, i) =>
					pool.normalize({ kind: 'mime', provider: 'eml', origin: `m${i}`, raw }),
				),
			);
			const objects = new LocalObjectStore(dir.path);
			expect(await objects.get(plain.stored!.rawKey)).toEqual(Buffer.from(syntheticMessage(7)));
			expect(plain.stored!.htmlKey).toBeUndefined();
			expect(await objects.get(html.stored!.rawKey)).toEqual(htmlOnly);
			expect((await objects.get(html.stored!.htmlKey!)).toString()).toContain('<');
			expect(html.bodyText).not.toBe('');
			expect([plain.raw.body.length, html.raw.body.length, html.html]).toEqual([0, 0, undefined]);
		} finally {
			await pool.close();
			dir.remove();
		}
	});

	it('loses no message when a worker dies with a chunk in hand: they are parsed again in-thread', async () => {
		const items = Array.from({ length: 40 }, (_, i) => ({
			kind: 'mime' as const,
			provider: 'eml' as const,
			origin: `m${i}`,
			raw: Buffer.from(syntheticMessage(i)),
		}));
		const pool = new ParsePool(1);
		try {
			const parsed = items.map((item) => pool.normalize(item));
			// The first chunk (32 messages) is on the worker now; it dies before answering.
			const { workers } = pool as unknown as {
				workers: Array<{ worker: { terminate(): Promise<number> } }>;
			};
			await workers[0].worker.terminate();
			const emails = await Promise.all(parsed);
			const inThread = await Promise.all(items.map((item) => normalizeItem(item)));
			const key = (e: { providerMessageId: string; subject: string }) =>
				`${e.providerMessageId} ${e.subject}`;
			expect(emails.map(key)).toEqual(inThread.map(key));
			expect(new Set(emails.map(key)).size).toBe(40);
		} finally {
			await pool.close();
		}
	});
});
