import { invalidInput } from '../errors';
import { normalizeEmail } from '../mail/emailAddress';
import { isFreeMail, isRole } from './verify/addressLists';
import { parseAddress } from './verify/addressSyntax';
import type { ProspectFlags, ProspectInput } from './types';

/** Column names people use, compacted (lower case, letters and digits only) → our field. */
const FIELDS: Record<string, keyof Omit<ProspectInput, 'signals'>> = {
	email: 'email',
	emailaddress: 'email',
	workemail: 'email',
	firstname: 'firstName',
	first: 'firstName',
	givenname: 'firstName',
	lastname: 'lastName',
	last: 'lastName',
	surname: 'lastName',
	familyname: 'lastName',
	company: 'company',
	companyname: 'company',
	organization: 'company',
	organisation: 'company',
	account: 'company',
	title: 'title',
	jobtitle: 'title',
	role: 'title',
	website: 'website',
	url: 'website',
	companywebsite: 'website',
	timezone: 'timezone',
	tz: 'timezone',
};

const compactKey = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, '');

const text = (value: unknown): string | undefined => {
	if (value === null || value === undefined) return undefined;
	const s = (typeof value === 'object' ? JSON.stringify(value) : String(value)).trim();
	return s ? s.slice(0, 2000) : undefined;
};

/**
 * A prospect from one record (an n8n item's JSON or a CSV row): known columns by their usual
 * names, everything else (recent post, funding news…) kept as signals. Throws INVALID_INPUT
 * naming the record when the email is missing or malformed.
 */
export function prospectFromRecord(record: Record<string, unknown>, where: string): ProspectInput {
	const prospect: ProspectInput = { email: '', signals: {} };
	for (const [key, value] of Object.entries(record)) {
		const field = FIELDS[compactKey(key)];
		if (key === 'signals' && value && typeof value === 'object') {
			for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
				const s = text(v);
				if (s) prospect.signals[k] = s;
			}
		} else if (field) {
			const s = text(value);
			if (s) prospect[field] = s;
		} else {
			const s = text(value);
			if (s) prospect.signals[key] = s;
		}
	}
	if (!prospect.email) {
		throw invalidInput(
			`${where} has no email`,
			`Give each prospect an "email" field (found: ${Object.keys(record).join(', ') || 'no fields'}).`,
		);
	}
	const parsed = parseAddress(prospect.email);
	if ('error' in parsed) {
		throw invalidInput(
			`${where}: "${prospect.email.slice(0, 254)}" is not a valid email address: it ${parsed.error}`,
		);
	}
	return prospect;
}

/** What to tell the reviewer about a prospect that is valid but worth a look. */
export function prospectFlags(p: ProspectInput): ProspectFlags {
	const [local, domain] = normalizeEmail(p.email).split('@');
	const flags: ProspectFlags = {};
	// The address check's lists (drafts/verify), so a flag and a finding never disagree.
	if (isRole(local)) flags.roleAddress = true;
	if (isFreeMail(domain)) flags.freeMail = true;
	if (p.timezone) {
		try {
			new Intl.DateTimeFormat('en', { timeZone: p.timezone });
		} catch {
			flags.invalidTimezone = p.timezone;
		}
	}
	return flags;
}
