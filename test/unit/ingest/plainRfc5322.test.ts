import { DateTime } from 'luxon';

import { parseDate, plainRfc5322 } from '../../../nodes/engine/ingest/parseDate';

/** A small deterministic generator (mulberry32): the same dates on every run. */
function random(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Dates in the plain form, most valid, some with a field out of range (day 31 of April, hour 24…). */
function plainDates(count: number): string[] {
	const next = random(5322);
	const pick = (n: number) => Math.floor(next() * n);
	return Array.from({ length: count }, () => {
		const day = 1 + pick(32);
		const weekday =
			next() < 0.7 ? `${['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][pick(7)]}, ` : '';
		const time = `${pad(pick(25))}:${pad(pick(61))}${next() < 0.8 ? `:${pad(pick(61))}` : ''}`;
		const zone =
			next() < 0.15
				? 'GMT'
				: `${next() < 0.5 ? '-' : '+'}${pad(pick(next() < 0.9 ? 15 : 100))}${pad(next() < 0.9 ? [0, 30, 45][pick(3)] : pick(100))}`;
		const year = 1960 + pick(80);
		return `${weekday}${next() < 0.5 ? pad(day) : day} ${MONTHS[pick(12)]} ${year} ${time} ${zone}`;
	});
}

/** What the general reader (luxon's RFC 2822 parser, the weekday left out) makes of a date. */
const general = (text: string) =>
	DateTime.fromRFC2822(text.replace(/^[A-Za-z]{3}, /, ''), { zone: 'utc' });

describe('plainRfc5322: the fast reading of the usual mail date', () => {
	it('agrees with the general reader on every one of 20,000 dates it reads, and reads only valid ones', () => {
		let read = 0;
		let declined = 0;
		for (const text of plainDates(20_000)) {
			const fast = plainRfc5322(text);
			const slow = general(text);
			if (fast === undefined) {
				declined++;
				continue;
			}
			read++;
			expect({ text, valid: slow.isValid, ms: slow.toMillis() }).toEqual({
				text,
				valid: true,
				ms: fast,
			});
		}
		// Both kinds were exercised: the generator is not all-valid or all-broken.
		expect(read).toBeGreaterThan(10_000);
		expect(declined).toBeGreaterThan(2_000);
	});

	it('declines field values out of range, leaving the general reader to say why', () => {
		for (const text of [
			'31 Apr 2025 10:00:00 +0000',
			'29 Feb 2025 10:00:00 +0000',
			'1 Jan 2025 24:00:00 +0000',
			'1 Jan 2025 10:60:00 +0000',
			'1 Jan 2025 10:00:60 +0000',
			'1 Jan 2025 10:00:00 +0060',
			'1 Jan 0099 10:00:00 +0000',
			'1 jan 2025 10:00:00 +0000',
			'1 Jan 2025 10:00:00 EST',
		])
			expect(plainRfc5322(text)).toBeUndefined();
		expect(plainRfc5322('29 Feb 2024 10:00:00 +0000')).toBe(Date.UTC(2024, 1, 29, 10));
		expect(parseDate('29 Feb 2025 10:00:00 +0000')?.warning).toMatch(/not a valid date/);
		expect(parseDate('1 Jan 2025 10:00:00 EST')?.date?.toISOString()).toBe(
			'2025-01-01T15:00:00.000Z',
		);
	});

	it('reads UTC as the zone it names, where the general reader knew only GMT and UT', () => {
		expect(plainRfc5322('Wed, 1 Jan 2025 10:00 UTC')).toBe(Date.UTC(2025, 0, 1, 10));
		expect(parseDate('Wed, 1 Jan 2025 10:00 UTC')?.date?.toISOString()).toBe(
			'2025-01-01T10:00:00.000Z',
		);
		// Outside the plain form too (two spaces, a lower-case zone): the general reader's forms.
		expect(parseDate('Wed,  1 Jan 2025 10:00 utc')?.date?.toISOString()).toBe(
			'2025-01-01T10:00:00.000Z',
		);
	});
});
