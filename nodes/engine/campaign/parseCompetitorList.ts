import type { CompanyRef } from './types';

const DOMAIN = /^(?:https?:\/\/)?(?:www\.)?([a-z0-9-]+)(?:\.[a-z0-9-]+)+(?:\/\S*)?$/i;

function entry(text: string): CompanyRef | null {
	const value = text.trim();
	if (!value) return null;
	// "Acme | acme.com | acme-mail.com, Pat at Acme": the third part lists aliases
	const aliased = /^(.+?)\s*\|\s*(\S*)\s*\|(.*)$/.exec(value);
	if (aliased) {
		const aliases = aliased[3]
			.split(/[,;]/)
			.map((a) => a.trim())
			.filter(Boolean);
		return {
			name: aliased[1].trim(),
			...(aliased[2] ? { website: aliased[2] } : {}),
			...(aliases.length ? { aliases } : {}),
		};
	}
	// "Acme | acme.com" or "Acme (acme.com)"
	const piped = /^(.+?)\s*[|]\s*(\S+)$/.exec(value) ?? /^(.+?)\s*\((\S+)\)$/.exec(value);
	if (piped) return { name: piped[1].trim(), website: piped[2] };
	// "acme.com": the name is the domain's first label
	const domain = DOMAIN.exec(value);
	if (domain && !/\s/.test(value)) {
		const label = domain[1];
		return { name: label.charAt(0).toUpperCase() + label.slice(1), website: value };
	}
	return { name: value };
}

/**
 * Competitors as a person types them into one form field: one per line, or separated by `;` or `,`,
 * each `Name`, `Name | website`, `Name (website)` or just a domain; a line
 * `Name | website | alias, alias` adds aliases (sending domains, sender names) for seeded inboxes.
 */
export function parseCompetitorList(text: string): CompanyRef[] {
	return text
		.split('\n')
		.flatMap((line) => (/\|.*\|/.test(line) ? [line] : line.split(/[;,]/)))
		.map(entry)
		.filter((value): value is CompanyRef => value !== null);
}
