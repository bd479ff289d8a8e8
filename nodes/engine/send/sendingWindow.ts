/** Days and hours a prospect may receive mail, in the prospect's own time zone. */
export interface SendingWindow {
	/** 0 = Sunday … 6 = Saturday. */
	days: number[];
	startHour: number;
	endHour: number;
	/** Used when the prospect has no (valid) time zone. */
	defaultTimezone: string;
}

export const DEFAULT_WINDOW: SendingWindow = {
	days: [1, 2, 3, 4, 5],
	startHour: 8,
	endHour: 18,
	defaultTimezone: 'UTC',
};

const DAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function localTime(at: Date, timezone: string): { day: number; hour: number; minute: number } {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone: timezone,
			weekday: 'short',
			hour: 'numeric',
			minute: 'numeric',
			hourCycle: 'h23',
		})
			.formatToParts(at)
			.map((p) => [p.type, p.value]),
	);
	return { day: DAYS[parts.weekday], hour: Number(parts.hour), minute: Number(parts.minute) };
}

function validZone(timezone: string | null | undefined, fallback: string): string {
	if (!timezone) return fallback;
	try {
		new Intl.DateTimeFormat('en', { timeZone: timezone });
		return timezone;
	} catch {
		return fallback;
	}
}

/**
 * Null when `at` is inside the window for the prospect's time zone; otherwise the next instant the
 * window opens (found by stepping quarter hours, which is exact for every real zone offset).
 */
export function nextWindowStart(
	window: SendingWindow,
	timezone: string | null | undefined,
	at = new Date(),
): Date | null {
	const zone = validZone(timezone, window.defaultTimezone);
	const inside = (t: Date) => {
		const l = localTime(t, zone);
		return window.days.includes(l.day) && l.hour >= window.startHour && l.hour < window.endHour;
	};
	if (inside(at)) return null;
	const step = 15 * 60_000;
	let t = new Date(Math.ceil(at.getTime() / step) * step);
	for (let i = 0; i < 4 * 24 * 8; i++, t = new Date(t.getTime() + step)) if (inside(t)) return t;
	return new Date(at.getTime() + 7 * 86_400_000);
}
