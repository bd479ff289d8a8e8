import type { Draft, DraftStatus } from '../types';

/** A draft as the approval page lists it: its number there is what a reviewer types. */
export interface PageDraft {
	number: number;
	id: string;
	prospectEmail: string;
	step: number;
	status: DraftStatus;
}

/**
 * The page's order, which gives each draft its number: prospects with a draft that needs an edit
 * first (they need a person most), then by address; each prospect's touches in order.
 */
export function pageOrder<T extends Pick<Draft, 'prospectEmail' | 'step' | 'status'>>(
	drafts: T[],
): T[][] {
	const byProspect = new Map<string, T[]>();
	for (const d of drafts) {
		const key = d.prospectEmail ?? '';
		byProspect.set(key, [...(byProspect.get(key) ?? []), d]);
	}
	const broken = (ds: T[]) => ds.some((d) => d.status === 'needs_edit');
	return [...byProspect.entries()]
		.sort(([a, x], [b, y]) => Number(broken(y)) - Number(broken(x)) || a.localeCompare(b))
		.map(([, ds]) => [...ds].sort((x, y) => x.step - y.step));
}

/** The numbered listing the decision is read against (kept with the page that showed it). */
export function numberDrafts(drafts: Draft[]): PageDraft[] {
	return pageOrder(drafts)
		.flat()
		.map((d, k) => ({
			number: k + 1,
			id: d.id,
			prospectEmail: d.prospectEmail ?? '',
			step: d.step,
			status: d.status,
		}));
}
