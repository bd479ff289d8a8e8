import { splitBody } from '../../../nodes/engine/ingest/splitBody';
import { signalsOf } from './helpers';

const cta = (body: string) => signalsOf({ body }).cta;

describe('CTA signals', () => {
	it('does not take an opening question for the call to action', () => {
		const result = cta(
			'Hi Kim,\n\nStill closing the books by hand? Most finance teams spend 6 days on it. We cut that to two.\n\nWorth a look?\n\nBest,\nDana',
		);
		expect(result).toMatchObject({
			type: 'interest_question',
			strength: 'soft',
			count: 1,
			asks: [{ sentence: 3, type: 'interest_question', text: 'Worth a look?' }],
			sentenceIndex: 3,
			relativePosition: 1,
		});
	});

	it('calls a meeting ask phrased as interest a meeting ask once it names a time', () => {
		expect(cta('Would you be interested in a 20-minute call next Tuesday?')).toMatchObject({
			type: 'meeting_ask',
			strength: 'hard',
		});
		expect(cta("Let me know if you're free Thursday at 2pm for a quick chat.")).toMatchObject({
			type: 'meeting_ask',
		});
		// Without a time the same wish is a soft interest question.
		expect(cta('Open to a quick chat?')).toMatchObject({
			type: 'interest_question',
			strength: 'soft',
		});
	});

	it('tells calendar links from other links', () => {
		expect(cta('Grab a time here: https://calendly.com/dana/15min')).toMatchObject({
			type: 'calendar_link',
			strength: 'hard',
		});
		expect(cta("Here's a 2-minute video, take a look: https://loom.com/share/abc")).toMatchObject({
			type: 'other_link',
			strength: 'soft',
		});
		// A link in passing, not asked to be opened, is no ask.
		expect(cta('We wrote about it at https://example.com/blog last year.')).toMatchObject({
			type: 'none',
		});
	});

	it('knows reply requests and referral asks', () => {
		expect(cta('Let me know if this is relevant.').type).toBe('reply_request');
		expect(cta("Who's the right person for this at Acme?").type).toBe('reply_request');
		expect(cta('Do you own onboarding for new reps?').type).toBe('reply_request');
	});

	it('counts several asks, says where the last one is, and names a mix several', () => {
		const result = cta(
			'Would you be open to a call on Thursday at 2pm? Our customers love it. It took a week to set up.\n\nBest,\nDana\n\nP.S. Here is the case study: https://closewise.io/acme',
		);
		expect(result).toMatchObject({
			type: 'several',
			strength: 'hard',
			count: 2,
			sentenceIndex: 3,
			relativePosition: 1,
		});
		expect(result.asks.map((a) => a.type)).toEqual(['meeting_ask', 'other_link']);
		expect(cta('Worth a look? We saw great results. Happy to share more.')).toMatchObject({
			sentenceIndex: 0,
			relativePosition: 0,
		});
	});

	it('says none when nothing is asked', () => {
		expect(cta('Thanks for the update. Talk soon.')).toMatchObject({
			type: 'none',
			strength: 'none',
			count: 0,
			sentenceIndex: null,
			relativePosition: null,
		});
	});

	it('ignores the ask in quoted text from an earlier message (split off at ingest)', () => {
		const reply = splitBody(
			'Thanks Kim, sending the deck now.\n\nOn Mon, Mar 2, 2026 at 9:00 AM Dana <dana@northwind.example.com> wrote:\n> Would you be open to a call on Tuesday at 2pm?\n> Best, Dana\n',
		);
		expect(reply.quoted).toContain('Tuesday at 2pm');
		expect(cta(reply.body)).toMatchObject({ type: 'none', count: 0 });
	});

	it('knows the soft asks and offers sales mail really uses', () => {
		for (const ask of [
			'Would a short comparison for Prospecta be useful?',
			'Would it help if I sent you the two-page case study?',
			'Would it be helpful if I recorded a short walkthrough?',
			'Want me to send the two-minute video?',
			'Is reporting time something your team is looking at this year?',
			'Shall I send it over?',
			'Curious whether retention is a focus for you next year?',
			'Happy to share the list for your specialty if useful.',
		]) {
			expect([ask, cta(`We cut the close to four days. ${ask}`).type]).toEqual([
				ask,
				'interest_question',
			]);
		}
		// The closing question of an email asks, whatever verb it opens with.
		expect(cta('We merged two ledgers last year. Is the integration going smoothly?').type).toBe(
			'interest_question',
		);
	});

	it('reads "no need to reply" as no ask, and a time asked for in minutes as a meeting', () => {
		expect(cta('No need to reply to this one. Our guide is out.').type).toBe('none');
		expect(cta('Do you have 15 minutes next week to swap notes?').type).toBe('meeting_ask');
		// A video's length is not a meeting.
		expect(cta("Here's a 2-minute video, take a look: https://loom.com/share/abc").type).toBe(
			'other_link',
		);
	});

	it('takes an ask and the calendar link on the line after it for one ask', () => {
		const result = cta(
			'We helped Copper ramp in 45 days.\n\nWorth 15 minutes?\nhttps://calendly.com/jo/15',
		);
		expect(result).toMatchObject({ type: 'calendar_link', count: 1 });
		// A meeting proposed, then a line fixing the day: one meeting ask.
		expect(
			cta(
				'I would be happy to present it in a short video call next week. Please let me know a suitable day.',
			),
		).toMatchObject({ type: 'meeting_ask', count: 1 });
		// An alternative offered after it is a second ask.
		expect(
			cta(
				"Would a call on Tuesday at 2pm work? Or just let me know and I'll send the summary instead.",
			),
		).toMatchObject({ type: 'several', count: 2 });
	});
});
