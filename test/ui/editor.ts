import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Locator, Page } from 'playwright-core';

import type { Owner } from '../../tools/n8n/instance';
import { REPO_ROOT } from '../../tools/n8n/workspace';

/** Where the screenshots the README shows are written. */
export const SCREENSHOTS = join(REPO_ROOT, 'docs');

export interface CredentialFields {
	domain: string;
	baseUrl?: string;
	appId: string;
	appSecret: string;
}

/**
 * n8n's editor as a user works it: through the nodes panel, the node's panel (NDV) and the
 * credential dialog, located by the `data-test-id`s n8n's own browser tests use.
 */
export class Editor {
	constructor(readonly page: Page) {}

	get ndv(): Locator {
		return this.page.getByTestId('ndv');
	}

	get credentialModal(): Locator {
		return this.page.getByTestId('editCredential-modal');
	}

	get nodeCreatorItems(): Locator {
		return this.page.getByTestId('node-creator').getByTestId('item-iterator-item');
	}

	/** A node, tool or action in the nodes panel, by the name it shows. */
	private creatorItemNamed(name: string): Locator {
		return this.page
			.getByTestId('node-creator')
			.getByTestId('node-creator-item-name')
			.getByText(name, { exact: true })
			.first();
	}

	get output(): Locator {
		return this.ndv.getByTestId('output-panel');
	}

