/** A postgres URL fit for messages and logs: the password is replaced, the rest kept. */
export function redactUrl(connectionString: string): string {
	try {
		const url = new URL(connectionString);
		if (url.password) url.password = '***';
		return url.toString();
	} catch {
		return '(unparseable URL)';
	}
}
