/** One deliverability check's verdict; `fix` says exactly what to change when it fails. */
export interface Check {
	check: 'spf' | 'dkim' | 'dmarc' | 'mx' | 'unsubscribe' | 'postalAddress';
	/** The domain (or URL) checked. */
	domain: string;
	ok: boolean;
	message: string;
	fix?: string;
}
