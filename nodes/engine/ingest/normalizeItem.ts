import { limitFields } from './fieldLimits';
import { identify } from './messageIdentity';
import { normalizeFields } from './normalizeFields';
import { parseMime } from './parseMime';
import { stripNul } from './stripNul';
import type { IngestItem, NormalizedEmail } from './types';

export type ParsableItem = Exclude<IngestItem, { kind: 'error' }>;

/**
 * One message, MIME or fields, in the normalized shape: NULs dropped, fields within their limits,
 * its identity set; throws what is wrong with it.
 */
export async function normalizeItem(item: ParsableItem): Promise<NormalizedEmail> {
	const { raw, sentAt, ...fields } =
		item.kind === 'mime' ? await parseMime(item) : normalizeFields(item);
	return identify(limitFields({ ...stripNul(fields), raw, sentAt }));
}
