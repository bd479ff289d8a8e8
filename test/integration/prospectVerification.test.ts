import { addSuppression, approvalPage, generateDrafts } from '../../nodes/engine';
import { campaignWithBlueprint } from '../helpers/campaignWithBlueprint';
import { startDnsServer, type Zone } from '../helpers/dnsServer';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

/** Designed zones: each prospect domain says one thing about where its mail goes. */
const ZONE: Zone = {
	mx: {
		'acme-labs.com': ['mx1.acme-labs.com'],
		'nullmx-labs.com': ['.'],
		'deadmx-labs.com': ['mx.deadmx-labs.com'],
		'mailinator.com': ['mx.mailinator.com'],
		'gmail.com': ['gmail-smtp-in.l.google.com'],
		// bücher-labs.de in the A-label form DNS is asked in.
		'xn--bcher-labs-9db.de': ['mx.xn--bcher-labs-9db.de'],
	},
	a: {
		'mx1.acme-labs.com': ['192.0.2.10'],
		'mx.mailinator.com': ['192.0.2.11'],
		'gmail-smtp-in.l.google.com': ['192.0.2.12'],
		'mx.xn--bcher-labs-9db.de': ['192.0.2.13'],
		'implicit-labs.com': ['192.0.2.14'],
	},
};

const PROSPECTS = [
	{ email: 'ana@acme-labs.com', firstName: 'Ana', company: 'Acme Labs' },
	{ email: 'bo@nullmx-labs.com', firstName: 'Bo', company: 'Nullmx Labs' },
	{ email: 'cy@nomail-labs.com', firstName: 'Cy', company: 'Nomail Labs' },
	{ email: 'di@deadmx-labs.com', firstName: 'Di', company: 'Deadmx Labs' },
	{ email: 'ed@mailinator.com', firstName: 'Ed', company: 'Mailinator' },
	{ email: 'info@acme-labs.com', company: 'Acme Labs' },
	{ email: 'fay@bücher-labs.de', firstName: 'Fay', company: 'Bücher Labs' },
	{ email: 'gus@acme-labs.com', firstName: 'Gus', company: 'Acme Labs' },
	{ email: 'hal.smith@gmail.com', firstName: 'Hal', company: 'Hal Consulting' },
	{ email: 'ivy@implicit-labs.com', firstName: 'Ivy', company: 'Implicit Labs' },
].map((p) => ({ ...p, signals: {} }));

const VERDICTS: Record<string, [string, string[]]> = {
	'ana@acme-labs.com': ['deliverable', []],
	'bo@nullmx-labs.com': ['undeliverable', ['null_mx']],
	'cy@nomail-labs.com': ['undeliverable', ['no_mail_host']],
	'di@deadmx-labs.com': ['undeliverable', ['mx_no_address']],
	'ed@mailinator.com': ['undeliverable', ['disposable', 'free_mail']],
	'info@acme-labs.com': ['risky', ['role']],
	'fay@bücher-labs.de': ['deliverable', ['idn']],
	'gus@acme-labs.com': ['undeliverable', ['suppressed']],
	'hal.smith@gmail.com': ['risky', ['free_mail']],
	'ivy@implicit-labs.com': ['risky', ['implicit_mx']],
};

