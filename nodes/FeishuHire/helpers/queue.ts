/** Takes entries off `queue` until it is empty, `concurrency` at a time; `work` may add entries. */
export async function drain<T>(
	queue: T[],
	concurrency: number,
	work: (entry: T) => Promise<void>,
): Promise<void> {
	const worker = async () => {
		for (let entry = queue.shift(); entry !== undefined; entry = queue.shift()) await work(entry);
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
}

/** `values` in runs of at most `size`, in order. */
export function chunk<T>(values: T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
	return chunks;
}

/**
 * Runs work for one key after the work already queued for that key has settled: items that
 * could double each other (the same note on one talent) never run at once.
 */
export function oneAtATimePerKey(): <T>(key: string, work: () => Promise<T>) => Promise<T> {
	const tails = new Map<string, Promise<unknown>>();
	return async (key, work) => {
		const run = (tails.get(key) ?? Promise.resolve()).then(work, work);
		const tail = run.catch(() => undefined);
		tails.set(key, tail);
		try {
			return await run;
		} finally {
			if (tails.get(key) === tail) tails.delete(key);
		}
	};
}
