import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	createCampaign,
	fileMessages,
	ingestMessages,
	parseCompetitorList,
} from '../../nodes/engine';
import { eml, SAMPLE, SAMPLE_DIR, type SampleEmail } from '../helpers/sampleMail';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

/** A third competitor that mails through an ESP: its own domain only in From, the ESP's in Return-Path. */
const vandelay = (n: number): SampleEmail => ({
	messageId: `<vd${n}@mail.vandelay-data.example.com>`,
	from: 'Kim at Vandelay <kim@vandelay-data.example.com>',
	to: `lead${n}@prospect.example.org`,
	subject: `A data audit for lead ${n}`,
	text: 'Hi,\n\nWould a free data audit help your team?\n\nKim',
	date: `2026-10-1${n}T10:00:00Z`,
});

const extra = [
	// A hostile header: a 1 MB Reply-To line. Matched by its From domain, in linear time.
	eml({ ...SAMPLE.competitorEmails[0], messageId: '<long-rt@globex-insights.example.com>' }, [
		`Reply-To: ${'a'.repeat(1 << 20)}@x.example.org`,
	]),
	// Sent through the ESP's domain, the competitor's only as an alias: matched by Return-Path.
	eml({ ...vandelay(1), from: 'Kim <kim@send.esp-mailer.example.net>' }, [
		'Return-Path: <bounce-771@em.vd-mail.example.net>',
	]),
	eml(vandelay(2)),
	// A personal address, the competitor's name in the display name: matched by name.
	eml({
		...vandelay(3),
		messageId: '<pat-1@gmail.example.com>',
		from: 'Pat from Initech BI <pat.r@gmail.example.com>',
	}),
	// Both names in the display name, no known domain: ambiguous, reported, never guessed.
	eml({
		...vandelay(4),
		messageId: '<joint-1@events.example.org>',
		from: 'Globex Insights & Initech BI Summit <events@events.example.org>',
	}),
	// An unknown From, a competitor's Reply-To: matched by Reply-To.
	eml(
		{
			...vandelay(5),
			messageId: '<rt-1@outreach.example.org>',
			from: 'Sales <sales@outreach.example.org>',
		},
		['Reply-To: alex@globex-insights.example.com'],
	),
];

describe.each(STORE_KINDS)('a seeded inbox on %s', (kind) => {
	let store: TestStore;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store.dispose());

	it("routes three competitors' mail by sender, reports the newsletter and the ambiguous one, guesses nothing", async () => {
		const { id: campaignId } = await createCampaign(store.engine, {
			brand: { name: 'Northwind Analytics', website: 'northwind-analytics.example.com' },
			competitors: parseCompetitorList(
				'Globex Insights | globex-insights.example.com\nInitech BI | initech-bi.example.com\nVandelay Data | vandelay-data.example.com | vd-mail.example.net',
			),
		});
		const inbox = readFileSync(join(SAMPLE_DIR, 'competitors-inbox.mbox'));
		async function* files() {
			yield* fileMessages({ fileName: 'competitors-inbox.mbox', content: inbox });
			for (const [k, text] of extra.entries())
				yield* fileMessages({ fileName: `extra-${k}.eml`, content: Buffer.from(text) });
		}
		const log = await ingestMessages(
			store.engine,
			{ campaignId, source: 'competitor', bySender: true },
			files(),
		);

		const globex = SAMPLE.competitorEmails.filter((m) => m.competitor === 'Globex Insights').length;
		const initech = SAMPLE.competitorEmails.filter((m) => m.competitor === 'Initech BI').length;
		expect(log.byCompetitor).toEqual({
			'Globex Insights': globex + 2,
			'Initech BI': initech + 1,
			'Vandelay Data': 2,
		});
		expect(log.unmatched).toEqual([
			{ sender: 'editor@news.saas-digest.example.org', messages: 1, candidates: [] },
			{
				sender: 'events@events.example.org',
				messages: 1,
				candidates: ['Globex Insights', 'Initech BI'],
			},
		]);
		expect(log).toMatchObject({ unmatchedCount: 2, errorCount: 0, duplicates: 0 });
		expect(log.seen).toBe(log.inserted + log.duplicates + log.errorCount + log.unmatchedCount!);

		const { rows } = await store.engine.db.query<{
			competitor: string;
			provider_message_id: string;
		}>(
			"select competitor, provider_message_id from emails where campaign_id = $1 and source = 'competitor'",
			[campaignId],
		);
		const of = (id: string) =>
			rows.find((r) => `<${r.provider_message_id.replace(/^<|>$/g, '')}>` === id)?.competitor;
		expect(of('<vd1@mail.vandelay-data.example.com>')).toBe('Vandelay Data');
		expect(of('<pat-1@gmail.example.com>')).toBe('Initech BI');
		expect(of('<rt-1@outreach.example.org>')).toBe('Globex Insights');
		expect(of('<joint-1@events.example.org>')).toBeUndefined();
		expect(of('<weekly-48@news.saas-digest.example.org>')).toBeUndefined();

		// The same inbox again: nothing new, the same report.
		const again = await ingestMessages(
			store.engine,
			{ campaignId, source: 'competitor', bySender: true },
			files(),
		);
		expect(again).toMatchObject({ inserted: 0, duplicates: log.inserted, unmatchedCount: 2 });
	});

	it('refuses a campaign without competitors with a clear message', async () => {
		const { id: campaignId } = await createCampaign(store.engine, { brand: { name: 'Solo' } });
		await expect(
			ingestMessages(store.engine, { campaignId, source: 'competitor', bySender: true }, []),
		).rejects.toThrow('Competitor mail by sender needs competitors in the campaign');
	});
});
