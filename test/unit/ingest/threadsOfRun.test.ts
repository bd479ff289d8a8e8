import { ThreadsOfRun } from '../../../nodes/engine/ingest/threadsOfRun';

const row = (key: string, thread: string) => ({ provider_message_id: key, thread_id: thread });

describe('ThreadsOfRun: the threads of what one run stored', () => {
	it('keeps only the stored keys, and the first row of a key repeated in a batch', () => {
		const run = new ThreadsOfRun();
		run.remember(['a', 'b'], [row('a', 't1'), row('b', 't2'), row('a', 't3'), row('c', 't4')]);
		expect([run.get('a'), run.get('b'), run.get('c')]).toEqual(['t1', 't2', undefined]);
	});

	it('stops growing at its cap on a huge run: later keys are looked up in the store', () => {
		const run = new ThreadsOfRun();
		const keys = Array.from({ length: 200_001 }, (_, i) => `m${i}`);
		run.remember(
			keys,
			keys.map((key) => row(key, `t-${key}`)),
		);
		expect(run.get('m0')).toBe('t-m0');
		expect(run.get('m199999')).toBe('t-m199999');
		expect(run.get('m200000')).toBeUndefined();
		run.remember(['late'], [row('late', 't')]);
		expect(run.get('late')).toBeUndefined();
	});
});
