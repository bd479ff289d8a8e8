/**
 * Syntax check for addresses people type or import: the WHATWG "valid e-mail address" grammar (what
 * browsers accept in <input type=email>), plus a dot in the domain since sales mail never goes to a
 * bare host name.
 */
const EMAIL =
	/^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

export function isEmailAddress(value: string): boolean {
	return value.length <= 254 && EMAIL.test(value);
}

/** Lower-cased and trimmed: how addresses are compared for duplicates and suppressions. */
export function normalizeEmail(value: string): string {
	return value.trim().toLowerCase();
}

export function emailDomain(value: string): string {
	return normalizeEmail(value).split('@')[1] ?? '';
}