	/** The node of this type on the canvas, e.g. `n8n-nodes-base.manualTrigger`. */
	canvasNode(type: string): Locator {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-type="${type}"]`);
	}

	/** Signs in through n8n's API; the browser keeps the session cookie. */
	async signIn(owner: Owner): Promise<void> {
		const response = await this.page.request.post('/rest/login', {
			data: { emailOrLdapLoginId: owner.email, password: owner.password },
		});
		if (!response.ok()) throw new Error(`Signing in failed: HTTP ${response.status()}`);
	}

	async newWorkflow(): Promise<void> {
		await this.page.goto('/workflow/new');
		await this.page.getByTestId('canvas-wrapper').waitFor({ timeout: 120_000 });
	}

	/** Types into the nodes panel's search and returns the names of the nodes it offers. */
	async searchNodes(term: string): Promise<string[]> {
		const search = this.page.getByTestId('node-creator-search-bar');
		if (!(await search.isVisible()))
			await this.page.getByTestId('node-creator-plus-button').click();
		const names = this.nodeCreatorItems.getByTestId('node-creator-item-name');
		await names.first().waitFor();
		const read = async () => (await names.allInnerTexts()).join('\n');
		const before = await read();
		await search.fill(term);
		// The list is filtered as one types while panels may still be sliding in: wait until
		// it differs from the list shown before and has held still for 300 ms.
		let current = await read();
		for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
			await this.page.waitForTimeout(300);
			const next = await read();
			if (next === current && current !== before) break;
			current = next;
		}
		return current.split('\n');
	}

	/** Adds a node that has no actions to choose from (its panel opens) or picks a tool. */
	async addNode(node: string): Promise<void> {
		await this.creatorItemNamed(node).click();
		await this.ndv.waitFor();
	}

	async openNode(type: string): Promise<void> {
		await this.canvasNode(type).dblclick();
		await this.ndv.waitFor();
	}

	async closeNodePanel(): Promise<void> {
		await this.page.keyboard.press('Escape');
		await this.ndv.waitFor({ state: 'hidden' });
	}

	/** The "+" under an AI Agent's Tool input: opens the nodes panel on the tools it can use. */
	async openAgentTools(agent: string): Promise<void> {
		const plus = this.page.locator(
			`[data-test-id="canvas-node-input-handle"][data-node-name="${agent}"][data-connection-type="ai_tool"] [data-test-id="canvas-handle-plus"]`,
		);
		const searchBar = this.page.getByTestId('node-creator-search-bar');
		// A click that lands while the canvas is still laying the new node out opens nothing: click again.
		for (let attempt = 1; ; attempt++) {
			await plus.click({ force: true }); // the handle sits under the node's label
			const opened = await searchBar.waitFor({ timeout: 15_000 }).then(
				() => true,
				() => false,
			);
			if (opened || attempt === 3) break;
		}
		await searchBar.waitFor();
	}

	/** Opens a node from the search results and adds one of its actions; the node's panel opens. */
	async addAction(node: string, action: string): Promise<void> {
		await this.creatorItemNamed(node).click();
		const item = this.creatorItemNamed(action);
		// On an empty canvas n8n lists the node's triggers first and folds its actions away.
		const actions = this.page.getByTestId('node-creator').getByText(/^Actions \(\d+\)$/);
		await item.or(actions).first().waitFor();
		if (!(await item.isVisible())) await actions.click();
		await item.click();
		await this.ndv.waitFor();
	}

	/** "Connect to …" (or Credential → "Create new credential") → fill the dialog → Save, which also tests it. */
	async createCredential(fields: CredentialFields): Promise<void> {
		const emptyState = this.ndv.getByTestId('node-credentials-empty-state');
		if (await emptyState.isVisible()) {
			await emptyState.getByRole('button').first().click();
		} else {
			await this.ndv.getByTestId('node-credentials-select').click();
			await this.page.getByTestId('node-credentials-select-item-new').click();
		}
		await this.credentialModal.waitFor();
		await this.credentialModal.getByTestId('parameter-input-domain').click();
		await this.page.getByRole('option', { name: fields.domain, exact: true }).click();
		if (fields.baseUrl !== undefined) await this.fillCredentialField('baseUrl', fields.baseUrl);
		await this.fillCredentialField('appId', fields.appId);
		await this.fillCredentialField('appSecret', fields.appSecret);
		await this.saveCredential();
	}

	async fillCredentialField(name: string, value: string): Promise<void> {
		await this.credentialModal.getByTestId(`parameter-input-${name}`).locator('input').fill(value);
	}

	/** Saves and waits for n8n's credential test to answer. */
	async saveCredential(): Promise<void> {
		const tested = this.page.waitForResponse((response) =>
			response.url().endsWith('/rest/credentials/test'),
		);
		const save = this.credentialModal.getByTestId('credential-save-button');
		await save.click();
		await tested;
		// Then the button settles on "Saved", or the dialog closes (a new credential that passed).
		await Promise.race([
			save.getByText(/^Saved?$/).waitFor(),
			this.credentialModal.waitFor({ state: 'hidden' }),
		]);
	}

	/** The dialog's red banner with its details expanded: what a user reads when the test fails. */
	async credentialTestFailure(): Promise<string> {
		const banner = this.credentialModal
			.locator('.el-tag--danger')
			.filter({ hasText: 'connect with these settings' });
		await banner.waitFor();
		const details = banner.getByText('More details');
		if (await details.isVisible()) await details.click();
		return await banner.innerText();
	}

	/** Opens the selected credential again; n8n tests it on opening. */
	async openSelectedCredential(): Promise<Locator> {
		await this.ndv.getByTestId('node-credentials-select').hover();
		await this.ndv.getByTestId('credential-edit-button').click();
		await this.credentialModal.waitFor();
		const success = this.credentialModal.getByTestId('credentials-config-container-test-success');
		await success.waitFor();
		return success;
	}

	async closeCredential(): Promise<void> {
		await this.credentialModal.locator('.el-dialog__close').first().click();
		await this.credentialModal.waitFor({ state: 'hidden' });
	}

	/**
	 * Opens a resource locator's list, types a search term and returns the names it lists
	 * once the node's list search has answered.
	 */
	async searchList(parameter: string, term: string): Promise<string[]> {
		const locator = this.ndv.getByTestId(`resource-locator-${parameter}`);
		await locator.getByTestId('rlc-input-container').click();
		const searched = this.page.waitForResponse(
			(response) =>
				response.url().includes('/rest/dynamic-node-parameters/resource-locator-results') &&
				response.request().postData()?.includes(term) === true,
		);
		await locator.getByTestId('rlc-search').fill(term);
		await searched;
		const items = locator.getByTestId('rlc-item');
		await items.first().waitFor();
		return await items.allInnerTexts();
	}

	/**
	 * Opens a resource locator's list without a search term and returns the names it lists
	 * once the node's list search has answered.
	 */
	async openList(parameter: string): Promise<string[]> {
		const locator = this.ndv.getByTestId(`resource-locator-${parameter}`);
		const listed = this.page.waitForResponse((response) =>
			response.url().includes('/rest/dynamic-node-parameters/resource-locator-results'),
		);
		await locator.getByTestId('rlc-input-container').click();
		await listed;
		const items = locator.getByTestId('rlc-item');
		await items.first().waitFor();
		await this.animationsDone(); // the list fades in: a screenshot taken at once shows it half-drawn
		return await items.allInnerTexts();
	}

	/** Waits for the page's transitions and finite animations (not spinners) to end. */
	async animationsDone(): Promise<void> {
		// A string: this project's TypeScript has no DOM types.
		await this.page.evaluate(`Promise.all(
			document
				.getAnimations()
				.filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
				.map((animation) => animation.finished.catch(() => undefined)),
		).then(() => undefined)`);
	}

	async pickListItem(parameter: string, name: string): Promise<void> {
		const locator = this.ndv.getByTestId(`resource-locator-${parameter}`);
		await locator.getByTestId('rlc-item').getByText(name, { exact: true }).click();
	}

	/** What a resource locator's field shows: in "From list" mode, the name of the item picked. */
	async locatorText(parameter: string): Promise<string> {
		// n8n's input component puts the test ID on the <input> or on its wrapper.
		return await this.ndv
			.getByTestId(`resource-locator-${parameter}`)
			.locator('input[data-test-id="rlc-input"], [data-test-id="rlc-input"] input')
			.first()
			.inputValue();
	}

	/** The name of the credential the open node uses. */
	async selectedCredential(): Promise<string> {
		return await this.ndv.getByTestId('node-credentials-select').locator('input').inputValue();
	}

	/** Picks an option by its name; the list shows each option's description under it. */
	async selectOption(name: string, option: string): Promise<void> {
		await this.ndv.getByTestId(`parameter-input-${name}`).click();
		await this.page
			.getByRole('option')
			.filter({ visible: true, has: this.page.getByText(option, { exact: true }) })
			.click();
	}

	/**
	 * Switches a parameter from Fixed to Expression and writes the expression, e.g. `{{ $json.email }}`.
	 * n8n takes the expression in a moment after the last keystroke: this returns once the preview
	 * under the field shows `firstResult`, what the expression gives for the first input item.
	 */
	async fillExpression(name: string, expression: string, firstResult: string): Promise<void> {
		const parameter = this.ndv.getByTestId(`parameter-input-${name}`);
		await parameter.hover(); // the Fixed / Expression switch shows on hover
		await this.page
			.getByTestId(`${name}-parameter-input-options-container`)
			.getByTestId('radio-button-expression')
			.click();
		// Typed key by key, each "{{" would get a "}}" of the editor's own; fill() inserts the text at once.
		const editor = parameter.locator('[contenteditable="true"]');
		await editor.fill(expression);
		await editor.blur();
		await this.ndv
			.getByTestId(`parameter-expression-preview-${name}`)
			.getByText(firstResult, { exact: true })
			.waitFor();
	}

	async fillParameter(name: string, value: string): Promise<void> {
		const input = this.ndv
			.getByTestId(`parameter-input-${name}`)
			.locator('input, textarea')
			.first();
		await input.fill(value);
		await input.blur();
	}

	/** Runs the open node; its result arrives in the output panel (see outputJson and outputError). */
	async executeStep(): Promise<void> {
		await this.ndv.getByTestId('node-execute-button').click();
	}

	/**
	 * The output panel's JSON view, once the run has finished successfully. The view lays
	 * the JSON out over many elements; the whitespace between them is dropped (the values
	 * read here hold none).
	 */
	async outputJson(): Promise<unknown> {
		await this.output.getByTestId('node-run-status-success').waitFor();
		await this.output.getByTestId('radio-button-json').click();
		const text = await this.output.locator('.json-data').innerText();
		return JSON.parse(text.replace(/\s+/g, ''));
	}

	/** The open node's "Set mock data": pins these items as its output, which the nodes after it then read. */
	async pinOutput(items: object[]): Promise<void> {
		await this.output.getByTestId('ndv-edit-pinned-data').click();
		await this.output.locator('[contenteditable="true"]').fill(JSON.stringify(items));
		await this.output
			.getByTestId('run-data-pane-header')
			.getByRole('button', { name: 'Save' })
			.click();
		await this.output.getByText(`${items.length} items`, { exact: true }).waitFor();
	}

	async showInputAsTable(): Promise<void> {
		await this.ndv.getByTestId('ndv-input-panel').getByTestId('radio-button-table').click();
	}

	/** The error the output panel shows after a failed run: message and description. */
	async outputError(): Promise<{ message: string; description: string }> {
		const message = this.output.getByTestId('node-error-message');
		await message.waitFor();
		return {
			message: await message.innerText(),
			description: await this.output.getByTestId('node-error-description').innerText(),
		};
	}

	/** Closes the notifications earlier steps left in the corner, as a user would. */
	async dismissNotifications(): Promise<void> {
		await this.page.waitForTimeout(500); // notifications of the last step are still sliding in
		const notifications = this.page.locator('.el-notification');
		for (let count = await notifications.count(); count > 0; count = await notifications.count()) {
			await notifications.first().locator('.el-notification__closeBtn').click();
			await notifications.nth(count - 1).waitFor({ state: 'detached' });
		}
	}

	/** Writes docs/<name>. */
	async screenshot(name: string): Promise<string> {
		mkdirSync(SCREENSHOTS, { recursive: true });
		const path = join(SCREENSHOTS, name);
		await this.page.screenshot({ path });
		return path;
	}
}
