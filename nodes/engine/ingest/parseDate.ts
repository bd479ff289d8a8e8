import { DateTime } from 'luxon';

/** How a date like 03/04/2025 is read: by its day/month order, or only when it is unambiguous. */
export type DateOrder = 'auto' | 'dmy' | 'mdy';

export interface DateReading {
	/** Default 'auto': 31/12/2025 and 12/31/2025 are read, 03/04/2025 is not (undated, warned). */
	order?: DateOrder;
	/** IANA zone for dates written without one (a CSV's "2025-12-31 10:00"); default UTC. */
	zone?: string;
	/** The clock the sane window is measured from (tests); default now. */
	now?: Date;
}

/** A date, or why the message is stored undated. Never throws: a bad date never costs a message. */
export type ParsedDate =
	{ date: Date; warning?: undefined } | { date?: undefined; warning: string };

/** Mail older than this is not mail (the first e-mail was sent in 1971). */
const EARLIEST = Date.UTC(1971, 0, 1);
/** A date further ahead than this is a broken clock, not a scheduled send. */
const AHEAD_MS = 2 * 86_400_000;
/** Longer strings are not dates; they are refused before any parser sees them. */
const MAX_DATE_CHARS = 100;

const WEEKDAY = /^[A-Za-z]{3,9},\s*/;
const COMMENT = /\([^()]*\)/g;
const NUMERIC = /^\d{9,13}(\.\d+)?$/;
const SLASHED =
	/^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;
/** Formats seen in CRM and spreadsheet exports besides ISO 8601 and RFC 2822. */
const WRITTEN_FORMATS = [
	'MMMM d, yyyy',
	'MMMM d, yyyy h:mm a',
	'MMMM d, yyyy H:mm',
	'MMM d, yyyy',
	'MMM d, yyyy h:mm a',
	'MMM d, yyyy H:mm',
	'd MMMM yyyy',
	'd MMMM yyyy H:mm',
	'd MMM yyyy',
	'd MMM yyyy H:mm',
];

const show = (value: string) =>
	JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

function fromNumber(value: number): DateTime {
	// Seconds or milliseconds since 1970: ms values have 13 digits for any date after 2001.
	return DateTime.fromMillis(Math.abs(value) < 1e11 ? value * 1000 : value, { zone: 'utc' });
}

function fromSlashed(match: RegExpExecArray, order: DateOrder, zone: string): DateTime | string {
	const [a, b] = [Number(match[1]), Number(match[2])];
	let dayFirst: boolean;
	if (order !== 'auto') dayFirst = order === 'dmy';
	else if (a > 12 && b <= 12) dayFirst = true;
	else if (b > 12 && a <= 12) dayFirst = false;
	else if (a === b) dayFirst = true;
	else return 'is ambiguous (day/month or month/day?): set the Date Order option';
	let hour = Number(match[4] ?? 0);
	const meridiem = match[7]?.toLowerCase();
	if (meridiem) hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
	return DateTime.fromObject(
		{
			year: Number(match[3]),
			month: dayFirst ? b : a,
			day: dayFirst ? a : b,
			hour,
			minute: Number(match[5] ?? 0),
			second: Number(match[6] ?? 0),
		},
		{ zone },
	);
}

const MONTH = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b/gi;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/**
 * The form nearly every mailer writes, RFC 5322 §3.3 without its obsolete parts:
 * "Wed, 1 Jan 2020 10:00:00 +0100".
 */
const PLAIN_RFC5322 =
	/^(?:[A-Z][a-z]{2}, )?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d\d):(\d\d)(?::(\d\d))? (?:([+-])(\d\d)(\d\d)|GMT|UTC?)$/;

/**
 * That form read without luxon, in ms since 1970: luxon's RFC 2822 reader took 14 % of a parser
 * thread's time on a 20k-message mbox, and the mbox separators' dates 333 ms of the main thread's.
 * Anything else, or a field out of range, is left to the general reader (undefined), which also
 * says why a date is wrong; a test holds the two equal on every date this one reads.
 */
