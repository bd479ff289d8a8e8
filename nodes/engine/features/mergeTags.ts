/**
 * Merge tags a sending tool should have filled in and did not: `{{first_name}}`, `{FirstName}`,
 * `{!Contact.FirstName}` (Salesforce), `*|FNAME|*` (Mailchimp), `%FIRSTNAME%`, `<<First Name>>`,
 * and bracketed placeholders naming a prospect field (`[First Name]`, `[Company]`, `[insert …]`).
 * Bracketed words that are not field names (`[Webinar]`, `[1]`) are not tags.
 */
const TAG_PATTERNS = [
	/\{\{\s*[^{}\n]{1,40}?\s*\}\}/g,
	/\{![\w.]{1,40}\}/g,
	/(?<!\{)\{[A-Za-z_][\w .-]{1,30}\}(?!\})/g,
	/\*\|[A-Z0-9_]{2,30}\|\*/g,
	/%[A-Z][A-Z0-9_]{2,30}%/g,
	/<<\s*[\w .-]{2,30}\s*>>/g,
	/\[\s*(?:(?:your|prospect'?s?|contact'?s?)\s+)?(?:first[ _]?name|last[ _]?name|full[ _]?name|name|company(?:[ _]name)?|organi[sz]ation|title|role|job title|city|industry|product|prospect|contact|website|pain point)\s*\]/gi,
	/\[\s*insert [^\]\n]{1,40}\]/gi,
];

export function unresolvedMergeTags(text: string): string[] {
	const found: string[] = [];
	for (const pattern of TAG_PATTERNS) found.push(...(text.match(pattern) ?? []));
	return found;
}
