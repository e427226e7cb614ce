import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';

import {
	DEFAULT_SCOPES,
	SCOPE_READ,
	SCOPE_TALENT_WRITE,
	SCOPE_WRITE,
	startEmulator,
	type Emulator,
} from '../../emulator';
import { N8nHarness } from '../helpers/n8n';
import { createTalent, interceptingProxy, TalentPoller } from './helpers';

/** Bad input, Feishu's failures, and the documented pace (20 list requests a second). */
const emulators: Emulator[] = [];

async function tenant(options: Parameters<typeof startEmulator>[0] = {}) {
	const emulator = await startEmulator({
		talents: 100,
		scopes: [...DEFAULT_SCOPES, SCOPE_TALENT_WRITE],
		...options,
	});
	emulators.push(emulator);
	const n8n = new N8nHarness(emulator);
	n8n.addCredential();
	return { emulator, n8n };
}

afterEach(async () => {
	for (const emulator of emulators.splice(0)) await emulator.close();
});

const ids = (items: IDataObject[] | null) => (items ?? []).map((item) => item.talent_id);

describe('Feishu Hire Talent Trigger: bad input', () => {
	it.each([
		['={{ 42 }}', 'Keyword must be text, not the number 42'],
		['={{ ["a"] }}', 'Keyword must be text, not a list'],
	])(
		'Keyword %s: a NodeOperationError naming it, and nothing is sent',
		async (keyword, message) => {
			const { emulator, n8n } = await tenant();
			const poller = new TalentPoller(n8n, { keyword });
			const failure = await poller.poll().catch((error: unknown) => error);
			expect(failure).toBeInstanceOf(NodeOperationError);
			expect((failure as Error).message).toBe(message);
			expect(emulator.requests('listTalents')).toHaveLength(0);
			expect(poller.state).toEqual({});
		},
	);

	it('Include Details that is not true or false: a NodeOperationError naming it', async () => {
		const { n8n } = await tenant();
		const poller = new TalentPoller(n8n, { options: { includeDetails: '={{ "yes" }}' } });
		await expect(poller.poll()).rejects.toThrow(
			new NodeOperationError(
				poller.node,
				'Include Details must be true or false, not the string yes',
			),
		);
	});
});

describe('Feishu Hire Talent Trigger: Feishu failing', () => {
	it('a refusal reaches n8n as the client’s NodeApiError with Feishu’s code; no watermark is set', async () => {
		const { n8n } = await tenant({ scopes: [SCOPE_WRITE, SCOPE_READ], rateLimits: false });
		const poller = new TalentPoller(n8n);
		const failure = (await poller.poll().catch((error: unknown) => error)) as NodeApiError;
		expect(failure).toBeInstanceOf(NodeApiError);
		expect(failure.message).toContain('99991672');
		expect(failure.errorResponse).toMatchObject({ code: 99991672 });
		expect(poller.state).toEqual({});
	});

	it('a poll that fails leaves the watermark, and the next one emits what it missed', async () => {
		const { emulator, n8n } = await tenant({ rateLimits: false });
		const poller = new TalentPoller(n8n);
		await poller.poll();
		const before = poller.state;
		const created = await createTalent(emulator, '故障期间');
		emulator.setFaults({ errorRate: 1 });
		const failure = (await poller.poll().catch((error: unknown) => error)) as NodeApiError;
		expect(failure).toBeInstanceOf(NodeApiError);
		expect(failure.errorResponse).toMatchObject({ code: 1002001 });
		expect(poller.state).toEqual(before);
		emulator.setFaults({});
		expect(ids(await poller.poll())).toEqual([created]);
	}, 60_000);

	it('Include Details: a talent deleted between the list and its read is left out with a warning; any other failure fails the poll', async () => {
		const { emulator, n8n } = await tenant({ rateLimits: false });
		let deleted = '';
		let broken = '';
		const proxy = await interceptingProxy(emulator.url, async (path) => {
			if (deleted && path.endsWith(`/v2/talents/${deleted}`))
				return { status: 404, body: { code: 1002102, msg: 'talent not exist' } };
			if (broken && path.endsWith(`/v2/talents/${broken}`))
				return { status: 400, body: { code: 1002002, msg: 'param error' } };
			return undefined;
		});
		try {
			n8n.addCredential({ baseUrl: proxy.url }, 'cred-1');
			const poller = new TalentPoller(n8n, { options: { includeDetails: true } });
			await poller.poll();
			const kept = await createTalent(emulator, '留下');
			deleted = await createTalent(emulator, '已删除');
			const items = await poller.poll();
			expect(ids(items)).toEqual([kept]);
			expect(poller.warnings.join('\n')).toContain(`talent ${deleted} was listed as changed`);

			const before = poller.state;
			broken = await createTalent(emulator, '读取失败');
			const failure = (await poller.poll().catch((error: unknown) => error)) as NodeApiError;
			expect(failure).toBeInstanceOf(NodeApiError);
			expect(failure.errorResponse).toMatchObject({ code: 1002002 });
			expect(poller.state).toEqual(before);
		} finally {
			await proxy.close();
		}
	});
});

describe('Feishu Hire Talent Trigger: pace', () => {
	it('450 changed talents: 23 pages of 20 at no more than 20 requests a second (Feishu’s documented limits on)', async () => {
		const { emulator, n8n } = await tenant();
		const poller = new TalentPoller(n8n);
		await poller.poll();
		const base = Date.now();
		const added = Array.from(
			{ length: 450 },
			(_, i) =>
				emulator.addTalent({
					name: `限速${i}`,
					create_time: String(base + i),
					update_time: String(base + i),
				}).talent_id,
		);
		const items = await poller.poll();
		expect(ids(items)).toEqual(added);
		const stats = emulator.stats().endpoints.listTalents;
		expect(stats.requests).toBe(1 + 23);
		expect(stats.rateLimited).toBe(0);
		expect(stats.gatewayPeakPerSecond).toBeLessThanOrEqual(20);
		expect(stats.peakPerSecond).toBeLessThanOrEqual(20);
		expect(items!.every((item) => typeof item.talent_id === 'string')).toBe(true);
	});
});
