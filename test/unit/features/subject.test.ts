import { signalsOf } from './helpers';

const subject = (text: string, to?: string, body = 'Hello.') =>
	signalsOf({ subject: text, to, body }).subject;

describe('subject signals', () => {
	it('counts characters and words of the subject without its Re:/Fwd: prefix', () => {
		expect(subject('Re: RE: Idea for your pipeline')).toMatchObject({
			prefix: 're',
			chars: 22,
			words: 4,
		});
		expect(subject('Fwd: Idea')).toMatchObject({ prefix: 'fwd', chars: 4, words: 1 });
		expect(subject('AW: Termin')).toMatchObject({ prefix: 're' });
		expect(subject('Idea for your pipeline')).toMatchObject({ prefix: null });
	});

	it("finds the recipient's first name and company, from the greeting or the address", () => {
		expect(subject('Kim, quick question about Acme?', 'kim.lee@acme.com')).toMatchObject({
			firstName: true,
			company: true,
			personalized: true,
			hasQuestion: true,
			curiosityCues: ['quick question'],
		});
		// The greeting names her even when the address does not.
		expect(
			signalsOf({ subject: 'For Kim', to: 'k.l@x.io', body: 'Hi Kim,\n\nHello.' }).subject,
		).toMatchObject({ firstName: true });
		// Free-mail domains and role addresses say nothing about the person or company.
		expect(subject('Gmail tips for Info', 'info@gmail.com')).toMatchObject({
			firstName: false,
			company: false,
			personalized: false,
		});
		// "Company 1" in the subject is company1 in the domain.
		expect(subject('Pipeline at Company 1', 'p@company1.example.org').company).toBe(true);
	});

	it('flags merge tags left unresolved, not bracketed words that are not fields', () => {
		expect(subject('{{first_name}} — 3 ideas for [Company]')).toMatchObject({
			mergeTags: ['{{first_name}}', '[Company]'],
			hasNumber: true,
			personalized: false,
		});
		expect(subject('[Webinar] Forecasting in 2026').mergeTags).toEqual([]);
	});

	it('notices shouting and spam-trigger words', () => {
		expect(subject('FREE TRIAL ENDS NOW')).toMatchObject({
			allCaps: true,
			allCapsWords: 4,
			spamWords: ['free'],
		});
		expect(subject('Your Q3 plan: 100% guaranteed')).toMatchObject({
			allCaps: false,
			spamWords: ['guaranteed', '100%'],
			relevanceCues: ['your'],
		});
	});
});
