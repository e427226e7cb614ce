import { startEmulator, type Emulator } from '../../emulator';
import { DEFAULT_N8N_VERSION, prepareN8n } from '../../tools/n8n/runtime';
import { emulatorCredential, packPackage, syncWorkflow } from '../../tools/n8n/workspace';
import { N8nInstance } from '../../tools/n8n/instance';
import { s, timed } from './common';
import { addRowFrom, type AddRow } from './adds';

/**
 * One sync of `talents` to the first pool as a user runs it: a workflow in a real n8n
 * (the package installed by the README's commands), executed with `n8n execute`.
 * Returns the execution, the CLI's wall time (n8n's boot included) and the emulator.
 */
export async function inRealN8n<T>(
	talents: number,
	batching: boolean,
	report: (
		run: { result: Awaited<ReturnType<N8nInstance['execute']>>; cliMs: number; version: string },
		emulator: Emulator,
	) => T,
	env: Record<string, string> = {},
): Promise<T> {
	const runtime = await prepareN8n(DEFAULT_N8N_VERSION, (line) => console.log(line));
	const tarball = packPackage();
	const emulator = await startEmulator({ talents });
	try {
		const n8n = new N8nInstance(runtime, { env });
		await n8n.installPackage(tarball);
		await n8n.importCredentials([emulatorCredential(emulator)]);
		const id = 'FeishuBenchSync1';
		const { pools, talentIds } = emulator.data;
		await n8n.importWorkflows([
			syncWorkflow({ id, trigger: 'manual', poolId: pools[0].id, talents: talentIds, batching }),
		]);
		const [result, cliMs] = await timed(() => n8n.execute(id));
		return report({ result, cliMs, version: runtime.version }, emulator);
	} finally {
		await emulator.close();
	}
}

/** n8n's own record of an execution's duration; the CLI's wall time adds booting n8n. */
export const executionMsOf = (result: { startedAt?: string; stoppedAt?: string }) =>
	Date.parse(result.stoppedAt ?? '') - Date.parse(result.startedAt ?? '');

/** 1000 adds as a user runs them: a workflow in real n8n, started with `n8n execute`. */
export async function realN8nRow(talents: number): Promise<AddRow> {
	return await inRealN8n(talents, false, ({ result, cliMs, version }, emulator) =>
		addRowFrom(
			emulator,
			talents,
			false,
			`real n8n ${version} (CLI: ${s(cliMs)})`,
			{ startedAt: Date.parse(result.startedAt ?? ''), wallMs: executionMsOf(result) },
			result.data.resultData.runData.Add?.[0]?.data?.main[0]?.map((item) => item.json) ?? [],
		),
	);
}
