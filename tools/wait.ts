/** Waits until `check` holds, polling every `stepMs`; fails naming `what` after `timeoutMs`. */
export async function waitFor(
	check: () => boolean,
	what: string,
	timeoutMs = 30_000,
	stepMs = 100,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, stepMs));
	}
}
