import { deriveRules } from '../../../nodes/engine/blueprint/deriveRules';
import type { Aggregates, BlueprintBody, GroupStats } from '../../../nodes/engine/blueprint/types';
import { DEFAULT_THRESHOLDS } from '../../../nodes/engine/blueprint/thresholds';

/** A Blueprint of defaults only (no mail analysed): 40–90 words, interest first, reply last. */
export function defaultsBlueprint(): BlueprintBody {
	const empty = {
		group: 'all',
		emails: 0,
		followUps: 0,
		numeric: new Proxy({}, { get: () => ({ n: 0, mean: null, quantiles: [] }) }),
		categories: new Proxy({}, { get: () => ({}) }),
		rates: new Proxy({}, { get: () => ({ count: 0, n: 0 }) }),
		gapByStep: {},
		touches: { n: 0, mean: null, quantiles: [] },
		window: { from: null, to: null },
	} as unknown as GroupStats;
	const aggregates: Aggregates = {
		emails: { total: 0, featurized: 0, brand: 0, competitor: 0 },
		followUps: 0,
		groups: { all: empty, brand: empty, competitors: empty },
	};
	return {
		schemaVersion: 1,
		campaign: { name: 'c', brand: 'Northwind', competitors: [] },
		learnFrom: 'all',
		lowData: { isLow: true, warnings: [] },
		...deriveRules(aggregates, 'all', DEFAULT_THRESHOLDS),
		synthesis: {
			path: 'deterministic',
			positioning: '',
			valuePropositions: [],
			tone: '',
			openingGuidance: '',
			exampleSubjects: [],
		},
	};
}
