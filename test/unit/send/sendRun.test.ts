import { runSends } from '../../../nodes/engine/send/dispatch';
import {
	type OutgoingMessage,
	type Provider,
	ProviderError,
} from '../../../nodes/engine/send/providers/Provider';
import { planRun } from '../../../nodes/engine/send/run/runPlan';
import { SendRun } from '../../../nodes/engine/send/run/SendRun';
import type { Mailbox, SendOptions } from '../../../nodes/engine/send/types';
import { type MemoryDraft, MemorySendStore } from '../../helpers/memorySendStore';

const compliance = {
	unsubscribeUrl: 'https://brand.example/unsubscribe',
	secret: 'k3J9-vQ2x-Lm8P-zR4t-Wn6Y-a1B5',
	postalAddress: '1 Main Street, Springfield',
};

type Answer = 'ok' | ProviderError | ((m: OutgoingMessage) => Promise<void>);

/** A provider that answers from a script (then 'ok'), recording each message it was asked to send. */
function scripted(answers: Answer[] = []): Provider & { asked: string[] } {
	const asked: string[] = [];
	return {
		name: 'smtp',
		asked,
		async send(message) {
			asked.push(String(message.to));
			const answer = answers.shift() ?? 'ok';
			if (answer instanceof ProviderError) throw answer;
			if (typeof answer === 'function') await answer(message);
			return { providerMessageId: `id-${asked.length}` };
		},
		async close() {},
	};
}

const prospects = (n: number): MemoryDraft[] =>
	Array.from({ length: n }, (_, i) => ({ prospectId: `p${i + 1}`, to: `p${i + 1}@acme.example` }));

function setUp(
	drafts: MemoryDraft[],
	provider: Provider,
	extra: Partial<SendOptions> & { mailboxes?: Mailbox[] } = {},
) {
	const store = new MemorySendStore(drafts);
	const options: SendOptions = {
		campaignId: 'campaign-1',
		provider,
		mailboxes: [{ address: 'ana@brand.example' }],
		compliance,
		window: null,
		...extra,
	};
	return { store, run: new SendRun(store, planRun(options), options, { name: 'Ana' }) };
}

