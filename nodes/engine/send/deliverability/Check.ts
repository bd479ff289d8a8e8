/** A DNS record as the fix names it: publishing it (in place of that type's records at that name) makes the check pass. */
export interface PublishRecord {
	type: 'TXT' | 'MX';
	name: string;
	/** TXT: the record's text; MX: the exchange's host name. */
	value: string;
}

/**
 * One deliverability check's verdict. `fail`: receivers will reject, junk or not authenticate the
 * mail; `warn`: it passes, but with a known cost the message names; `pass`. `fix` says exactly
 * what to change, and `record` is the record to publish when the fix is one.
 */
export interface Check {
	check: 'spf' | 'dkim' | 'dmarc' | 'mx' | 'unsubscribe' | 'postalAddress';
	/** The domain (or URL) checked. */
	domain: string;
	/** False only when `level` is `fail`. */
	ok: boolean;
	level: 'pass' | 'warn' | 'fail';
	message: string;
	/** The standard the verdict follows (RFC 7208 §4.6.4, …). */
	rfc?: string;
	fix?: string;
	record?: PublishRecord;
}

type Verdict = Omit<Check, 'ok' | 'level' | 'check' | 'domain'>;

/** The verdict helpers every check uses, so `ok` and `level` always agree. */
export const verdicts = (check: Check['check'], domain: string) => ({
	pass: (v: Verdict): Check => ({ check, domain, ok: true, level: 'pass', ...v }),
	warn: (v: Verdict): Check => ({ check, domain, ok: true, level: 'warn', ...v }),
	fail: (v: Verdict): Check => ({ check, domain, ok: false, level: 'fail', ...v }),
});
