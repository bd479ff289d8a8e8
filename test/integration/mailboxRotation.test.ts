import {
	dispatch,
	gmailProvider,
	graphPostWithToken,
	microsoft365Provider,
	type SendOptions,
	smtpProvider,
} from '../../nodes/engine';
import { approvedCampaign, TEST_COMPLIANCE } from '../fixtures/approvedCampaign';
import { startGmailServer } from '../helpers/gmailServer';
import { startGraphServer } from '../helpers/graphServer';
import { startSmtpSink } from '../helpers/smtpSink';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

const SMTP = 'dana@northwind.example.com';
const GMAIL = 'eli@northwind.example.com';
const MS365 = 'fay@northwind.example.com';

describe.each(STORE_KINDS)(
	'one campaign rotating across SMTP, Gmail and Microsoft 365 on %s',
	(kind) => {
		let store: TestStore;
		beforeAll(async () => {
			store = await openTestStore(kind);
		});
		afterAll(() => store?.dispose());

		it("spreads first touches over the three kinds and keeps each sequence on its first touch's mailbox", async () => {
			const sink = await startSmtpSink();
			const gmail = await startGmailServer([]);
			const graph = await startGraphServer({});
			const prospects = Array.from({ length: 12 }, (_, i) => `p${i}@acme.example.net`);
			const campaignId = await approvedCampaign(store.engine, prospects);
			const routes = {
				smtp: {
					provider: smtpProvider({ host: '127.0.0.1', port: sink.port }),
					mailboxes: [{ address: SMTP, name: 'Dana', perDay: 100 }],
				},
				gmail: {
					provider: gmailProvider({ accessToken: gmail.token, rootUrl: gmail.rootUrl }),
					mailboxes: [{ address: GMAIL, name: 'Eli', perDay: 100 }],
				},
				ms365: {
					provider: microsoft365Provider({
						post: graphPostWithToken(graph.token),
						baseUrl: graph.baseUrl,
					}),
					mailboxes: [{ address: MS365, name: 'Fay', perDay: 100 }],
				},
			};
			const run = (extra: Partial<SendOptions>) =>
				dispatch(store.engine, { campaignId, window: null, compliance: TEST_COMPLIANCE, ...extra });

			expect(await run({ routes: [routes.smtp, routes.gmail, routes.ms365] })).toMatchObject({
				sent: 12,
				failed: 0,
				unknown: 0,
			});
			const from = (raw: string) => /^From: .*<([^>]+)>$/m.exec(raw)?.[1];
			const to = (raw: string) => /^To: (.+)$/m.exec(raw)?.[1];
			const byMailbox = () => ({
				[SMTP]: sink.received.map((m) => m.raw),
				[GMAIL]: gmail.sent.map((m) => m.raw),
				[MS365]: graph.sent.map((m) => m.raw),
			});
			// Each way out carried its own mailbox only, and the first touches were spread evenly.
			for (const [address, raws] of Object.entries(byMailbox())) {
				expect(raws).toHaveLength(4);
				expect(new Set(raws.map(from))).toEqual(new Set([address]));
			}
			const firstMailbox = new Map(
				Object.entries(byMailbox()).flatMap(([address, raws]) => raws.map((r) => [to(r), address])),
			);
			expect(firstMailbox.size).toBe(12);
			const { rows: attempts } = await store.engine.db.query<{ mailbox: string; provider: string }>(
				'select distinct mailbox, provider from send_attempts where campaign_id = $1 order by 1',
				[campaignId],
			);
			expect(attempts).toEqual([
				{ mailbox: SMTP, provider: 'smtp' },
				{ mailbox: GMAIL, provider: 'gmail' },
				{ mailbox: MS365, provider: 'microsoft365' },
			]);

			await store.engine.db.query(
				"update drafts set due_at = now() where campaign_id = $1 and status = 'approved' and step = 2",
				[campaignId],
			);
			const counts = () => [sink.received.length, gmail.sent.length, graph.sent.length];
			const before = counts();
			// A run with the SMTP mailbox alone sends only the follow-ups of SMTP's own prospects:
			// another mailbox's sequence waits for a run that has it.
			const smtpOnly = await run({ routes: [routes.smtp] });
			expect(smtpOnly.sent).toBe(before[0]);
			expect(counts()).toEqual([before[0] * 2, before[1], before[2]]);
			expect(await run({ routes: [routes.smtp, routes.gmail, routes.ms365] })).toMatchObject({
				sent: 12 - before[0],
			});
			for (const [address, raws] of Object.entries(byMailbox())) {
				// Touch 1 and 2 of every prospect of this mailbox, and nobody else's.
				expect(raws).toHaveLength(
					2 * [...firstMailbox.values()].filter((a) => a === address).length,
				);
				for (const raw of raws) expect(firstMailbox.get(to(raw))).toBe(address);
			}
			// Gmail's follow-ups joined the thread of their first touch.
			const gmailThreads = new Map<string | undefined, Set<string>>();
			for (const m of gmail.sent) {
				const set = gmailThreads.get(to(m.raw)) ?? new Set();
				gmailThreads.set(to(m.raw), set.add(m.threadId));
			}
			for (const threads of gmailThreads.values()) expect(threads.size).toBe(1);
			for (const r of Object.values(routes)) await r.provider.close();
			await Promise.all([sink.stop(), gmail.stop(), graph.stop()]);
		});

		it('refuses a mailbox listed under two ways out', async () => {
			const campaignId = await approvedCampaign(store.engine, ['ana@acme.example.net']);
			const provider = smtpProvider({ host: '127.0.0.1', port: 1 });
			const gmail = gmailProvider({ accessToken: 't', rootUrl: 'http://127.0.0.1:1/' });
			await expect(
				dispatch(store.engine, {
					campaignId,
					routes: [
						{ provider, mailboxes: [{ address: SMTP }] },
						{ provider: gmail, mailboxes: [{ address: SMTP.toUpperCase() }] },
					],
					window: null,
					compliance: TEST_COMPLIANCE,
				}),
			).rejects.toThrow(`The mailbox ${SMTP.toUpperCase()} is listed twice (smtp and gmail)`);
			await provider.close();
			await gmail.close();
		});
	},
);
