/**
 * A value made on first use and shared after (an SDK client whose library is loaded only by the
 * operations that need it); a failed attempt is not kept, so the next call tries again.
 */
export function lazy<T>(make: () => Promise<T>): { get(): Promise<T>; made(): T | undefined } {
	let pending: Promise<T> | undefined;
	let value: T | undefined;
	return {
		get() {
			pending ??= make().then(
				(result) => (value = result),
				(error: unknown) => {
					pending = undefined;
					throw error;
				},
			);
			return pending;
		},
		made: () => value,
	};
}
