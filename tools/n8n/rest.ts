import type { ExecutionRecord } from './cli-output';

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** n8n's REST API and webhooks, as the editor and Feishu reach a started n8n. */
export abstract class N8nRestClient {
	abstract get url(): string;

	/**
	 * A started n8n's first account, created through its API as the setup screen would.
	 * Returns the session cookie (`n8n-auth=…`) for further REST calls as the owner.
	 */
	async createOwner(owner: Owner): Promise<string> {
		const setUp = () =>
			fetch(`${this.url}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(owner),
			});
		// n8n 1.x answers /healthz/readiness a moment before it has mounted its REST routes.
		let setup = await setUp();
		const deadline = Date.now() + 30_000;
		while (setup.status === 404 && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 250));
			setup = await setUp();
		}
		if (!setup.ok)
			throw new Error(
				`Creating the owner account failed: HTTP ${setup.status} ${await setup.text()}`,
			);
		return sessionCookie(setup, 'Creating the owner account');
	}

	/** Signs in as an existing account, as the login screen does; returns the session cookie. */
	async signIn(owner: Owner): Promise<string> {
		const response = await fetch(`${this.url}/rest/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
		});
		if (!response.ok)
			throw new Error(`Signing in failed: HTTP ${response.status} ${await response.text()}`);
		return sessionCookie(response, 'Signing in');
	}

	/** A REST call as the signed-in user (`cookie` from createOwner); n8n's `data`, or an error with its answer. */
	async rest<T>(cookie: string, method: string, path: string, body?: object): Promise<T> {
		const response = await fetch(`${this.url}/rest/${path}`, {
			method,
			headers: { cookie, 'Content-Type': 'application/json' },
			body: body && JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} /rest/${path}: HTTP ${response.status} ${text}`);
		const parsed = JSON.parse(text) as { data?: T };
		return parsed.data ?? (parsed as T);
	}

	/** Activates (publishes) an imported workflow, as its toggle in the editor does: its production webhooks go live. */
	async activate(cookie: string, workflowId: string): Promise<void> {
		const { versionId } = await this.rest<{ versionId: string }>(
			cookie,
			'GET',
			`workflows/${workflowId}`,
		);
		await this.rest(cookie, 'POST', `workflows/${workflowId}/activate`, { versionId });
	}

	/**
	 * POSTs `body` (sent as given) to a production webhook, waiting while n8n has not
	 * registered it yet: it answers 404 for a moment after activation.
	 */
	async postWebhook(
		path: string,
		body: string,
		headers: Record<string, string> = { 'Content-Type': 'application/json' },
	): Promise<Response> {
		const deadline = Date.now() + 30_000;
		for (;;) {
			const response = await fetch(`${this.url}/webhook/${path}`, {
				method: 'POST',
				headers,
				body,
			});
			if (response.status !== 404 || Date.now() > deadline) return response;
			await response.arrayBuffer();
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** Submits an n8n form as a browser does (multipart, `field-0`, `field-1`, … in the form's order). */
	async postForm(path: string, values: string[]): Promise<Response> {
		const form = new FormData();
		values.forEach((value, index) => form.append(`field-${index}`, value));
		return await fetch(`${this.url}/form/${path}`, { method: 'POST', body: form });
	}

	/** n8n's execution records (the last 100), newest first. */
	async executions(cookie: string): Promise<ExecutionRecord[]> {
		const answer = await this.rest<{ results: ExecutionRecord[] } | ExecutionRecord[]>(
			cookie,
			'GET',
			'executions?limit=100',
		);
		return Array.isArray(answer) ? answer : answer.results;
	}

	/** Waits until `count` executions of `workflowId` have ended; returns them. */
	async waitForExecutions(
		cookie: string,
		workflowId: string,
		count: number,
		timeoutMs = 600_000,
	): Promise<ExecutionRecord[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const ended = (await this.executions(cookie)).filter(
				(execution) =>
					execution.workflowId === workflowId &&
					!['new', 'running', 'waiting'].includes(execution.status),
			);
			if (ended.length >= count) return ended;
			if (Date.now() > deadline)
				throw new Error(
					`only ${ended.length} of ${count} executions of ${workflowId} ended within ${timeoutMs / 1000} s`,
				);
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}
}

function sessionCookie(response: Response, doing: string): string {
	const cookie = response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0])
		.find((pair) => pair.startsWith('n8n-auth='));
	if (!cookie) throw new Error(`${doing} set no n8n-auth cookie`);
	return cookie;
}
