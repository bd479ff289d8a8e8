import {
	approveDrafts,
	gatePlacement,
	generateDrafts,
	getCampaignStatus,
	gmailSeed,
	readPlacementTest,
	sendPlacementTest,
	setKillSwitch,
	graphSeed,
	imapSeed,
	placementState,
	placementTest,
	smtpProvider,
} from '../../nodes/engine';
import { graphWithToken } from '../../nodes/engine/ingest/outlookMessages';
import { campaignWithBlueprint } from '../helpers/campaignWithBlueprint';
import { type Dovecot, startDovecot } from '../helpers/dovecot';
import { type GmailMessage, type GmailServer, startGmailServer } from '../helpers/gmailServer';
import { type GraphMessage, type GraphServer, startGraphServer } from '../helpers/graphServer';
import { startSmtpSink } from '../helpers/smtpSink';
import { openTestStore, type TestStore } from '../helpers/stores';

/** The seed mailbox's own server files one sending domain's mail into Junk, as a receiver's filter does. */
const SIEVE = `require ["fileinto", "envelope"];
if address :domain :is "from" "blocked-mail.test" { fileinto "Junk"; stop; }
`;

const SEEDS = { imap: 'seed@dovecot.test', gmail: 'seed@gmail.test', graph: 'seed@outlook.test' };
const GOOD = 'dana@northwind-mail.test';
const COMPLIANCE = {
	unsubscribeUrl: 'https://northwind-mail.test/unsubscribe',
	secret: 'a-long-random-placement-test-secret',
	postalAddress: '1 Main St, Springfield',
};
const BAD = 'sam@blocked-mail.test';

