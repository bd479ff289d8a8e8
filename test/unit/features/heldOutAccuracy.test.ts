import { FROZEN_SHA256, heldOutHash, heldOutMail } from '../../fixtures/heldOutSalesMail';
import { signalsOf } from './helpers';

const REQUIRED = 0.95;
const MAIL = heldOutMail();

/** Share of the held-out set where the extractor agrees with the reader's label, and the misses. */
function accuracy(label: 'cta' | 'opening') {
	const misses: string[] = [];
	for (const mail of MAIL) {
		const signals = signalsOf({ body: mail.body, to: mail.to });
		const got = label === 'cta' ? signals.cta.type : signals.opening.type;
		if (got !== mail[label])
			misses.push(`${mail.writer} → ${mail.to}: labelled ${mail[label]}, got ${got}`);
	}
	return { share: 1 - misses.length / MAIL.length, misses };
}

describe('signals against the frozen held-out set (304 emails, 17 styles)', () => {
	it('is the frozen set: 300+ emails, 15+ styles, every label, unchanged since it was frozen', () => {
		expect(MAIL.length).toBeGreaterThanOrEqual(300);
		expect(new Set(MAIL.map((m) => m.writer)).size).toBeGreaterThanOrEqual(15);
		expect(new Set(MAIL.map((m) => m.cta)).size).toBe(7);
		expect(new Set(MAIL.map((m) => m.opening)).size).toBe(3);
		expect(heldOutHash()).toBe(FROZEN_SHA256);
	});

	it.each(['cta', 'opening'] as const)(`classifies %s at ≥ ${REQUIRED * 100} %%`, (label) => {
		const { share, misses } = accuracy(label);
		console.log(
			`${label}: ${(share * 100).toFixed(1)} % of ${MAIL.length} held-out messages` +
				(misses.length ? `\n  ${misses.join('\n  ')}` : ''),
		);
		expect(share).toBeGreaterThanOrEqual(REQUIRED);
	});
});
