/** Everything written to stdout, stderr or the console while `work` runs (and nothing reaches the terminal). */
export async function captureOutput(work: () => Promise<void>): Promise<string> {
	const chunks: string[] = [];
	const spies = [
		jest
			.spyOn(process.stdout, 'write')
			.mockImplementation((chunk: string | Uint8Array) => chunks.push(String(chunk)) > 0),
		jest
			.spyOn(process.stderr, 'write')
			.mockImplementation((chunk: string | Uint8Array) => chunks.push(String(chunk)) > 0),
		...(['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
			jest
				.spyOn(console, level)
				.mockImplementation((...args: unknown[]) => void chunks.push(args.map(String).join(' '))),
		),
	];
	try {
		await work();
	} finally {
		for (const spy of spies) spy.mockRestore();
	}
	return chunks.join('\n');
}
