/** At most `size` callers inside `run` at once; the others wait in arrival order. */
export class Semaphore {
	private free: number;
	private readonly waiting: Array<() => void> = [];

	constructor(size: number) {
		this.free = Math.max(1, Math.floor(size));
	}

	async run<T>(fn: () => Promise<T>): Promise<T> {
		if (this.free > 0) this.free--;
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
		try {
			return await fn();
		} finally {
			// The slot passes straight to the next waiter, so nobody can overtake it.
			const next = this.waiting.shift();
			if (next) next();
			else this.free++;
		}
	}
}
