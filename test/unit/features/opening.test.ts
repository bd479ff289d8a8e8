import { signalsOf } from './helpers';

const opening = (body: string, to?: string) => signalsOf({ body, to }).opening.type;

describe('opening signals', () => {
	it('calls an opener that shows research a prospect reference', () => {
		expect(opening('Hi Kim,\n\nI noticed Acme just opened three SDR roles. Rest.')).toBe(
			'prospect_reference',
		);
		expect(opening('Hi Kim,\n\nCongrats on the Series B!')).toBe('prospect_reference');
		// A named thing next to "your": specific even without a research verb.
		expect(opening('Your team at Initech is growing fast.')).toBe('prospect_reference');
		// The recipient's company by name.
		expect(opening('Acme keeps showing up in our pipeline reviews.', 'kim@acme.com')).toBe(
			'prospect_reference',
		);
	});

	it('calls the sender talking about themselves a self-introduction', () => {
		expect(opening('Hi,\n\nMy name is Bob and I run partnerships at Widgets.')).toBe(
			'self_introduction',
		);
		expect(opening("I'm the head of sales at Widgets. We build widgets.")).toBe(
			'self_introduction',
		);
		expect(opening("I'm reaching out from Widgets.")).toBe('self_introduction');
	});

	it('calls anything else generic, and an empty body none', () => {
		expect(opening('Hi there,\n\nHope this email finds you well.')).toBe('generic');
		expect(opening('We help SaaS companies cut churn.')).toBe('generic');
		expect(opening('Hi Kim,\n\n')).toBe('none');
	});

	it('does not take "I\'m", "I\'ll", "I\'d" for names', () => {
		expect(opening("Hi Lee,\n\nHope you're well, I'd love your view.")).toBe('generic');
		expect(opening("I'll keep this short for you.")).toBe('generic');
		expect(opening("I'm sure you're busy.")).toBe('generic');
	});

	it('knows the shorthand research openers and customer names offered as proof', () => {
		expect(opening('Hi Sam,\n\nNoticed Prospecta just opened a second plant.')).toBe(
			'prospect_reference',
		);
		expect(opening('Saw your post on LinkedIn about the audit.')).toBe('prospect_reference');
		expect(opening('I have seen that Almeria Foods opened a new warehouse.')).toBe(
			'prospect_reference',
		);
		// Another company, named as proof, is not the reader.
		expect(opening('One number from a company like yours: Acme Robotics cut their close.')).toBe(
			'generic',
		);
		expect(opening("Tom,\n\nI'm Rob from Denialfix.")).toBe('self_introduction');
		// A reply's first word on its own line is not a greeting: it is the opening.
		expect(signalsOf({ body: 'Sure,\n\nI will send the deck now.' }).opening.sentence).toBe(
			'Sure,',
		);
	});
});
