import type { Rule } from '../types';

/**
 * Where a learned range sits against the brand's own mail: a sentence for every data-based limit
 * the brand's own median falls outside, which happens when the Blueprint learns from all mail and
 * the competitors outnumber the brand ("Body length 25–77 follows the competitors: the brand's own
 * median is 81"). The reader then knows the drafts will not sound like the brand's length.
 */
export function limitsOrigin(limits: Rule[]): string[] {
	return limits.flatMap((r) => {
		const brand = r.evidence?.bySource?.brand;
		if (r.basis !== 'data' || brand?.median === undefined || r.min === undefined) return [];
		if (brand.median >= r.min && (r.max === undefined || brand.median <= r.max)) return [];
		const others = Object.entries(r.evidence?.bySource ?? {})
			.filter(([name, s]) => name !== 'brand' && s.median !== undefined)
			.map(([name, s]) => `${name} ${s.median}`);
		return [
			`${r.text} follows the competitors, not the brand: the brand's own median is ${brand.median} (${brand.n} emails)${others.length ? `, the others' ${others.join(', ')}` : ''}. Learn from the brand's mail only to write at its length.`,
		];
	});
}
