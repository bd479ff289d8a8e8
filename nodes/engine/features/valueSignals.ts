import { OUTCOME_TERMS, PROBLEM_TERMS, PROOF_PATTERNS } from './lexicons';
import { cuesIn } from './subjectSignals';

export interface ValueSignals {
	youCount: number;
	weCount: number;
	/** you / (you + we); null when the text has neither. */
	youWeRatio: number | null;
	orientation: 'prospect' | 'sender' | 'balanced' | 'none';
	problemTerms: string[];
	outcomeTerms: string[];
	/** Figures that make a claim checkable: 30%, 3x, $40k, 12 hours. */
	proofNumbers: string[];
	/** Named proof: "teams like yours", "helped Acme", "case study". */
	proofReferences: number;
}

const YOU = /\b(you|your|yours|yourself|you're|you've|you'll|you'd)\b/gi;
const WE = /\b(i|me|my|mine|we|us|our|ours|i'm|i've|i'll|i'd|we're|we've|we'll|we'd)\b/gi;
const PROOF_NUMBER =
	/(\$\s?\d[\d,.]*\s?[kmb]?\b|\b\d[\d,.]*\s?(%|x\b|percent\b)|\b\d[\d,.]*\s?(hours|hrs|days|weeks|minutes)\b)/gi;

export function valueSignals(core: string): ValueSignals {
	const youCount = core.match(YOU)?.length ?? 0;
	const weCount = core.match(WE)?.length ?? 0;
	const ratio = youCount + weCount > 0 ? youCount / (youCount + weCount) : null;
	return {
		youCount,
		weCount,
		youWeRatio: ratio === null ? null : Math.round(ratio * 1000) / 1000,
		orientation:
			ratio === null ? 'none' : ratio >= 0.6 ? 'prospect' : ratio <= 0.4 ? 'sender' : 'balanced',
		problemTerms: cuesIn(core, PROBLEM_TERMS),
		outcomeTerms: cuesIn(core, OUTCOME_TERMS),
		proofNumbers: (core.match(PROOF_NUMBER) ?? []).map((n) => n.trim()),
		proofReferences: PROOF_PATTERNS.filter((p) => p.test(core)).length,
	};
}
