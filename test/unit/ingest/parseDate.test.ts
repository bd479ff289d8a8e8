import { parseDate } from '../../../nodes/engine/ingest/parseDate';

const now = new Date('2026-12-05T23:40:00Z');
const iso = (value: unknown, reading = {}) =>
	parseDate(value, { now, ...reading })?.date?.toISOString();
const warning = (value: unknown, reading = {}) => parseDate(value, { now, ...reading })?.warning;

describe('parseDate: one reader for every source', () => {
	it('reads RFC 2822 as mail writes it: comments, a wrong weekday, obsolete zones, two-digit years', () => {
		expect(iso('Mon, 1 Dec 2025 10:00:00 -0800 (PST)')).toBe('2025-12-01T18:00:00.000Z');
		expect(iso('Fri, 01 Dec 2025 10:00:00 +0000')).toBe('2025-12-01T10:00:00.000Z');
		expect(iso('Mon, 01 Dec 2025 10:00:00 EST')).toBe('2025-12-01T15:00:00.000Z');
		expect(iso('1 Dec 25 10:00 GMT')).toBe('2025-12-01T10:00:00.000Z');
	});

	it('reads ISO 8601, epoch seconds and milliseconds, written-out dates; zone-less ones in the given zone', () => {
		expect(iso('2025-12-31T10:00:00Z')).toBe('2025-12-31T10:00:00.000Z');
		expect(iso('2025-12-31 10:00', { zone: 'Europe/Berlin' })).toBe('2025-12-31T09:00:00.000Z');
		expect(iso(1767175200)).toBe('2025-12-31T10:00:00.000Z');
		expect(iso('1767175200000')).toBe('2025-12-31T10:00:00.000Z');
		expect(iso('December 31, 2025 10:00 AM')).toBe('2025-12-31T10:00:00.000Z');
		expect(iso('31 Dec 2025')).toBe('2025-12-31T00:00:00.000Z');
	});

	it('reads day/month order only when it is unambiguous, or as told', () => {
		expect(iso('31/12/2025')).toBe('2025-12-31T00:00:00.000Z');
		expect(iso('12/31/2025 3:05 PM')).toBe('2025-12-31T15:05:00.000Z');
		expect(warning('03/04/2025')).toMatch(/ambiguous .*Date Order option; stored undated$/);
		expect(iso('03/04/2025', { order: 'dmy' })).toBe('2025-04-03T00:00:00.000Z');
		expect(iso('03/04/2025', { order: 'mdy' })).toBe('2025-03-04T00:00:00.000Z');
		expect(iso('04/04/2025')).toBe('2025-04-04T00:00:00.000Z');
	});

	it('never rolls an invalid day over and refuses dates outside 1971 to two days ahead', () => {
		expect(warning('2026-02-30')).toMatch(/^date "2026-02-30" is not a valid date/);
		expect(warning('31/02/2026')).toMatch(/not a valid date/);
		expect(warning('Sat, 01 Jan 10000 00:00:00 +0000')).toMatch(/stored undated$/);
		expect(warning('Sat, 01 Jan 0001 00:00:00 +0000')).toMatch(/outside 1971 to 2026/);
		expect(warning('0000-01-01')).toMatch(/outside 1971/);
		expect(warning('-000001-01-01T00:00:00Z')).toMatch(/outside 1971/);
		expect(warning('2026-12-09T00:00:00Z')).toMatch(/outside 1971 to 2026/);
		expect(iso('2026-12-07T00:00:00Z')).toBe('2026-12-07T00:00:00.000Z');
	});

	it('says what it got when the value is no date at all, and never throws', () => {
		expect(parseDate(undefined)).toBeUndefined();
		expect(parseDate('')).toBeUndefined();
		expect(warning('soon')).toMatch(/^date "soon" is not in a known date format/);
		expect(warning({ when: 'now' })).toBe('date field holds an object, not a date; stored undated');
		expect(warning('x'.repeat(5000))).toMatch(/is 5000 characters long; stored undated$/);
		expect(warning(new Date(Number.NaN))).toMatch(/an invalid date/);
	});
});
