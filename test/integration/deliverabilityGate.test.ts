import {
	type CheckedRoute,
	dnsLookup,
	gateDeliverability,
	getCampaignStatus,
} from '../../nodes/engine';
import { generateKeyPairSync } from 'node:crypto';

import { verifyUnsubscribeToken } from '../../nodes/engine/send/unsubscribeToken';
import { approvedCampaign, TEST_COMPLIANCE } from '../fixtures/approvedCampaign';
import { startDnsServer } from '../helpers/dnsServer';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';
import { startTrustedHttps } from '../helpers/trustedHttps';

const gmail = (...addresses: string[]): CheckedRoute => ({
	provider: { provider: 'gmail' },
	mailboxes: addresses.map((address) => ({ address })),
});

describe.each(STORE_KINDS)('the deliverability gate before real sending on %s', (kind) => {
	let store: TestStore;
	let dns: Awaited<ReturnType<typeof startDnsServer>>;
	let https: Awaited<ReturnType<typeof startTrustedHttps>>;
	beforeAll(async () => {
		store = await openTestStore(kind);
		dns = await startDnsServer({
			txt: {
				'good.example': ['v=spf1 include:_spf.google.com ~all'],
				'_spf.google.com': ['v=spf1 ip4:209.85.128.0/17 ~all'],
				'google._domainkey.good.example': [
					`v=DKIM1; k=rsa; p=${generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
				],
				'_dmarc.good.example': ['v=DMARC1; p=quarantine'],
				// SPF without Google, no DKIM key, no DMARC record.
				'broken.example': ['v=spf1 include:sendgrid.net -all'],
				'sendgrid.net': ['v=spf1 ip4:167.89.0.0/17 -all'],
			},
			mx: { 'good.example': ['mx1.good.example'], 'broken.example': ['mx1.broken.example'] },
			a: { 'mx1.good.example': ['192.0.2.25'], 'mx1.broken.example': ['192.0.2.26'] },
		});
		// The Unsubscribe workflow's webhook: a one-click POST with a token signed by the secret is
		// answered 200, anything else 400.
		https = await startTrustedHttps((req, res) => {
			req.resume();
			const token = new URL(req.url ?? '/', 'https://x').searchParams.get('token') ?? '';
			let valid = false;
			try {
				valid = !!verifyUnsubscribeToken(TEST_COMPLIANCE.secret, token);
			} catch {
				valid = false;
			}
			res.writeHead(req.method !== 'POST' ? 405 : valid ? 200 : 400).end();
		});
	});
	afterAll(async () => {
		await https?.stop();
		await dns?.stop();
		await store?.dispose();
	});

	const gate = (campaignId: string, routes: CheckedRoute[], override?: string) =>
		gateDeliverability(store.engine, {
			campaignId,
			routes,
			unsubscribeUrl: `${https.url}/webhook/unsubscribe`,
			unsubscribeSecret: TEST_COMPLIANCE.secret,
			fetch: https.fetch,
			dns: dnsLookup([dns.server], 1000),
			override,
			actor: 'ana@northwind.example.com',
		});

	it('blocks a failing domain with each fix, shows it in the status, and lets a reasoned override through', async () => {
		const campaignId = await approvedCampaign(store.engine, ['p1@acme.example.net']);
		expect((await getCampaignStatus(store.engine, campaignId)).deliverability.state).toBe(
			'unchecked',
		);
		const blocked = await gate(campaignId, [gmail('dana@broken.example')]).catch((e) => e);
		expect(blocked.message).toBe(
			'Sending is blocked: the deliverability preflight failed 3 checks',
		);
		expect(blocked.description.split('\n')).toEqual([
			'The SPF record of broken.example does not cover Google Workspace (no include:_spf.google.com) → Replace the SPF record at broken.example with: v=spf1 include:_spf.google.com include:sendgrid.net -all',
			'No DKIM key at google._domainkey.broken.example → Publish the DKIM records Google Workspace gives for broken.example (its domain authentication page): google._domainkey.broken.example',
			'No DMARC record for broken.example → Add a TXT record _dmarc.broken.example with the value: v=DMARC1; p=none; rua=mailto:dmarc@broken.example',
			'Fix these and run again, or set the Override Deliverability Check option with the reason to send anyway (it is recorded).',
		]);
		const status = await getCampaignStatus(store.engine, campaignId);
		expect(status.deliverability).toMatchObject({ state: 'failed', override: null, cleared: [] });
		expect(status.deliverability.failing.map((c) => c.check)).toEqual(['spf', 'dkim', 'dmarc']);
		expect(status.sendReadiness.ready).toBe(false);
		expect(status.sendReadiness.missing).toContain(
			'deliverability preflight failed: The SPF record of broken.example does not cover Google Workspace (no include:_spf.google.com); No DKIM key at google._domainkey.broken.example; No DMARC record for broken.example',
		);
		// A blank reason is no override.
		await expect(gate(campaignId, [gmail('dana@broken.example')], '  ')).rejects.toThrow(
			'Sending is blocked',
		);
		const passed = await gate(
			campaignId,
			[gmail('dana@broken.example')],
			'DMARC and DKIM wait for the DNS admin; approved by Ana',
		);
		expect(passed).toMatchObject({
			state: 'overridden',
			cleared: ['gmail:broken.example'],
			override: {
				by: 'ana@northwind.example.com',
				reason: 'DMARC and DKIM wait for the DNS admin; approved by Ana',
			},
		});
		const { rows } = await store.engine.db.query<{ type: string; actor: string; data: unknown }>(
			"select type, actor, data from campaign_events where campaign_id = $1 and type like 'deliverability%' order by id",
			[campaignId],
		);
		// The failed verdict stood for the runs right after it: DNS was asked once.
		expect(rows.map((r) => r.type)).toEqual([
			'deliverability_checked',
			'deliverability_overridden',
		]);
		const data = (r: { data: unknown }) =>
			(typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as {
				failing: Array<{ check: string }>;
			};
		expect(data(rows[1]).failing.map((c) => c.check)).toEqual(['spf', 'dkim', 'dmarc']);
		expect((await getCampaignStatus(store.engine, campaignId)).sendReadiness.ready).toBe(true);
	});

	it('passes a well-kept domain once, with the https unsubscribe endpoint answering, and checks a new domain again', async () => {
		const campaignId = await approvedCampaign(store.engine, ['p1@acme.example.net']);
		const posts = https.requests.length;
		const state = await gate(campaignId, [gmail('dana@good.example')]);
		expect(state).toMatchObject({ state: 'passed', failing: [], cleared: ['gmail:good.example'] });
		expect(https.requests.slice(posts).map((r) => r.replace(/\?token=.*/, ''))).toEqual([
			'POST /webhook/unsubscribe',
		]);
		const { rows } = await store.engine.db.query<{ data: unknown }>(
			"select data from campaign_events where campaign_id = $1 and type = 'deliverability_checked'",
			[campaignId],
		);
		const checked = (
			typeof rows[0].data === 'string' ? JSON.parse(rows[0].data) : rows[0].data
		) as {
			ok: boolean;
		};
		expect(checked.ok).toBe(true);
		// Cleared: the next run does not check again (the endpoint is not asked).
		await gate(campaignId, [gmail('dana@good.example')]);
		expect(https.requests.length).toBe(posts + 1);
		// A mailbox of a domain not yet checked is: and it blocks.
		await expect(
			gate(campaignId, [gmail('dana@good.example', 'eli@broken.example')]),
		).rejects.toThrow('Sending is blocked: the deliverability preflight failed 3 checks');
		expect(https.requests.length).toBe(posts + 2);
		// The failed verdict stands for the next runs (a worker every minute asks DNS only now and
		// then), and is checked afresh once it is ten minutes old.
		const both = [gmail('dana@good.example', 'eli@broken.example')];
		await expect(gate(campaignId, both)).rejects.toThrow('failed 3 checks');
		expect(https.requests.length).toBe(posts + 2);
		await store.engine.db.query(
			`update campaign_events set created_at = created_at - interval '11 minutes'
			where campaign_id = $1 and type = 'deliverability_checked'`,
			[campaignId],
		);
		await expect(gate(campaignId, both)).rejects.toThrow('failed 3 checks');
		expect(https.requests.length).toBe(posts + 3);
	});
});
