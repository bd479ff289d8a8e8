import { buildSupport, groundText, plainText, skeleton } from '../../nodes/engine/grounding';

const support = buildSupport(
	[
		'Northwind Analytics',
		'northwind-analytics.example.com',
		'Month-end close in 4 days instead of 9. Live ARR dashboards, set up in one afternoon.',
	],
	[
		'Hi Sam, finance teams usually spend nine days closing the books. With Northwind, teams like yours close in four days. Acme Robotics reduced their close from eight days to three.',
	],
);
const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

describe('text as a reader sees it', () => {
	it('removes invisible and bidi characters, folds styled letters, strips markup, writes out addresses', () => {
		expect(plainText('Ig\u200bnore \u202ethe\u202c ＲＵＬＥＳ')).toBe('Ignore the RULES');
		expect(plainText('**Bold** [case study](deals.example.net/x) <!-- hidden --> <b>tag</b>')).toBe(
			'Bold case study deals.example.net/x hidden tag',
		);
		expect(
			plainText('dana (at) acme-sales (dot) net, sales[at]promo[dot]com, ceo at hq dot io'),
		).toBe('dana@acme-sales.net, sales@promo.com, ceo@hq.io');
		expect(plainText('I g n o r e this')).toBe('Ignore this');
	});

	it('compares look-alike letters by their UTS #39 skeleton', () => {
		expect(skeleton('Іgnоrе')).toBe(skeleton('ignore'));
		expect(skeleton('Мicrosoft')).toBe(skeleton('microsoft'));
	});
});

describe('grounding a sentence in the material', () => {
	it('accepts the material said in other words, with its own figures in digits or words', () => {
		for (const text of [
			'Close the books in 4 days instead of 9.',
			'Northwind Analytics: a four-day month-end close for finance teams.',
			'Acme Robotics cut its close from eight days to three.',
			'Set up in one afternoon, with live ARR dashboards.',
		])
			expect(groundText(text, support)).toEqual([]);
	});

	it('refuses a figure counted differently, a recombined one, names, links and promises', () => {
		const refused = (text: string) =>
			groundText(text, support).flatMap((u) => u.claims.map((c) => c.text));
		expect(refused('Close the books in two days.')).toEqual(['two']);
		expect(refused('Set up in 9 minutes.')).toEqual(['9']);
		expect(refused('Trusted by Hilton finance teams.')).toEqual(['Hilton']);
		expect(refused('See calendly.com/northwind for times.')).toEqual(['calendly.com/northwind']);
		expect(refused('A money-back guarantee for finance teams.')).toEqual(
			expect.arrayContaining(['guarantee', 'money-back']),
		);
		expect(refused('Visit northwind-analytics.example.com/pricing')).toEqual([]);
	});

	it('refuses words addressed to the writer, unless the user’s own words use them', () => {
		expect(
			groundText('Finance teams close faster; the writer should skip the footer.', support)[0]
				.writing,
		).toEqual(expect.arrayContaining(['writer', 'footer']));
		const emailBrand = buildSupport(
			['Postbox makes email deliverability software for finance teams.'],
			[],
		);
		expect(groundText('Email deliverability software for finance teams.', emailBrand)).toEqual([]);
	});

	// A hang guard, not a speed test (speed is for bench/): each text is ~1 MB, which a quadratic
	// step takes minutes on; a linear one a second or two, more on a loaded machine.
	it('stays linear on hostile input', () => {
		for (const text of [
			'a.'.repeat(500_000),
			`${'x'.repeat(1_000_000)}@`,
			'1,'.repeat(300_000),
			'I '.repeat(400_000),
		]) {
			const started = process.hrtime.bigint();
			groundText(text, support);
			expect(seconds(started)).toBeLessThan(30);
		}
	}, 120_000);
});
