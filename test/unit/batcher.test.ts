import { Batcher } from '../../nodes/engine/util/batcher';
import { Semaphore } from '../../nodes/engine/util/semaphore';

/** A write whose calls can be finished one by one, recording the batches it was given. */
function controlledWrite() {
	const batches: number[][] = [];
	const finish: Array<() => void> = [];
	const write = (items: number[]) =>
		new Promise<string[]>((resolve, reject) => {
			batches.push(items);
			finish.push(() =>
				items.includes(-1)
					? reject(new Error('write failed'))
					: resolve(items.map((i) => `ok ${i}`)),
			);
		});
	return { batches, finish, write };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('Batcher (group commit)', () => {
	it('sends a lone item at once, and what arrives while every writer is busy as one batch', async () => {
		const { batches, finish, write } = controlledWrite();
		const batcher = new Batcher(write, 1);
		const first = batcher.submit(1);
		await turn();
		expect(batches).toEqual([[1]]);
		const later = [2, 3, 4].map((i) => batcher.submit(i));
		await turn();
		expect(batches).toEqual([[1]]);
		finish[0]();
		await turn();
		expect(batches).toEqual([[1], [2, 3, 4]]);
		finish[1]();
		expect(await first).toBe('ok 1');
		expect(await Promise.all(later)).toEqual(['ok 2', 'ok 3', 'ok 4']);
	});

	it('gathers what the callbacks of one event-loop turn submit into one batch', async () => {
		const { batches, finish, write } = controlledWrite();
		const batcher = new Batcher(write, 1);
		// Two timers due together run in one turn, a microtask checkpoint between them, as two
		// replies read in one poll do: a flush in a microtask would take the first alone.
		const submitted = await new Promise<Array<Promise<string>>>((resolve) => {
			const out: Array<Promise<string>> = [];
			setTimeout(() => out.push(batcher.submit(1)), 0);
			setTimeout(() => {
				out.push(batcher.submit(2));
				resolve(out);
			}, 0);
		});
		await turn();
		expect(batches).toEqual([[1, 2]]);
		finish[0]();
		expect(await Promise.all(submitted)).toEqual(['ok 1', 'ok 2']);
	});

	it('keeps up to `writers` batches in flight, and caps a batch at its maximum', async () => {
		const { batches, finish, write } = controlledWrite();
		const batcher = new Batcher(write, 2, 2);
		const all = [1, 2, 3, 4, 5, 6].map((i) => batcher.submit(i));
		await turn();
		// Items of one turn share the first batch; the second writer takes the next.
		expect(batches).toEqual([
			[1, 2],
			[3, 4],
		]);
		finish[0]();
		await turn();
		expect(batches.at(-1)).toEqual([5, 6]);
		finish[1]();
		finish[2]();
		expect(await Promise.all(all)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `ok ${i}`));
	});

	it('fails exactly the items of a failed batch, and goes on with the next', async () => {
		const { finish, write } = controlledWrite();
		const batcher = new Batcher(write, 1);
		const bad = [batcher.submit(-1), batcher.submit(7)];
		await turn();
		const next = batcher.submit(8);
		finish[0]();
		await expect(bad[0]).rejects.toThrow('write failed');
		await expect(bad[1]).rejects.toThrow('write failed');
		await turn();
		finish[1]();
		expect(await next).toBe('ok 8');
	});
});

describe('Semaphore', () => {
	it('lets no more than its size run at once, in arrival order, and frees a slot on a throw', async () => {
		const gate = new Semaphore(2);
		let inside = 0;
		let most = 0;
		const order: number[] = [];
		const task = (i: number) =>
			gate.run(async () => {
				inside++;
				most = Math.max(most, inside);
				order.push(i);
				await turn();
				inside--;
				if (i === 2) throw new Error('task 2 failed');
				return i;
			});
		const results = await Promise.allSettled([1, 2, 3, 4, 5].map(task));
		expect(most).toBe(2);
		expect(order).toEqual([1, 2, 3, 4, 5]);
		expect(results.map((r) => r.status)).toEqual([
			'fulfilled',
			'rejected',
			'fulfilled',
			'fulfilled',
			'fulfilled',
		]);
	});
});
