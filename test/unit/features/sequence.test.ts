import { cadenceBucket } from '../../../nodes/engine/features/sequenceSignals';
import { signalsOf } from './helpers';

const DAY = 86_400;

describe('sequence signals', () => {
	it('buckets the gap to the previous touch', () => {
		const cases: Array<[number, string]> = [
			[0.5, 'same_day'],
			[1, '1-2d'],
			[2.99, '1-2d'],
			[3, '3-4d'],
			[4.9, '3-4d'],
			[5, '5-7d'],
			[7.9, '5-7d'],
			[8, '8-14d'],
			[14.9, '8-14d'],
			[15, '15+d'],
			[40, '15+d'],
		];
		for (const [days, bucket] of cases) expect([days, cadenceBucket(days)]).toEqual([days, bucket]);
	});

	it('numbers the step, converts the gap to days, and has none on a first touch', () => {
		expect(signalsOf({ body: 'Hello.', threadPosition: 1 }).sequence).toEqual({
			step: 1,
			followUpIndex: 0,
			gapDays: null,
			cadenceBucket: null,
			similarityToPrevious: null,
			repeatsPrevious: null,
		});
		expect(
			signalsOf({
				body: 'Following up.',
				threadPosition: 3,
				gapSeconds: 3.5 * DAY,
				previousBody: 'Hi.',
			}).sequence,
		).toMatchObject({ step: 3, followUpIndex: 2, gapDays: 3.5, cadenceBucket: '3-4d' });
	});

	it('tells a follow-up that repeats the previous touch from one that says something new', () => {
		const first =
			'Hi Kim,\n\nSaw your post on month-end close. We help finance teams close in 3 days.\n\nWorth a look?\n\nBest,\nDana';
		const bump = `Hi Kim,\n\nBumping this up.\n\nSaw your post on month-end close. We help finance teams close in 3 days.\n\nWorth a look?\n\nBest,\nDana`;
		const fresh =
			'Hi Kim,\n\nOne more idea: the audit trail alone saved Initech a week last quarter.\n\nShould I send the case study?\n\nBest,\nDana';
		const repeat = signalsOf({
			body: bump,
			threadPosition: 2,
			gapSeconds: DAY,
			previousBody: first,
		});
		expect(repeat.sequence.repeatsPrevious).toBe(true);
		expect(repeat.sequence.similarityToPrevious).toBeGreaterThan(0.6);
		const varied = signalsOf({
			body: fresh,
			threadPosition: 2,
			gapSeconds: DAY,
			previousBody: first,
		});
		expect(varied.sequence).toMatchObject({ repeatsPrevious: false });
		expect(varied.sequence.similarityToPrevious).toBeLessThan(0.1);
	});
});