export function plainRfc5322(text: string): number | undefined {
	const m = PLAIN_RFC5322.exec(text);
	if (!m) return undefined;
	const month = MONTHS.indexOf(m[2]);
	const [day, year, hour, minute, second] = [m[1], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
	const [offsetHours, offsetMinutes] = [Number(m[8] ?? 0), Number(m[9] ?? 0)];
	if (month < 0 || year < 1000 || hour > 23 || minute > 59 || second > 59 || offsetMinutes > 59)
		return undefined;
	if (day < 1 || day > new Date(Date.UTC(year, month + 1, 0)).getUTCDate()) return undefined;
	const local = Date.UTC(year, month, day, hour, minute, second);
	return local - (m[7] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
}

/**
 * The forms of a mail date RFC 5322 reads but a strict parser does not: the obsolete zones "UT" (and
 * the "UTC" mailers write) and
 * military letters ("Z" is UTC; the others were defined backwards, so §4.3 reads them as -0000),
 * IMAP's "03-Mar-2026 10:00:00 +0000", and a month in any case.
 */
function rfc5322Forms(header: string): string {
	return header
		.replace(/^(\d{1,2})-([A-Za-z]{3})-(\d{4})\b/, '$1 $2 $3')
		.replace(MONTH, (m) => m[0].toUpperCase() + m.slice(1).toLowerCase())
		.replace(/ UTC?$/i, ' +0000')
		.replace(/ [Zz]$/, ' +0000')
		.replace(/ [A-IK-Ya-ik-y]$/, ' -0000');
}

function fromText(text: string, order: DateOrder, zone: string): DateTime | number | string {
	const plain = plainRfc5322(text);
	if (plain !== undefined) return plain;
	// RFC 2822 (mail headers): without the comment and the weekday, which real mail gets wrong.
	const header = rfc5322Forms(
		text.replace(COMMENT, ' ').replace(WEEKDAY, '').replace(/\s+/g, ' ').trim(),
	);
	const rfc = DateTime.fromRFC2822(header, { zone: 'utc' });
	if (rfc.isValid || /^\d{1,2} [A-Za-z]{3} \d+ /.test(header)) return rfc;
	const iso = DateTime.fromISO(text, { zone });
	if (iso.isValid || /^[+-]?\d{4,6}-\d\d/.test(text)) {
		return iso.isValid ? iso : DateTime.fromSQL(text, { zone });
	}
	const slashed = SLASHED.exec(text);
	if (slashed) return fromSlashed(slashed, order, zone);
	for (const format of WRITTEN_FORMATS) {
		const written = DateTime.fromFormat(text, format, { zone, locale: 'en-US' });
		if (written.isValid) return written;
	}
	return 'is not in a known date format (such as 2025-12-31T10:00:00Z, Wed, 31 Dec 2025 10:00:00 +0000 or 31/12/2025)';
}

/**
 * The one date reader of every source (Date headers, CSV and JSON columns, n8n items): RFC 2822,
 * ISO 8601, epoch seconds or milliseconds, d/m/yyyy or m/d/yyyy by `order`, and written-out dates.
 * An invalid day (30 February) is refused, never rolled over; a date outside 1971 to two days from
 * now is refused. Refused dates come back as a warning: the message is stored undated.
 */
export function parseDate(value: unknown, reading: DateReading = {}): ParsedDate | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const order = reading.order ?? 'auto';
	const zone = reading.zone ?? 'utc';
	let parsed: DateTime | number | string;
	let shown: string;
	if (value instanceof Date) {
		parsed = DateTime.fromJSDate(value, { zone: 'utc' });
		shown = Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
	} else if (
		typeof value === 'number' ||
		(typeof value === 'string' && NUMERIC.test(value.trim()))
	) {
		parsed = fromNumber(Number(value));
		shown = String(value);
	} else if (typeof value === 'string') {
		const text = value.trim();
		shown = show(text);
		parsed =
			text.length > MAX_DATE_CHARS
				? `is ${text.length} characters long`
				: fromText(text, order, zone);
	} else {
		return {
			warning: `date field holds ${typeof value === 'object' ? 'an object' : `a ${typeof value}`}, not a date; stored undated`,
		};
	}
	if (typeof parsed === 'string') return { warning: `date ${shown} ${parsed}; stored undated` };
	if (typeof parsed !== 'number' && !parsed.isValid) {
		const why = parsed.invalidExplanation ?? 'is not a date';
		return { warning: `date ${shown} is not a valid date (${why}); stored undated` };
	}
	const ms = typeof parsed === 'number' ? parsed : parsed.toMillis();
	const latest = (reading.now ?? new Date()).getTime() + AHEAD_MS;
	if (ms < EARLIEST || ms > latest) {
		return {
			warning: `date ${shown} is outside 1971 to ${new Date(latest).getUTCFullYear()}; stored undated`,
		};
	}
	return { date: new Date(ms) };
}
