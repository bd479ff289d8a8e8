import { invalidInput } from '../errors';
import { MIN_SECRET_BITS, secretBits } from '../util/secretStrength';

/** The shipped workflows' placeholder secret: good for a dry run, refused for real mail (anyone has it). */
export const TEMPLATE_SECRET = 'replace-with-a-long-random-secret';

/**
 * Why an unsubscribe URL and signing secret cannot be used, or null. `realMail`: the secret signs
 * links that leave (a real provider) or checks tokens that arrive (the unsubscribe webhook) — then
 * the shipped placeholder is refused too: anyone can sign a token with it, i.e. unsubscribe any
 * address in the world. Only a dry run (the outbox) may use it.
 */
export function unsubscribeSettingsProblem(
	settings: { unsubscribeUrl?: string; secret?: string },
	realMail: boolean,
): { message: string; description?: string } | null {
	// A dry run's links never leave the machine: an http n8n (WEBHOOK_URL) may write its outbox.
	const url = settings.unsubscribeUrl;
	if (url !== undefined && !/^https:\/\//i.test(url) && (realMail || !/^http:\/\//i.test(url)))
		return {
			message: 'Sending needs an https unsubscribe URL',
			description: `The unsubscribe URL is "${url.slice(0, 200)}". Set WEBHOOK_URL to n8n's public https address and make the credentials again (or edit the Sales Engine Unsubscribe credential): RFC 8058 one-click unsubscribe requires https.`,
		};
	if (!settings.secret || settings.secret.length < 16)
		return { message: 'The unsubscribe secret must be at least 16 characters' };
	if (realMail && settings.secret === TEMPLATE_SECRET)
		return {
			message: "The unsubscribe secret is still the shipped workflows' placeholder",
			description:
				'Anyone can sign unsubscribe links with it. Set a long random secret in the Sales Engine Unsubscribe credential before sending real mail or answering unsubscribe links; the dry-run outbox accepts it.',
		};
	// Real links need a secret nobody guesses; the dry-run outbox signs nothing that leaves.
	const bits = Math.floor(secretBits(settings.secret));
	if (realMail && bits < MIN_SECRET_BITS)
		return {
			message: `The unsubscribe secret is too easy to guess (about ${bits} bits; at least ${MIN_SECRET_BITS} needed)`,
			description:
				'Anyone who guesses it can unsubscribe any address. Make one with: openssl rand -base64 32',
		};
	return null;
}

/** Throws the problem of `unsubscribeSettingsProblem` as the engine's invalid-input error. */
export function checkUnsubscribeSettings(
	settings: { unsubscribeUrl?: string; secret?: string },
	realMail: boolean,
): void {
	const problem = unsubscribeSettingsProblem(settings, realMail);
	if (problem) throw invalidInput(problem.message, problem.description);
}
