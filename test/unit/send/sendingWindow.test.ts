import { DEFAULT_WINDOW, nextWindowStart } from '../../../nodes/engine/send/sendingWindow';

// Every instant is given explicitly: the window depends on the prospect's zone, never on the
// machine's clock or TZ (the suite also runs under a faked Saturday-night clock and a far TZ).
describe('sending window', () => {
	it('is open on a weekday afternoon in the prospect zone, closed at night', () => {
		const wednesdayNoonUtc = new Date('2026-12-02T12:00:00Z');
		expect(nextWindowStart(DEFAULT_WINDOW, 'UTC', wednesdayNoonUtc)).toBeNull();
		// 12:00 UTC is 04:00 in Los Angeles: closed until 08:00 there (16:00 UTC).
		expect(nextWindowStart(DEFAULT_WINDOW, 'America/Los_Angeles', wednesdayNoonUtc)).toEqual(
			new Date('2026-12-02T16:00:00Z'),
		);
	});

	it('jumps over the weekend, in zones on both sides of the date line', () => {
		const fridayNight = new Date('2026-12-04T22:00:00Z');
		expect(nextWindowStart(DEFAULT_WINDOW, 'UTC', fridayNight)).toEqual(
			new Date('2026-12-07T08:00:00Z'),
		);
		// Already Saturday 12:00 in Kiritimati (UTC+14): Monday 08:00 there is Sunday 18:00 UTC.
		expect(nextWindowStart(DEFAULT_WINDOW, 'Pacific/Kiritimati', fridayNight)).toEqual(
			new Date('2026-12-06T18:00:00Z'),
		);
		// Still Friday 11:00 in Pago Pago (UTC−11): open.
		expect(nextWindowStart(DEFAULT_WINDOW, 'Pacific/Pago_Pago', fridayNight)).toBeNull();
	});

	it('uses the default zone for a missing or unknown zone, and half-hour offsets exactly', () => {
		const at = new Date('2026-12-02T02:00:00Z');
		const berlin = { ...DEFAULT_WINDOW, defaultTimezone: 'Europe/Berlin' };
		expect(nextWindowStart(berlin, null, at)).toEqual(new Date('2026-12-02T07:00:00Z'));
		expect(nextWindowStart(berlin, 'Mars/Olympus_Mons', at)).toEqual(
			new Date('2026-12-02T07:00:00Z'),
		);
		// Kolkata is UTC+5:30: 08:00 there is 02:30 UTC.
		expect(nextWindowStart(DEFAULT_WINDOW, 'Asia/Kolkata', at)).toEqual(
			new Date('2026-12-02T02:30:00Z'),
		);
	});

	it('a window open every day and hour is open at any instant', () => {
		const always = {
			days: [0, 1, 2, 3, 4, 5, 6],
			startHour: 0,
			endHour: 24,
			defaultTimezone: 'UTC',
		};
		for (let h = 0; h < 24 * 7; h += 5) {
			const at = new Date(Date.UTC(2026, 11, 5, h, 17));
			expect(nextWindowStart(always, 'Pacific/Kiritimati', at)).toBeNull();
			expect(nextWindowStart(always, 'Pacific/Pago_Pago', at)).toBeNull();
		}
	});
});
