import type { Rule } from '../../../nodes/engine/blueprint/types';
import { limitsOrigin } from '../../../nodes/engine/blueprint/report/limitsOrigin';

const words = (brandMedian: number, basis: Rule['basis'] = 'data'): Rule => ({
	id: 'words',
	kind: 'limit',
	text: 'Body length in words: 25–77',
	basis,
	confidence: 0.8,
	min: 25,
	max: 77,
	evidence: {
		sources: ['all'],
		n: 123,
		bySource: {
			brand: { n: 45, median: brandMedian },
			Globex: { n: 39, median: 41 },
			Initech: { n: 39, median: 52 },
		},
	},
});

describe('the report says when the limits are the competitors’ rather than the brand’s', () => {
	it('names a learned range the brand’s own median falls outside, with every source’s median', () => {
		expect(limitsOrigin([words(81)])).toEqual([
			"Body length in words: 25–77 follows the competitors, not the brand: the brand's own median is 81 (45 emails), the others' Globex 41, Initech 52. Learn from the brand's mail only to write at its length.",
		]);
	});

	it('says nothing when the brand sits inside, or the range is a default', () => {
		expect(limitsOrigin([words(60)])).toEqual([]);
		expect(limitsOrigin([words(81, 'default')])).toEqual([]);
	});
});
