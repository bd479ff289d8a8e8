import { lexicalVector } from '../../../nodes/engine';
import { unresolvedMergeTags } from '../../../nodes/engine/features/mergeTags';
import { signalsOf } from './helpers';

describe('unresolved merge tags', () => {
	it("finds every sending tool's placeholder syntax", () => {
		expect(
			unresolvedMergeTags(
				'Hi {{ first_name }}, {FirstName} at {!Contact.Account} *|FNAME|* %COMPANY% <<First Name>> [First Name] [insert pain point] [Company Name]',
			),
		).toEqual([
			'{{ first_name }}',
			'{!Contact.Account}',
			'{FirstName}',
			'*|FNAME|*',
			'%COMPANY%',
			'<<First Name>>',
			'[First Name]',
			'[Company Name]',
			'[insert pain point]',
		]);
		expect(unresolvedMergeTags('See [1] and [Webinar]; {"json": true}; 50% off')).toEqual([]);
	});

	it('counts tags of subject and body together', () => {
		expect(signalsOf({ subject: 'For {{company}}', body: 'Hi [First Name],' }).mergeTags).toEqual([
			'{{company}}',
			'[First Name]',
		]);
	});
});

describe('lexical embedder', () => {
	const cosine = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i], 0);

	it('is deterministic, 256-dimensional and unit length', () => {
		const v = lexicalVector('Worth a quick look at month-end close?');
		expect(v).toHaveLength(256);
		expect(lexicalVector('Worth a quick look at month-end close?')).toEqual(v);
		expect(Math.hypot(...v)).toBeCloseTo(1, 5);
		expect(lexicalVector('').every((x) => x === 0)).toBe(true);
	});

	it('puts a reused template with other names nearer than a different email', () => {
		const a = lexicalVector(
			'Hi Ana, I noticed Acme is hiring SDRs. Teams like yours cut ramp time by 30%.',
		);
		const b = lexicalVector(
			'Hi Ben, I noticed Binford is hiring SDRs. Teams like yours cut ramp time by 30%.',
		);
		const c = lexicalVector('Thanks for the invoice, paid today. See you at the offsite in June.');
		expect(cosine(a, b)).toBeGreaterThan(0.8);
		expect(cosine(a, c)).toBeLessThan(0.3);
	});
});
