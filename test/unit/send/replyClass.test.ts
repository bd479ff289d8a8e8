import {
	type Classified,
	REPLY_CLASSES,
	type ReplyClass,
	replyClassOf,
} from '../../../nodes/engine';

const asReply: Classified = { kind: 'reply', reason: 'a reply', recipients: [], referenced: [] };
// Our own message as a reply quotes it: its footer says "Unsubscribe", its pitch "interested".
const QUOTE = [
	'',
	'On Tue, Dec 1, 2026 at 10:00 AM Dana Reyes <dana@northwind.example.com> wrote:',
	'> Hi Ana, are you interested in closing the books in 4 days?',
	'> Unsubscribe: https://n8n.example.com/webhook/sales-engine/unsubscribe?token=x',
].join('\n');

/** A labelled set of our own: what people write back to sales mail, with what it means. */
const LABELLED: Array<[ReplyClass, string]> = [
	['positive', 'Sounds interesting. Can we talk Thursday?'],
	['positive', "Yes, let's set up a call next Tuesday."],
	['positive', 'Happy to chat — send me a few times that work.'],
	['positive', 'Tell me more about the pricing.'],
	['positive', 'Interested. Who should I loop in from your side?'],
	['positive', 'How about Wednesday at 3pm CET?'],
	['positive', "Let's do it. Book a demo for the team."],
	['positive', 'Sure, send over the one-pager.'],
	['not_now', 'Not right now, we are mid-migration.'],
	['not_now', 'Reach back out in Q3 please.'],
	['not_now', 'Try me again next quarter, budgets are frozen.'],
	['not_now', "Maybe later — it's our busy season."],
	['not_now', 'Not interested right now, ping me in a few months.'],
	['not_now', 'Circle back after the holidays.'],
	['not_interested', 'Not interested, thanks.'],
	['not_interested', "No thanks, we're all set."],
	['not_interested', 'We already use Globex for this.'],
	['not_interested', 'This is not a fit for us.'],
	['not_interested', 'Not relevant for our team.'],
	['not_interested', "We're good, please don't follow up."],
	['unsubscribe_request', 'Please remove me from your list.'],
	['unsubscribe_request', 'Unsubscribe'],
	['unsubscribe_request', 'Stop emailing me.'],
	['unsubscribe_request', 'Take me off this list, not interested.'],
	['unsubscribe_request', "Don't contact me again."],
	['unsubscribe_request', 'I opted out already. Delete my data.'],
	['unclear', 'Who gave you my address?'],
	['unclear', 'Forwarding to Ben, he owns finance tooling.'],
	['unclear', 'What does it cost?'],
	['unclear', '?'],
];

describe('the class of a reply', () => {
	it.each(LABELLED)('%s: "%s"', (expected, text) => {
		expect(replyClassOf(asReply, `${text}\n${QUOTE}`)).toBe(expected);
	});

	it('reads only the reply, not the quoted message (which says "interested" and "Unsubscribe")', () => {
		expect(replyClassOf(asReply, `Thanks!${QUOTE}`)).toBe('unclear');
		expect(replyClassOf(asReply, `-----Original Message-----\n${QUOTE}`)).toBe('unclear');
	});

	it('bounces and automatic replies by the intake reading; other mail has none', () => {
		const as = (kind: Classified['kind']): Classified => ({ ...asReply, kind });
		expect(replyClassOf(as('hard_bounce'), 'unsubscribe')).toBe('bounce');
		expect(replyClassOf(as('soft_bounce'), '')).toBe('bounce');
		expect(replyClassOf(as('auto_reply'), 'Stop emailing me')).toBe('out_of_office');
		expect(replyClassOf(as('complaint'), '')).toBeNull();
		expect(replyClassOf(as('other'), 'yes')).toBeNull();
	});

	it('the labelled set covers every class a reply can get', () => {
		const covered = new Set(LABELLED.map(([c]) => c));
		expect(REPLY_CLASSES.filter((c) => !covered.has(c))).toEqual(['out_of_office', 'bounce']);
	});

	it('reads a 1 MB reply by its opening words (the class looks at the first 4,000 characters)', () => {
		const filler = 'lorem ipsum '.repeat(90_000);
		expect(replyClassOf(asReply, `Not interested.\n${filler}unsubscribe`)).toBe('not_interested');
	});
});
