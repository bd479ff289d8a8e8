/** Mailbox providers whose domain says nothing about the recipient's company. */
export const FREE_MAIL = new Set([
	'gmail.com',
	'googlemail.com',
	'outlook.com',
	'hotmail.com',
	'live.com',
	'yahoo.com',
	'icloud.com',
	'me.com',
	'aol.com',
	'proton.me',
	'protonmail.com',
	'gmx.com',
	'gmx.de',
	'web.de',
	'mail.com',
]);

/** Role addresses: their local part is not a person's name. */
export const ROLE_LOCAL = new Set(
	'info sales hello contact support admin team office marketing hr jobs billing accounts press help noreply no-reply ops finance'.split(
		' ',
	),
);

/** What a historical email tells about who it was written to: a first name and a company. */
export interface Recipient {
	firstName?: string;
	/** The company as its domain spells it, lower case and compact ("acmecorp"). */
	company?: string;
}

/** Lower case, letters and digits only: "Company 1" and "company1" compare equal. */
export const compact = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * The recipient from the greeting's name (else the address's first local-part token when it looks
 * like a name) and the company from the address's domain (not for free-mail domains).
 */
/** The first name-like token of an address's local part ("ray" of ray.k@…), lower case. */
export function readerToken(address: string | undefined): string | undefined {
	const local = (address ?? '').toLowerCase().split('@')[0];
	const token = /^([a-z]{2,})(?:[._-][a-z]+)?$/.exec(local)?.[1];
	return token && !ROLE_LOCAL.has(token) ? token : undefined;
}

export function recipientOf(address: string | undefined, greetingName?: string): Recipient {
	const domain = (address ?? '').toLowerCase().split('@')[1] ?? '';
	const fromLocal = readerToken(address);
	const label = domain.split('.')[0];
	return {
		firstName: greetingName ?? fromLocal,
		company: domain && !FREE_MAIL.has(domain) && label.length >= 3 ? compact(label) : undefined,
	};
}
