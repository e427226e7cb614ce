/** What `n8n execute --rawOutput` prints, and the execution records n8n's REST API lists. */
export interface ExecutionRecord {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	startedAt?: string;
	stoppedAt?: string;
}

export interface ExecutionResult {
	data: {
		resultData: {
			runData: Record<
				string,
				Array<{
					data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> };
					error?: { message: string };
				}>
			>;
			error?: { message: string };
			lastNodeExecuted?: string;
		};
	};
	status?: string;
	finished?: boolean;
	startedAt?: string;
	stoppedAt?: string;
}

/** `n8n execute --rawOutput` prints the run as JSON among its log lines. */
export function parseRawOutput(stdout: string): ExecutionResult | undefined {
	const start = stdout.indexOf('\n{');
	const from = start >= 0 ? start + 1 : stdout.startsWith('{') ? 0 : -1;
	if (from < 0) return undefined;
	const end = stdout.lastIndexOf('\n}');
	if (end < from) return undefined;
	try {
		return JSON.parse(stdout.slice(from, end + 2)) as ExecutionResult;
	} catch {
		return undefined;
	}
}