describe('the seed-list placement test', () => {
	let store: TestStore;
	let dovecot: Dovecot;
	let gmail: GmailServer;
	let graph: GraphServer;
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	let campaignId: string;
	const gmailBox: GmailMessage[] = [];
	const outlook: Record<string, GraphMessage[]> = { inbox: [], junkemail: [] };

	beforeAll(async () => {
		[store, dovecot] = await Promise.all([
			openTestStore('postgres'),
			startDovecot({ sieve: SIEVE }),
		]);
		gmail = await startGmailServer(gmailBox);
		graph = await startGraphServer(outlook);
		// The receivers: Dovecot through its LDA and Sieve; Gmail tabs the good domain's mail as
		// Promotions and spams the other; Outlook takes the good domain's and drops the other's.
		sink = await startSmtpSink(
			{},
			{
				onMessage: (m) => {
					const raw = Buffer.from(m.raw);
					const from = /^From:.*<([^>]+)>|^From:\s*(\S+@\S+)/im.exec(m.raw);
					const sender = (from?.[1] ?? from?.[2] ?? '').toLowerCase();
					const good = sender.endsWith('@northwind-mail.test');
					for (const to of m.to) {
						if (to === SEEDS.imap) dovecot.deliverLda(raw, sender);
						if (to === SEEDS.gmail)
							gmailBox.push({
								id: `g${gmailBox.length}`,
								threadId: `t${gmailBox.length}`,
								raw,
								internalDate: new Date(),
								labelIds: good ? ['INBOX', 'CATEGORY_PROMOTIONS', 'UNREAD'] : ['SPAM', 'UNREAD'],
							});
						if (to === SEEDS.graph && good)
							outlook.inbox.push({
								id: `o${outlook.inbox.length}`,
								conversationId: 'c',
								raw,
								received: new Date(),
							});
					}
				},
			},
		);
		const { engine } = store;
		campaignId = await campaignWithBlueprint(engine, {
			name: 'Dana',
			email: GOOD,
			postalAddress: '1 Main St, Springfield',
		});
		await generateDrafts(
			engine,
			campaignId,
			[{ email: 'ana@acme.example.net', firstName: 'Ana', company: 'Acme', signals: {} }],
			{ verify: false },
		);
		await approveDrafts(engine, campaignId, { allPassing: true }, 'jane@northwind-mail.test');
	}, 120_000);

	afterAll(async () => {
		await sink?.stop();
		await gmail?.stop();
		await graph?.stop();
		dovecot?.stop();
		await store?.dispose();
	});

	const seeds = () => [
		imapSeed(SEEDS.imap, {
			host: dovecot.host,
			port: dovecot.port,
			secure: false,
			user: dovecot.user,
			password: dovecot.password,
		}),
		gmailSeed(SEEDS.gmail, { accessToken: gmail.token, rootUrl: gmail.rootUrl }),
		graphSeed(SEEDS.graph, { get: graphWithToken(graph.token), baseUrl: graph.baseUrl }),
	];

	it('sends the approved draft from each sending mailbox to each seed and reads where it landed', async () => {
		const provider = smtpProvider({ host: '127.0.0.1', port: sink.port });
		try {
			const result = await placementTest(store.engine, {
				campaignId,
				senders: [
					{ address: GOOD, name: 'Dana', provider },
					{ address: BAD, provider },
				],
				seeds: seeds(),
				compliance: COMPLIANCE,
				timeoutMs: 4000,
				pollMs: 200,
				actor: 'jane@northwind-mail.test',
			});
			expect(result.rows.map((r) => [r.sender, r.seedKind, r.placement, r.folder])).toEqual([
				[GOOD, 'imap', 'inbox', 'INBOX'],
				[GOOD, 'gmail', 'promotions', 'INBOX, CATEGORY_PROMOTIONS, UNREAD'],
				[GOOD, 'microsoft365', 'inbox', 'inbox'],
				[BAD, 'imap', 'spam', 'Junk'],
				[BAD, 'gmail', 'spam', 'SPAM, UNREAD'],
				[BAD, 'microsoft365', 'not_arrived', null],
			]);
			expect([result.inboxShare, result.minInboxShare, result.passed]).toEqual([0.333, 0.8, false]);
			// Each message was the draft as a send builds it: footer, one-click unsubscribe.
			expect(sink.received).toHaveLength(6);
			for (const m of sink.received) {
				expect(m.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
				expect(m.raw).toContain('1 Main St, Springfield');
			}
		} finally {
			await provider.close();
		}
		const status = await getCampaignStatus(store.engine, campaignId);
		expect(status.placement.state).toBe('failed');
		expect(status.placement.rows).toHaveLength(6);
	});

	it('blocks the first real send until a person overrides it, on the record', async () => {
		await expect(gatePlacement(store.engine, { campaignId })).rejects.toThrow(
			'Sending is blocked: the placement test put 33 % in the inbox, under the 80 % it needs',
		);
		const overridden = await gatePlacement(store.engine, {
			campaignId,
			override: 'Seeds are new accounts; warming up first',
			actor: 'jane@northwind-mail.test',
		});
		expect(overridden.state).toBe('overridden');
		expect(overridden.override).toMatchObject({
			by: 'jane@northwind-mail.test',
			reason: 'Seeds are new accounts; warming up first',
		});
		expect((await placementState(store.engine.db, campaignId)).state).toBe('overridden');
		expect(await gatePlacement(store.engine, { campaignId })).toMatchObject({
			state: 'overridden',
		});
	});

	it('a new test with only the good mailbox passes, and the gate opens', async () => {
		const provider = smtpProvider({ host: '127.0.0.1', port: sink.port });
		try {
			const result = await placementTest(store.engine, {
				campaignId,
				senders: [{ address: GOOD, provider }],
				seeds: seeds(),
				compliance: COMPLIANCE,
				timeoutMs: 4000,
				pollMs: 200,
				minInboxShare: 0.6,
			});
			expect(result.passed).toBe(true);
		} finally {
			await provider.close();
		}
		expect((await gatePlacement(store.engine, { campaignId })).state).toBe('passed');
	});

	it('reads the seeds one node at a time (each with its own credential): a later read keeps what an earlier one found', async () => {
		const provider = smtpProvider({ host: '127.0.0.1', port: sink.port });
		try {
			const sent = await sendPlacementTest(store.engine, {
				campaignId,
				senders: [{ address: BAD, provider }],
				seeds: seeds().map(({ kind, address }) => ({ kind, address })),
				compliance: COMPLIANCE,
			});
			expect(sent.rows.map((r) => r.placement)).toEqual([
				'not_arrived',
				'not_arrived',
				'not_arrived',
			]);
		} finally {
			await provider.close();
		}
		const [imap, gmailReader] = seeds();
		const first = await readPlacementTest(store.engine, {
			campaignId,
			seeds: [imap],
			timeoutMs: 3000,
			pollMs: 100,
		});
		expect(first.rows.map((r) => r.placement)).toEqual(['spam', 'not_arrived', 'not_arrived']);
		const second = await readPlacementTest(store.engine, {
			campaignId,
			seeds: [gmailReader],
			timeoutMs: 3000,
			pollMs: 100,
		});
		expect(second.rows.map((r) => r.placement)).toEqual(['spam', 'spam', 'not_arrived']);
		expect((await placementState(store.engine.db, campaignId)).state).toBe('failed');
	});

	it('merges seeds read at the same time, and names the seeds when asked for one the test did not send to', async () => {
		const provider = smtpProvider({ host: '127.0.0.1', port: sink.port });
		try {
			await sendPlacementTest(store.engine, {
				campaignId,
				senders: [{ address: GOOD, provider }],
				seeds: seeds().map(({ kind, address }) => ({ kind, address })),
				compliance: COMPLIANCE,
			});
		} finally {
			await provider.close();
		}
		const read = (seed: ReturnType<typeof seeds>[number]) =>
			readPlacementTest(store.engine, { campaignId, seeds: [seed], timeoutMs: 3000, pollMs: 100 });
		await Promise.all(seeds().map(read));
		const state = await placementState(store.engine.db, campaignId);
		expect(state.rows.map((r) => r.placement)).toEqual(['inbox', 'promotions', 'inbox']);
		await expect(
			read(
				imapSeed('sede@dovecot.test', {
					host: dovecot.host,
					port: dovecot.port,
					secure: false,
					user: 'x',
					password: 'y',
				}),
			),
		).rejects.toThrow('The latest placement test sent nothing to sede@dovecot.test');
	});

	/** A test from the good sender to the IMAP seed, with `given` in place of any option. */
	const oneSeedTest = (given: Partial<Parameters<typeof sendPlacementTest>[1]> = {}) =>
		sendPlacementTest(store.engine, {
			campaignId,
			senders: [{ address: GOOD, provider: smtpProvider({ host: '127.0.0.1', port: sink.port }) }],
			seeds: [{ kind: 'imap', address: SEEDS.imap }],
			compliance: COMPLIANCE,
			...given,
		});

	it.each([
		[
			{ seeds: [{ kind: 'imap' as const, address: 'not an address' }] },
			'"not an address" is not a seed address',
		],
		[{ minInboxShare: 1.5 }, 'The minimum inbox share must be from 0 to 1 (got 1.5)'],
		[{ minInboxShare: Number.NaN }, 'The minimum inbox share must be from 0 to 1 (got NaN)'],
	])('refuses %j before anything is sent', async (given, message) => {
		const before = sink.received.length;
		await expect(oneSeedTest(given)).rejects.toThrow(message);
		expect(sink.received.length).toBe(before);
	});

	it('sends nothing while a kill switch is engaged', async () => {
		const before = sink.received.length;
		await setKillSwitch(store.engine.db, { scope: 'global', engaged: true, reason: 'incident' });
		try {
			await expect(oneSeedTest()).rejects.toThrow(
				'The placement test is stopped: the global kill switch is engaged (incident)',
			);
		} finally {
			await setKillSwitch(store.engine.db, { scope: 'global', engaged: false });
		}
		expect(sink.received.length).toBe(before);
	});
});
