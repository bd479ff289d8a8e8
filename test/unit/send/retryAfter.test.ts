import { retryAfterMs } from '../../../nodes/engine/send/providers/retryAfter';

describe('Retry-After (RFC 9110 §10.2.3)', () => {
	const now = Date.parse('2026-12-06T10:00:00Z');

	it('reads delay-seconds and the three HTTP-date forms', () => {
		expect(retryAfterMs('45', now)).toBe(45_000);
		expect(retryAfterMs(' 0 ', now)).toBe(0);
		expect(retryAfterMs(['120'], now)).toBe(120_000);
		expect(retryAfterMs('Sun, 06 Dec 2026 10:01:30 GMT', now)).toBe(90_000);
		expect(retryAfterMs('Sunday, 06-Dec-26 10:00:10 GMT', now)).toBe(10_000);
		expect(retryAfterMs('Sun Dec  6 10:00:05 2026', now)).toBe(5_000);
	});

	it('takes a date in the past as now, and gives up on anything else', () => {
		expect(retryAfterMs('Sat, 05 Dec 2026 10:00:00 GMT', now)).toBe(0);
		for (const bad of [
			'',
			'-5',
			'1.5',
			'1e3',
			'soon',
			'x'.repeat(100),
			'99999999999',
			undefined,
			null,
		])
			expect(retryAfterMs(bad, now)).toBeUndefined();
	});
});
