import type { Check } from './Check';

/**
 * The one-click unsubscribe endpoint answers an RFC 8058 POST over https (a request without a
 * token: any answer but a server error shows the endpoint is there; nothing is unsubscribed).
 */
export async function unsubscribeEndpointCheck(
	url: string,
	timeoutMs = 5000,
	post: typeof fetch = fetch,
): Promise<Check> {
	const base = { check: 'unsubscribe' as const, domain: url };
	if (!/^https:\/\//i.test(url))
		return {
			...base,
			ok: false,
			message: `The unsubscribe URL ${url || '(empty)'} is not https`,
			fix: "Set the https address of the Unsubscribe workflow's webhook in the Sales Engine Unsubscribe credential",
		};
	try {
		const response = await post(url, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'List-Unsubscribe=One-Click',
			signal: AbortSignal.timeout(timeoutMs),
			redirect: 'manual',
		});
		await response.body?.cancel();
		if (response.status < 500)
			return {
				...base,
				ok: true,
				message: `The unsubscribe endpoint answers (${response.status})`,
			};
		return {
			...base,
			ok: false,
			message: `The unsubscribe endpoint answers ${response.status}`,
			fix: 'Activate the Unsubscribe workflow and check its executions for the error',
		};
	} catch (error) {
		const e = error as { cause?: { code?: string; message?: string }; message: string };
		return {
			...base,
			ok: false,
			message: `The unsubscribe endpoint does not answer: ${e.cause?.code ?? e.cause?.message ?? e.message}`,
			fix: 'Activate the Unsubscribe workflow and make its webhook reachable from the internet over https',
		};
	}
}
