import { invalidInput } from '../errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rejects a malformed id before it reaches SQL, where it would surface as a cryptic cast error. */
export function assertCampaignId(value: unknown): string {
	const id = typeof value === 'string' ? value.trim() : '';
	if (!UUID.test(id)) {
		throw invalidInput(
			`Campaign ID must be a UUID, got "${String(value ?? '')}"`,
			'Use the "id" returned by the Create operation, or pick a campaign from the list.',
		);
	}
	return id.toLowerCase();
}
