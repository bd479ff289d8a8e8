import { type Check, verdicts } from './Check';
import { unsubscribeToken } from '../unsubscribeToken';

/** The campaign a preflight's probe token names: the unsubscribe step answers it and stores nothing. */
export const PROBE_CAMPAIGN = 'deliverability-probe';
export const PROBE_ADDRESS = 'probe@deliverability.invalid';

/** Why an answer other than 2xx, as a person fixing it needs to hear it. */
function causeOf(status: number, location: string | null): string {
	if (status === 404)
		return 'n8n answers 404 for the webhook of an inactive workflow, and for a path no workflow has: activate the Unsubscribe workflow and check that the URL is its production URL (not /webhook-test/)';
	if (status === 405)
		return 'the URL does not take POST (a proxy in front of n8n, or a GET-only route): one-click unsubscribe is a POST';
	if (status >= 300 && status < 400)
		return `it redirects${location ? ` to ${location}` : ''}: mailbox providers do not follow a redirect for a one-click POST, so set the final URL`;
	if (status === 401 || status === 403)
		return 'it asks for authentication: the one-click POST comes from the mailbox provider, with no credentials';
	if (status === 400)
		return 'it refused the signed test token: the Unsubscribe workflow checks with another secret than the sending credential';
	return 'the Unsubscribe workflow failed: check its executions for the error';
}

/**
 * The one-click unsubscribe endpoint as a mailbox provider uses it (RFC 8058 §3.1): an https POST
 * with `List-Unsubscribe=One-Click` to the URL with a token signed by the sending secret (for a
 * probe address the engine answers and stores nothing); it must answer 2xx, without a redirect.
 */
export async function unsubscribeEndpointCheck(
	url: string,
	options: { secret?: string; timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<Check> {
	const v = verdicts('unsubscribe', url);
	const rfc = 'RFC 8058 §3.1';
	if (!/^https:\/\//i.test(url))
		return v.fail({
			message: `The unsubscribe URL ${url || '(empty)'} is not https`,
			rfc,
			fix: "Set the https address of the Unsubscribe workflow's webhook in the Sales Engine Unsubscribe credential",
		});
	const token = options.secret
		? unsubscribeToken(options.secret, PROBE_CAMPAIGN, PROBE_ADDRESS)
		: '';
	const target = token ? `${url}${url.includes('?') ? '&' : '?'}token=${token}` : url;
	try {
		const response = await (options.fetch ?? fetch)(target, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'List-Unsubscribe=One-Click',
			signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
			redirect: 'manual',
		});
		await response.body?.cancel();
		if (response.status >= 200 && response.status < 300)
			return v.pass({
				message: `The unsubscribe endpoint takes a one-click POST (${response.status})`,
				rfc,
			});
		return v.fail({
			message: `The unsubscribe endpoint answers a one-click POST with ${response.status}: ${causeOf(response.status, response.headers.get('location'))}`,
			rfc,
			fix: 'Activate the Unsubscribe workflow and set its production webhook URL, reachable over https without redirects, in the Sales Engine Unsubscribe credential',
		});
	} catch (error) {
		const e = error as { cause?: { code?: string; message?: string }; message: string };
		return v.fail({
			message: `The unsubscribe endpoint does not answer: ${e.cause?.code ?? e.cause?.message ?? e.message}`,
			rfc,
			fix: 'Activate the Unsubscribe workflow and make its webhook reachable from the internet over https',
		});
	}
}
