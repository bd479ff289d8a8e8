import {
	addSuppression,
	approveDrafts,
	dispatch,
	type Engine,
	generateDrafts,
	prospectFromRecord,
	type SendOptions,
	setKillSwitch,
	smtpProvider,
	unsubscribe,
} from '../../nodes/engine';
import { campaignWithBlueprint } from '../fixtures/blueprintCorpus';
import { startSmtpSink } from '../helpers/smtpSink';
import { openTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

const SECRET = 'a-long-unsubscribe-secret-for-tests';

async function approvedCampaign(engine: Engine, emails: string[]): Promise<string> {
	const campaignId = await campaignWithBlueprint(engine);
	await generateDrafts(
		engine,
		campaignId,
		emails.map((email, i) =>
			prospectFromRecord({ email, first_name: `P${i}`, company: 'Acme' }, `p${i}`),
		),
	);
	await approveDrafts(engine, campaignId, { allPassing: true }, 'reviewer');
	return campaignId;
}

describe.each(STORE_KINDS)('sending on %s', (kind) => {
	let store: TestStore;
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	beforeAll(async () => {
		store = await openTestStore(kind);
		sink = await startSmtpSink({
			'slow@acme.example.net': ['451 4.7.1 Try again later'],
			'gone@acme.example.net': ['550 5.1.1 User unknown'],
		});
	});
	afterAll(async () => {
		await sink?.stop();
		await store?.dispose();
	});

	const options = (campaignId: string, extra: Partial<SendOptions> = {}): SendOptions => ({
		campaignId,
		provider: smtpProvider({ host: '127.0.0.1', port: sink.port }),
		mailboxes: [{ address: 'dana@northwind.example.com', name: 'Dana' }],
		compliance: {
			unsubscribeUrl: 'https://hooks.northwind.example.com/unsubscribe',
			unsubscribeMailto: 'unsubscribe@northwind.example.com',
			secret: SECRET,
			postalAddress: '1 Main St, Springfield',
		},
		...extra,
	});

	it('sends the due touch once, with one-click unsubscribe and the postal address, and says what is next', async () => {
		const campaignId = await approvedCampaign(store.engine, [
			'ana@acme.example.net',
			'ben@acme.example.net',
		]);
		const before = sink.received.length;
		const o = options(campaignId);
		const summary = await dispatch(store.engine, o);
		expect(summary).toMatchObject({ sent: 2, failed: 0, suppressed: 0, unknown: 0, stopped: null });
		expect(new Date(summary.nextDueAt as string).getTime()).toBeGreaterThan(
			Date.now() + 2.9 * 86_400_000,
		);
		const mail = sink.received.slice(before);
		expect(mail.map((m) => m.to[0]).sort()).toEqual([
			'ana@acme.example.net',
			'ben@acme.example.net',
		]);
		const raw = mail[0].raw.replace(/\r\n[ \t]+/g, ' ');
		expect(raw).toMatch(
			/^List-Unsubscribe: <https:\/\/hooks\.northwind\.example\.com\/unsubscribe\?token=[\w-]+\.[\w-]+>, <mailto:unsubscribe@northwind\.example\.com\?subject=unsubscribe>$/m,
		);
		expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
		expect(raw).toContain('1 Main St, Springfield');
		expect(mail[0].messageId).toMatch(/^<[0-9a-f]{32}\.1@northwind\.example\.com>$/);
		expect(await dispatch(store.engine, options(campaignId))).toMatchObject({ sent: 0 });
		await o.provider.close();
	});

	it('refuses to start without a postal address or an https unsubscribe URL', async () => {
		const campaignId = await approvedCampaign(store.engine, ['cy@acme.example.net']);
		const o = options(campaignId);
		await expect(
			dispatch(store.engine, { ...o, compliance: { ...o.compliance, postalAddress: ' ' } }),
		).rejects.toMatchObject({
			code: 'INVALID_INPUT',
			message: "Sending needs the sender's postal address",
		});
		await expect(
			dispatch(store.engine, {
				...o,
				compliance: { ...o.compliance, unsubscribeUrl: 'http://x.example.com' },
			}),
		).rejects.toMatchObject({ message: 'Sending needs an https unsubscribe URL' });
		await o.provider.close();
	});

	it('sends nothing while a kill switch is engaged, and goes on once it is released', async () => {
		const campaignId = await approvedCampaign(store.engine, ['dee@acme.example.net']);
		await setKillSwitch(store.engine.db, {
			scope: 'campaign',
			target: campaignId,
			engaged: true,
			reason: 'test',
			actor: 'ops',
		});
		const o = options(campaignId);
		expect(await dispatch(store.engine, o)).toMatchObject({
			sent: 0,
			stopped: 'kill switch engaged (campaign: test)',
		});
		await setKillSwitch(store.engine.db, {
			scope: 'mailbox',
			target: 'dana@northwind.example.com',
			engaged: true,
			actor: 'ops',
		});
		await setKillSwitch(store.engine.db, {
			scope: 'campaign',
			target: campaignId,
			engaged: false,
			actor: 'ops',
		});
		expect(await dispatch(store.engine, o)).toMatchObject({
			sent: 0,
			deferred: expect.objectContaining({ kill_switch: 1 }),
		});
		await setKillSwitch(store.engine.db, {
			scope: 'mailbox',
			target: 'dana@northwind.example.com',
			engaged: false,
			actor: 'ops',
		});
		expect(await dispatch(store.engine, o)).toMatchObject({ sent: 1 });
		await o.provider.close();
	});

	it('skips suppressed and unsubscribed addresses, retries throttling, ends a hard bounce with a suppression', async () => {
		const emails = [
			'eve@acme.example.net',
			'fay@blocked.example.org',
			'slow@acme.example.net',
			'gone@acme.example.net',
			'gus@acme.example.net',
		];
		const campaignId = await approvedCampaign(store.engine, emails);
		await addSuppression(store.engine.db, { kind: 'domain', value: 'blocked.example.org' });
		const { unsubscribeToken } = await import('../../nodes/engine');
		const token = unsubscribeToken(SECRET, campaignId, 'gus@acme.example.net');
		expect(await unsubscribe(store.engine, SECRET, token)).toEqual({
			email: 'gus@acme.example.net',
			campaignId,
			alreadyUnsubscribed: false,
		});
		expect(await unsubscribe(store.engine, SECRET, token)).toMatchObject({
			alreadyUnsubscribed: true,
		});
		await expect(unsubscribe(store.engine, SECRET, `${token}x`)).rejects.toMatchObject({
			message: 'This unsubscribe link is not valid',
		});
		const o = options(campaignId);
		const summary = await dispatch(store.engine, o);
		// gus is no longer an active prospect, so he is not even claimed; fay's domain is suppressed.
		expect(summary).toMatchObject({ sent: 2, failed: 1, suppressed: 1 });
		const { rows } = await store.engine.db.query<{ recipient: string; status: string }>(
			'select recipient, status from send_attempts where campaign_id = $1 order by recipient',
			[campaignId],
		);
		expect(rows.map((r) => `${r.recipient}:${r.status}`)).toEqual([
			'eve@acme.example.net:sent',
			'fay@blocked.example.org:suppressed',
			'gone@acme.example.net:failed',
			'slow@acme.example.net:sent',
		]);
		const { rows: prospects } = await store.engine.db.query<{ email: string; status: string }>(
			"select email, status from prospects where campaign_id = $1 and status <> 'active' order by email",
			[campaignId],
		);
		expect(prospects).toEqual([
			{ email: 'gone@acme.example.net', status: 'bounced' },
			{ email: 'gus@acme.example.net', status: 'unsubscribed' },
		]);
		await o.provider.close();
	});
});
