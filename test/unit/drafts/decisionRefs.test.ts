import { decisionMode, type PageDraft, readDraftRefs } from '../../../nodes/engine';

const listing: PageDraft[] = [
	'3f0c1a2b-0000-4000-8000-000000000001',
	'3f0c1a2b-0000-4000-8000-000000000002',
	'9a1b2c3d-0000-4000-8000-000000000003',
	'77aa0000-1111-4000-8000-000000000004',
].map((id, k) => ({
	number: k + 1,
	id,
	prospectEmail: `p${k}@x.example.net`,
	step: 1,
	status: 'pending_approval',
}));
const ids = (text: unknown) => readDraftRefs(text, listing).drafts.map((d) => d.number);

describe('what a reviewer types into a box of the approval page', () => {
	it('reads numbers, ranges, IDs and their starts, in any separator, once each', () => {
		expect(ids('1, 3')).toEqual([1, 3]);
		expect(ids('2-4\n1')).toEqual([2, 3, 4, 1]);
		expect(ids('#2; Draft 4  draft 1')).toEqual([2, 4, 1]);
		expect(ids('9A1B2C3D')).toEqual([3]);
		expect(ids('77aa0000-1111-4000-8000-000000000004, 4, 4')).toEqual([4]);
		expect(ids(['1', '2'])).toEqual([1, 2]);
		expect(ids('')).toEqual([]);
		expect(ids(undefined)).toEqual([]);
		expect(ids(42)).toEqual([]);
	});

	it('reports what names no draft on the page, with the reason, and keeps the rest', () => {
		const read = readDraftRefs('1, 99, 3f0c1a2b, 0000ffff, two, 4-2, 3-6, 5–5', listing);
		expect(read.drafts.map((d) => d.number)).toEqual([1, 3, 4]);
		expect(read.unknown).toEqual([
			{ ref: '99', reason: 'no draft has this number on the page (1–4)' },
			{ ref: '3f0c1a2b', reason: "the start of 2 drafts' IDs: give more of it" },
			{ ref: '0000ffff', reason: 'no draft on this page has this ID' },
			{ ref: 'two', reason: 'not a draft number or ID' },
			{ ref: '4-2', reason: 'not a range of draft numbers' },
			{ ref: '5', reason: 'no draft has this number on the page (1–4)' },
			{ ref: '5', reason: 'no draft has this number on the page (1–4)' },
		]);
	});

	it('stays bounded on hostile input: a huge range, a megabyte of text, an empty page', () => {
		expect(readDraftRefs('1-999999', listing)).toEqual({
			drafts: [],
			unknown: [{ ref: '1-999999', reason: 'not a range of draft numbers' }],
		});
		const wide = readDraftRefs('1-9000', listing);
		expect(wide.drafts).toHaveLength(4);
		expect(wide.unknown).toEqual([
			{ ref: '5', reason: 'no draft has this number on the page (1–4)' },
		]);
		const long = readDraftRefs(`${'x'.repeat(1_000_000)}, 2`, listing);
		expect(long.drafts.map((d) => d.number)).toEqual([2]);
		expect(long.unknown[0].ref).toHaveLength(80);
		expect(readDraftRefs('1, 2', []).unknown).toEqual([
			{ ref: '1', reason: 'no draft has this number on the page (none)' },
			{ ref: '2', reason: 'no draft has this number on the page (none)' },
		]);
	});

	it("takes the page's dropdown answers and nothing else as a decision", () => {
		expect(decisionMode('Approve all passing drafts')).toBe('allPassing');
		expect(decisionMode('Approve only the drafts listed')).toBe('listed');
		expect(decisionMode('Reject all drafts')).toBe('rejectAll');
		expect(decisionMode('allPassing')).toBe('allPassing');
		expect(decisionMode('')).toBeNull();
		expect(decisionMode('Approve everything')).toBeNull();
	});
});
