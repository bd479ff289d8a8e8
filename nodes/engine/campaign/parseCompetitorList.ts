import type { CompanyRef } from './types';

const DOMAIN = /^(?:https?:\/\/)?(?:www\.)?([a-z0-9-]+)(?:\.[a-z0-9-]+)+(?:\/\S*)?$/i;

function entry(text: string): CompanyRef | null {
	const value = text.trim();
	if (!value) return null;
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
 * each `Name`, `Name | website`, `Name (website)` or just a domain.
 */
export function parseCompetitorList(text: string): CompanyRef[] {
	return text
		.split(/[\n;,]/)
		.map(entry)
		.filter((value): value is CompanyRef => value !== null);
}
