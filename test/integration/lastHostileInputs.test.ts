import { createCampaign, fileMessages, ingestMessages, type IngestItem } from '../../nodes/engine';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

async function* files(
	list: Array<{ fileName: string; content: Buffer }>,
): AsyncGenerator<IngestItem> {
	for (const file of list) yield* fileMessages(file);
}

const head = (id: string) =>
	`From: Sam <sam@globex.example.com>\r\nSubject: ${id}\r\nDate: Tue, 03 Mar 2026 10:00:00 +0000\r\nMessage-ID: <${id}@globex.example.com>\r\n`;

describe.each(STORE_KINDS)('the last hostile inputs, stored on %s', (kind) => {
	let store: TestStore;
	let campaignId: string;
	beforeAll(async () => {
		store = await openTestStore(kind);
		campaignId = (await createCampaign(store.engine, { brand: { name: 'Northwind' } })).id;
	});
	afterAll(() => store.dispose());

	it('stores every one of them, the rest of the batch with them, and says what changed', async () => {
		const to = Array.from({ length: 100_000 }, (_, i) => `p${i}@x.example.net`).join(',\r\n ');
		const log = await ingestMessages(
			store.engine,
			{ campaignId, source: 'brand' },
			files([
				{
					fileName: 'wide.eml',
					content: Buffer.from(`${head('wide')}To: ${to}\r\n\r\nHi all\r\n`),
				},
				{
					fileName: 'deep.eml',
					content: Buffer.from(
						`${head('deep')}Content-Type: text/html\r\n\r\n${'<div>'.repeat(20_000)}Deep${'</div>'.repeat(20_000)}\r\n`,
					),
				},
				{
					fileName: 'mac.eml',
					content: Buffer.from(`${head('mac')}\r\nOld Mac\rmail\r`.replace(/\r\n/g, '\r')),
				},
				{
					fileName: 'broken.json',
					content: Buffer.from(
						'[{"from":"sam@globex.example.com","subject":"Half \\ud83d a smile","body":"Body","id":"json-1","sentAt":"2026-03-03T10:00:00Z"}]',
					),
				},
			]),
		);
		expect(log).toMatchObject({ seen: 4, inserted: 4, errorCount: 0 });
		const { rows } = await store.engine.db.query<{
			subject: string;
			recipients: number;
			body: string;
			warnings: string[] | null;
		}>(
			`select subject, cardinality(to_addresses) as recipients, body_text as body,
				metadata->'warnings' as warnings
			from emails where campaign_id = $1 order by subject`,
			[campaignId],
		);
		const by = Object.fromEntries(rows.map((r) => [r.subject, r]));
		expect(by.wide.recipients).toBe(500);
		expect(by.deep.body).toBe('Deep');
		expect(by.mac.body).toBe('Old Mac\nmail');
		expect(by['Half \ufffd a smile'].warnings).toContainEqual(
			expect.stringMatching(/^subject: half of a UTF-16 character/),
		);
	});
});