describe('the send run, stage by stage, against the in-memory store', () => {
	it('claims, hands over, sends and records every due draft', async () => {
		const provider = scripted();
		const { store, run } = setUp(prospects(3), provider);
		const summary = await runSends(run);
		expect(summary).toMatchObject({ sent: 3, lost: 0, failed: 0, stopped: null });
		expect(store.statuses()).toEqual({ p1: 'sent', p2: 'sent', p3: 'sent' });
		expect(provider.asked.sort()).toEqual([
			'p1@acme.example',
			'p2@acme.example',
			'p3@acme.example',
		]);
	});

	it('never sends a claim whose lease another worker reaped: counted lost', async () => {
		const provider = scripted();
		const { store, run } = setUp(prospects(1), provider);
		const [claim] = await run.claimNext();
		store.reaped.add(claim.attemptId);
		await run.send(claim);
		expect(run.summary).toMatchObject({ sent: 0, lost: 1 });
		expect(provider.asked).toEqual([]);
	});

	it('reads the switches again when the message waited past its hand-over, and stops', async () => {
		const provider = scripted();
		const { store, run } = setUp(prospects(1), provider, {
			mailboxes: [{ address: 'ana@brand.example', perSecond: 1 }],
		});
		// The first slot is due now; the hand-over is late for it (a slow database), so the message
		// takes a fresh slot 100 ms on — and the global switch is engaged while it waits.
		store.slotWaits.push(0, 100);
		const handOver = store.handOver.bind(store);
		store.handOver = async (claims) => {
			await new Promise((r) => setTimeout(r, 40));
			setTimeout(() => store.switches.set('global', 'complaint spike'), 50);
			return await handOver(claims);
		};
		const [claim] = await run.claimNext();
		await run.send(claim);
		expect(provider.asked).toEqual([]);
		expect(run.summary.deferred.kill_switch).toBe(1);
		expect(run.summary.stopped).toBe('kill switch engaged (global: complaint spike)');
		expect(store.statuses()).toEqual({ p1: 'deferred' });
	});

	it('stops before the hand-over when a switch was engaged after the claim', async () => {
		const provider = scripted();
		const { store, run } = setUp(prospects(2), provider);
		const claims = await run.claimNext();
		store.switches.set('mailbox:ana@brand.example', 'paused by Ana');
		for (const c of claims) await run.send(c);
		expect(provider.asked).toEqual([]);
		// Given back without a trace: nothing churns, the drafts stay due.
		expect(store.attempts.size).toBe(0);
		expect(run.summary.deferred.kill_switch).toBe(2);
		expect([...run.blocked]).toEqual(['ana@brand.example']);
	});

	it('waits out a short Retry-After and sends; defers to a long one', async () => {
		const short = new ProviderError('throttled', '421 4.7.0 slow down', { retryAfterMs: 20 });
		const provider = scripted([short]);
		const { store, run } = setUp(prospects(1), provider);
		const [claim] = await run.claimNext();
		await run.send(claim);
		expect(provider.asked).toHaveLength(2);
		expect(run.summary).toMatchObject({ sent: 1, deferred: { throttled: 0 } });

		const long = new ProviderError('throttled', '429 quota', { retryAfterMs: 120_000 });
		const second = setUp(prospects(1), scripted([long]));
		const [other] = await second.run.claimNext();
		const before = Date.now();
		await second.run.send(other);
		expect(second.run.summary.deferred.throttled).toBe(1);
		const retryAt = second.store.attempts.get(other.attemptId)!.retryAt!.getTime();
		expect(retryAt - before).toBeGreaterThanOrEqual(120_000);
		expect(store.statuses()).toEqual({ p1: 'sent' });
	});

	it('pauses the campaign after failures in a row, and gives the rest of the claim back', async () => {
		const failures = Array.from(
			{ length: 10 },
			() => new ProviderError('transient', '451 4.3.0 try later'),
		);
		const { store, run } = setUp(prospects(6), scripted(failures), {
			concurrency: 1,
			autoPause: { errorBurst: 3, bounceRate: 0.05, minSends: 20 },
		});
		const summary = await runSends(run);
		expect(summary.stopped).toBe(
			'campaign paused: 3 failed sends in a row; resuming is a human decision',
		);
		expect(summary.deferred.transient).toBe(3);
		expect(store.campaignStatus).toBe('paused');
		expect(store.events.map((e) => e.type)).toEqual(['campaign_auto_paused']);
		// Three drafts never started: released, not left claimed.
		expect([...store.attempts.values()].every((a) => a.status === 'deferred')).toBe(true);
		expect(store.drafts.filter((d) => d.claimed)).toHaveLength(3);
	});

	it('pauses on the bounce rate before claiming anything', async () => {
		const provider = scripted();
		const { store, run } = setUp(prospects(2), provider, {
			autoPause: { errorBurst: 10, bounceRate: 0.05, minSends: 20 },
		});
		store.stats = { sent: 27, refused: 1, reported: 2 };
		const summary = await runSends(run);
		expect(summary.stopped).toMatch(/^campaign paused: bounce rate 10.7 % over 5 %/);
		expect(store.calls).not.toContain('claim');
		expect(provider.asked).toEqual([]);
	});

	it('pauses a mailbox whose credential was refused; its draft stays due', async () => {
		const refused = new ProviderError('credential', 'invalid_grant: token revoked');
		const { store, run } = setUp(prospects(1), scripted([refused]));
		const summary = await runSends(run);
		expect(summary).toMatchObject({ sent: 0, deferred: { credential: 1 } });
		expect(summary.blockedMailboxes).toEqual(['ana@brand.example']);
		expect(store.events).toEqual([
			expect.objectContaining({
				type: 'mailbox_paused',
				data: expect.objectContaining({ kind: 'credential' }),
			}),
		]);
	});

	it('suppresses an address the receiver says does not exist, without counting it against the mailbox', async () => {
		const bounce = new ProviderError('permanent', '550 5.1.1 user unknown', {
			bounce: true,
			consequence: 'suppress',
		});
		const { store, run } = setUp(prospects(1), scripted([bounce]));
		await runSends(run);
		expect(store.statuses()).toEqual({ p1: 'failed' });
		expect(store.suppressed.get('p1@acme.example')).toBe('550 5.1.1 user unknown');
		expect(run.mailboxFailures.get('ana@brand.example')).toBeUndefined();
	});

	it('defers a draft over the mailbox daily cap, and one whose draft changed since its claim', async () => {
		const { store, run } = setUp(prospects(3), scripted(), {
			concurrency: 1,
			mailboxes: [{ address: 'ana@brand.example', perDay: 1 }],
		});
		store.changed.add('draft-3');
		const summary = await runSends(run);
		expect(summary).toMatchObject({ sent: 1, deferred: { limit: 1, changed: 1 } });
	});

	it('defers drafts outside the sending window to its next opening', async () => {
		const { store, run } = setUp(prospects(1), scripted(), {
			// A window that is never open now: today only, in an hour that has passed or is to come.
			window: {
				days: [(new Date().getUTCDay() + 1) % 7],
				startHour: 8,
				endHour: 9,
				defaultTimezone: 'UTC',
			},
		});
		const summary = await runSends(run);
		expect(summary.deferred.window).toBe(1);
		const retryAt = [...store.attempts.values()][0].retryAt!;
		expect(retryAt.getUTCHours()).toBe(8);
		expect(retryAt.getTime()).toBeGreaterThan(Date.now());
	});
});
