import { limitFields } from './fieldLimits';
import { identify } from './messageIdentity';
import { normalizeFields } from './normalizeFields';
import { parseMime } from './parseMime';
import { brokenUtf16Fields, stripNul } from './stripNul';
import type { IngestItem, NormalizedEmail } from './types';

export type ParsableItem = Exclude<IngestItem, { kind: 'error' }>;

/**
 * One message, MIME or fields, in the normalized shape: NULs dropped, fields within their limits,
 * its identity set; throws what is wrong with it.
 */
export async function normalizeItem(item: ParsableItem): Promise<NormalizedEmail> {
	const { raw, sentAt, ...fields } =
		item.kind === 'mime' ? await parseMime(item) : normalizeFields(item);
	const broken = brokenUtf16Fields(fields);
	if (broken.length) {
		// A JSON "\ud800" escape (or a broken decoder) left half a character: PostgreSQL refuses it.
		const warnings = (fields.metadata.warnings as string[] | undefined) ?? [];
		fields.metadata = {
			...fields.metadata,
			warnings: [
				...warnings,
				`${broken.join(', ')}: half of a UTF-16 character (an unpaired surrogate) replaced with U+FFFD`,
			],
		};
	}
	return identify(limitFields({ ...stripNul(fields), raw, sentAt }));
}
