import { LABELLED_MAIL } from '../../fixtures/labelledSalesMail';
import { signalsOf } from './helpers';

const REQUIRED = 0.95;

/** Share of the labelled set where the extractor agrees with the person's label, and the misses. */
function accuracy(label: 'cta' | 'opening') {
	const misses: string[] = [];
	for (const mail of LABELLED_MAIL) {
		const signals = signalsOf({ body: mail.body, to: mail.to });
		const got = label === 'cta' ? signals.cta.type : signals.opening.type;
		if (got !== mail[label]) {
			misses.push(`${mail.writer} → ${mail.to}: labelled ${mail[label]}, got ${got}`);
		}
	}
	return { share: 1 - misses.length / LABELLED_MAIL.length, misses };
}

describe('signals against a hand-labelled set of sales mail', () => {
	it('holds at least 80 messages from several writers, with every CTA type and opening type', () => {
		expect(LABELLED_MAIL.length).toBeGreaterThanOrEqual(80);
		expect(new Set(LABELLED_MAIL.map((m) => m.writer)).size).toBeGreaterThanOrEqual(6);
		expect(new Set(LABELLED_MAIL.map((m) => m.cta))).toEqual(
			new Set([
				'interest_question',
				'meeting_ask',
				'calendar_link',
				'other_link',
				'reply_request',
				'several',
				'none',
			]),
		);
		expect(new Set(LABELLED_MAIL.map((m) => m.opening)).size).toBe(3);
	});

	it.each(['cta', 'opening'] as const)(`classifies %s at ≥ ${REQUIRED * 100} %%`, (label) => {
		const { share, misses } = accuracy(label);
		// Printed so a run shows the number and each disagreement, not only pass or fail.
		console.log(
			`${label}: ${(share * 100).toFixed(1)} % of ${LABELLED_MAIL.length} labelled messages` +
				(misses.length ? `\n  ${misses.join('\n  ')}` : ''),
		);
		expect(share).toBeGreaterThanOrEqual(REQUIRED);
	});
});
