import { signalsOf } from './helpers';

const value = (body: string) => signalsOf({ body }).value;

describe('value-orientation signals', () => {
	it('weighs you/your against I/we/our', () => {
		expect(value('You told us your team closes in ten days. You deserve better.')).toMatchObject({
			youCount: 3,
			weCount: 1,
			youWeRatio: 0.75,
			orientation: 'prospect',
		});
		expect(value('We are the leader. Our platform is what we built for you.')).toMatchObject({
			orientation: 'sender',
		});
		expect(value('Ten days. Every month.')).toMatchObject({
			youWeRatio: null,
			orientation: 'none',
		});
	});

	it('finds problems, outcomes and proof', () => {
		expect(
			value(
				'Manual reconciliation is slow. Teams like yours cut it by 30% and save 12 hours a week; we helped Acme go 3x faster for $40k.',
			),
		).toMatchObject({
			problemTerms: ['manual', 'slow'],
			outcomeTerms: ['save', 'cut', 'faster', 'hours'],
			proofNumbers: ['30%', '12 hours', '3x', '$40k'],
			proofReferences: 2,
		});
	});
});
