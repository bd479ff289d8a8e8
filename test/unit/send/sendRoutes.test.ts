import {
	gmailProvider,
	graphPostWithToken,
	microsoft365Provider,
	smtpProvider,
} from '../../../nodes/engine';
import { routesOf, routeTable } from '../../../nodes/engine/send/sendRoutes';

const compliance = { unsubscribeUrl: '', secret: '', postalAddress: '' };
const ms365 = microsoft365Provider({ post: graphPostWithToken('t') });
const gmail = gmailProvider({ accessToken: 't' });
const smtp = smtpProvider({ host: '127.0.0.1', port: 1 });
afterAll(async () => {
	await Promise.all([ms365.close(), gmail.close(), smtp.close()]);
});

describe('the routes of a send run', () => {
	it("holds each mailbox under its provider's own limits, and leaves the lower setting", () => {
		const [m365, g, s] = routesOf({
			campaignId: 'c',
			compliance,
			routes: [
				{
					provider: ms365,
					mailboxes: [
						{ address: 'a@x.example' },
						{ address: 'b@x.example', perSecond: 2, perDay: 50_000 },
						{ address: 'c@x.example', perSecond: 0.1, perDay: 40 },
					],
				},
				{ provider: gmail, mailboxes: [{ address: 'd@x.example', perDay: 5_000 }] },
				{ provider: smtp, mailboxes: [{ address: 'e@x.example' }] },
			],
		});
		// Exchange Online: 30 a minute and 10,000 recipients a day, whatever the mailbox says.
		expect(m365.mailboxes.map((m) => [m.perSecond, m.perDay])).toEqual([
			[0.5, 10_000],
			[0.5, 10_000],
			[0.1, 40],
		]);
		expect(g.mailboxes[0]).toMatchObject({ perDay: 2_000, perSecond: undefined });
		expect(s.mailboxes[0]).toEqual({ address: 'e@x.example' });
	});

	it('takes the one provider with its mailboxes, and refuses a run with neither', () => {
		expect(
			routesOf({ campaignId: 'c', compliance, provider: smtp, mailboxes: [{ address: 'e@x' }] }),
		).toEqual([{ provider: smtp, mailboxes: [{ address: 'e@x' }] }]);
		expect(() => routesOf({ campaignId: 'c', compliance })).toThrow(
			'Give a provider to send through',
		);
	});

	it('finds each mailbox by its address in any case, and refuses one listed twice', () => {
		const table = routeTable([
			{ provider: smtp, mailboxes: [{ address: 'Dana@X.example' }] },
			{ provider: gmail, mailboxes: [{ address: 'eli@x.example' }] },
		]);
		expect(table.get('dana@x.example')?.provider).toBe(smtp);
		expect(table.get('eli@x.example')?.provider).toBe(gmail);
		expect(() =>
			routeTable([
				{ provider: smtp, mailboxes: [{ address: 'dana@x.example' }] },
				{ provider: ms365, mailboxes: [{ address: 'DANA@x.example' }] },
			]),
		).toThrow('The mailbox DANA@x.example is listed twice (smtp and microsoft365)');
	});
});
