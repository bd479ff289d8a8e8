import { type CorpusFigures, formatFigures, measureBounceCorpus } from '../../helpers/bounceCorpus';

// sisimai's public set-of-emails (629 real DSNs, ARF reports and auto-replies from ~100 MTAs and
// providers), each file compared with the result sisimai's own test tables expect. The figures are
// printed (docs/sending.md quotes them) and held to the floors below.
describe("the intake on sisimai's public bounce corpus", () => {
	let figures: CorpusFigures;
	beforeAll(async () => {
		figures = await measureBounceCorpus();
		console.log(formatFigures(figures));
	}, 120_000);

	it('reads every file', () => {
		expect(figures.parseErrors).toEqual([]);
		expect(figures.files).toBeGreaterThanOrEqual(629);
	});

	it('reads no machine message as a reply', () => {
		expect(figures.readAsReplies).toEqual([]);
	});

	it('suppresses at least 95 % of hard-bounce recipients, every recipient of a multi-recipient report', () => {
		expect(figures.hard.suppressed / figures.hard.recipients).toBeGreaterThanOrEqual(0.95);
	});

	it('lets at least 95 % of single temporary or policy failures suppress nobody', () => {
		expect(figures.single.suppressedNobody / figures.single.files).toBeGreaterThanOrEqual(0.95);
	});

	it('reads at least 95 % of complaints as complaints', () => {
		expect(figures.complaints.read / figures.complaints.files).toBeGreaterThanOrEqual(0.95);
	});
});