describe.each(STORE_KINDS)('prospects verified before drafting on %s', (kind) => {
	let store: TestStore;
	let dns: Awaited<ReturnType<typeof startDnsServer>>;
	let campaignId: string;

	beforeAll(async () => {
		dns = await startDnsServer(ZONE);
		store = await openTestStore(kind);
		const { engine } = store;
		campaignId = await campaignWithBlueprint(engine, {
			name: 'Dana',
			email: 'dana@northwind.example.com',
			postalAddress: '1 Main St',
		});
		// Suppressed by another campaign's unsubscribe: the store's list is global.
		await addSuppression(engine.db, { kind: 'unsubscribed', value: 'gus@acme-labs.com' });
	}, 120_000);

	afterAll(async () => {
		await dns?.stop();
		await store?.dispose();
	});

	it('gives each address its verdict, drafts none of the undeliverable ones and lists them with the reason', async () => {
		const { engine } = store;
		const results = await generateDrafts(engine, campaignId, PROSPECTS, {
			verify: { dnsServers: [dns.server] },
		});
		const got = Object.fromEntries(
			results.map((r) => [
				r.email,
				[
					r.verification?.verdict,
					(r.verification?.findings ?? [])
						.filter((f) => f.code !== 'reserved_name')
						.map((f) => f.code),
				],
			]),
		);
		expect(got).toEqual(VERDICTS);
		const undeliverable = Object.entries(VERDICTS)
			.filter(([, [v]]) => v === 'undeliverable')
			.map(([e]) => e);
		for (const r of results)
			expect([r.email, r.writer === 'none', r.created === 0]).toEqual([
				r.email,
				undeliverable.includes(r.email),
				undeliverable.includes(r.email),
			]);
		const { rows } = await engine.db.query<{ email: string; drafts: number; verdict: string }>(
			`select p.email, count(d.id)::int as drafts, p.verification->>'verdict' as verdict
			from prospects p left join drafts d on d.prospect_id = p.id
			where p.campaign_id = $1 group by p.email, p.verification`,
			[campaignId],
		);
		for (const r of rows) {
			expect([r.email, r.verdict]).toEqual([r.email, VERDICTS[r.email][0]]);
			expect([r.email, r.drafts > 0]).toEqual([r.email, !undeliverable.includes(r.email)]);
		}
		const page = await approvalPage(engine, campaignId);
		const note = page.notes.find((n) => n.kind === 'undeliverable_prospects');
		expect(note?.message).toBe('5 prospects were not drafted: the address cannot receive mail');
		expect(note?.details).toEqual(
			expect.arrayContaining([
				expect.stringMatching(
					/^bo@nullmx-labs\.com: nullmx-labs\.com publishes a null MX \(RFC 7505\)/,
				),
				expect.stringMatching(/^cy@nomail-labs\.com: nomail-labs\.com has no MX and no address/),
				expect.stringMatching(
					/^ed@mailinator\.com: mailinator\.com is a disposable-address domain/,
				),
				expect.stringMatching(
					/^gus@acme-labs\.com: The address is suppressed in this store \(unsubscribed\)/,
				),
			]),
		);
		expect(page.html).toContain('not drafted: the address cannot receive mail');
		const flagged = page.notes.find((n) => n.kind === 'flagged_prospects');
		expect(flagged?.details.join('\n')).toMatch(/info@acme-labs\.com: info@ is a role account/);
		expect(flagged?.details.join('\n')).toMatch(
			/hal\.smith@gmail\.com: gmail\.com is a free-mail provider/,
		);
		expect(page.drafts.some((d) => d.prospectEmail === 'fay@bücher-labs.de')).toBe(true);
	});

	it('calls a domain unknown, never undeliverable, when the resolver answers no name at all', async () => {
		const silent = await startDnsServer({});
		try {
			const results = await generateDrafts(
				store.engine,
				campaignId,
				[{ email: 'jo@nowhere-labs.com', firstName: 'Jo', company: 'Nowhere', signals: {} }],
				{ verify: { dnsServers: [silent.server] } },
			);
			expect(results[0].verification?.verdict).toBe('unknown');
			expect(results[0].verification?.findings[0].message).toMatch(
				/the resolver answered no name of this run, not even gmail\.com/,
			);
			expect(results[0].created).toBeGreaterThan(0);
		} finally {
			await silent.stop();
		}
	});

	it('asks an unreachable resolver once, not once per domain, and calls every domain unknown', async () => {
		const results = await generateDrafts(
			store.engine,
			campaignId,
			['kay', 'lee', 'max', 'ned'].map((n) => ({
				email: `${n}@${n}-labs.com`,
				firstName: n,
				company: `${n} Labs`,
				signals: {},
			})),
			// A UDP port nothing listens on: every question is refused.
			{ verify: { dnsServers: ['127.0.0.1:9'] } },
		);
		expect(results.map((r) => r.verification?.verdict)).toEqual([
			'unknown',
			'unknown',
			'unknown',
			'unknown',
		]);
		// Each verdict carries the canary's refusal: no prospect's own domain was asked.
		for (const r of results)
			expect(r.verification?.findings[0].message).toMatch(
				/^The domain could not be checked: DNS MX gmail\.com through 127\.0\.0\.1:9/,
			);
		expect(results.every((r) => r.created > 0)).toBe(true);
	});
});
