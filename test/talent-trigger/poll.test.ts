import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_SCOPES, SCOPE_TALENT_WRITE, startEmulator, type Emulator } from '../../emulator';
import { N8nHarness } from '../helpers/n8n';
import {
	createTalent,
	interceptingProxy,
	seededNewest,
	TalentPoller,
	updateTalent,
} from './helpers';

/**
 * The talent trigger's polls through n8n-core's PollContext against the emulator, whose clock
 * the test holds: each create or update lands at a time the test chose, so "the same
 * millisecond" is exact. Static data stays on the Workflow object between polls, as in an
 * active workflow, and goes through JSON for a restart, as through n8n's database.
 */
let emulator: Emulator;
let n8n: N8nHarness;
let now: number;

/** Moves the emulator's clock on: the next write lands at the time returned. */
const later = (ms = 1_000) => (now += ms);
const ids = (items: IDataObject[] | null) => (items ?? []).map((item) => item.talent_id);
const modifyTime = (item: IDataObject) => (item.basic_info as IDataObject).modify_time;
const listQueries = () =>
	emulator.requests('listTalents').map((entry) => new URLSearchParams(entry.query));

beforeEach(async () => {
	now = Date.now();
	emulator = await startEmulator({
		talents: 300,
		rateLimits: false,
		scopes: [...DEFAULT_SCOPES, SCOPE_TALENT_WRITE],
		clock: () => now,
	});
	n8n = new N8nHarness(emulator);
	n8n.addCredential();
});

afterEach(async () => {
	await emulator.close();
});

describe('Feishu Hire Talent Trigger: what each poll emits', () => {
	it('the first poll emits nothing and takes the newest change in the tenant as its watermark', async () => {
		const poller = new TalentPoller(n8n);
		expect(await poller.poll()).toBeNull();
		const newest = seededNewest(emulator);
		expect(poller.state).toEqual({
			watermark: newest.time,
			boundaryIds: newest.talentIds,
			keyword: '',
		});
		const [first] = listQueries();
		expect(Object.fromEntries(first)).toEqual({ page_size: '20', sort_by: '1' });
		expect(await poller.poll()).toBeNull();
	});

	it('a talent created and another updated between two polls: one item each, oldest change first; a poll with no change emits nothing', async () => {
		const poller = new TalentPoller(n8n);
		await poller.poll();
		const createdAt = later();
		const created = await createTalent(emulator, '新人甲');
		const updatedAt = later();
		// A seeded talent: its ID is smaller than the new one's, its change newer.
		const [seeded] = emulator.talents(0, 1);
		await updateTalent(emulator, seeded.talent_id, { name: '改名乙' });

		const items = await poller.poll();
		expect(ids(items)).toEqual([created, seeded.talent_id]);
		expect(items!.map(modifyTime)).toEqual([String(createdAt), String(updatedAt)]);
		expect(items![0]).toMatchObject({ basic_info: { name: '新人甲' } });
		expect(items![1]).toMatchObject({ basic_info: { name: '改名乙' } });
		for (const item of items!) {
			expect(typeof item.talent_id).toBe('string');
			expect(item).not.toHaveProperty('id');
		}
		expect(poller.state).toEqual({
			watermark: updatedAt,
			boundaryIds: [seeded.talent_id],
			keyword: '',
		});

		expect(await poller.poll()).toBeNull();
		// Asked from one millisecond before the watermark: the boundary is listed either way.
		expect(listQueries().at(-1)!.get('update_start_time')).toBe(String(updatedAt - 1));
		expect(poller.state.watermark).toBe(updatedAt);
	});

	it('changes in the watermark’s millisecond are neither lost nor emitted twice, over more than a page and across a restart', async () => {
		const poller = new TalentPoller(n8n);
		await poller.poll();
		const moment = later();
		const together: string[] = [];
		for (let i = 0; i < 25; i++) together.push(await createTalent(emulator, `同刻${i}`));

		const first = await poller.poll();
		expect(ids(first)).toEqual(together);
		expect(poller.state).toEqual({ watermark: moment, boundaryIds: together, keyword: '' });

		// Changed in the same millisecond, after that poll had read the list.
		const straggler = await createTalent(emulator, '同刻迟到');
		const [seeded] = emulator.talents(1, 1);
		await updateTalent(emulator, seeded.talent_id, { name: '同刻改名' });
		expect(ids(await poller.poll())).toEqual([seeded.talent_id, straggler]);
		expect(await poller.poll()).toBeNull();
		expect(poller.state.boundaryIds).toHaveLength(27);

		// n8n restarted: the watermark comes back from the database.
		poller.restart();
		expect(await poller.poll()).toBeNull();
		const changedAt = later(1);
		await updateTalent(emulator, together[3], { name: '重启后改名' });
		poller.restart();
		const afterRestart = await poller.poll();
		expect(ids(afterRestart)).toEqual([together[3]]);
		expect(modifyTime(afterRestart![0])).toBe(String(changedAt));
		expect(poller.state).toEqual({
			watermark: changedAt,
			boundaryIds: [together[3]],
			keyword: '',
		});
		expect(await poller.poll()).toBeNull();
	});

	it('more than 20 changed talents: every page is read, 20 per request, each talent emitted once in order of change', async () => {
		const poller = new TalentPoller(n8n);
		await poller.poll();
		const base = later();
		// Added in an order that is neither their ID order nor their order of change.
		const expected: Array<{ talentId: string; time: number }> = [];
		for (let i = 0; i < 47; i++) {
			const time = base + ((i * 17) % 47) * 10;
			const talent = emulator.addTalent({
				name: `批量${i}`,
				create_time: String(time),
				update_time: String(time),
			});
			expected.push({ talentId: talent.talent_id, time });
		}
		expected.sort((a, b) => a.time - b.time);
		const before = emulator.requests('listTalents').length;

		const items = await poller.poll();
		expect(ids(items)).toEqual(expected.map(({ talentId }) => talentId));
		expect(new Set(ids(items)).size).toBe(47);
		const pages = listQueries().slice(before);
		expect(pages).toHaveLength(3);
		expect(pages.map((query) => query.get('page_size'))).toEqual(['20', '20', '20']);
		expect(pages.map((query) => query.has('page_token'))).toEqual([false, true, true]);
		expect(poller.state.watermark).toBe(expected.at(-1)!.time);
		expect(await poller.poll()).toBeNull();
	});

	it('the list moving while it is paged: a talent listed twice is emitted once, one that moved to the top comes with the next poll', async () => {
		let pagesAsked = 0;
		let moved = '';
		const proxy = await interceptingProxy(emulator.url, async (path) => {
			if (path !== '/open-apis/hire/v1/talents' || !moved) return undefined;
			// Between the first and the second page, a talent of the second page changes again.
			if (++pagesAsked === 2) {
				later(100);
				await updateTalent(emulator, moved, { name: '翻页中改名' });
			}
			return undefined;
		});
		try {
			n8n.addCredential({ baseUrl: proxy.url }, 'cred-1');
			const poller = new TalentPoller(n8n);
			await poller.poll();
			const base = later();
			const added = Array.from(
				{ length: 30 },
				(_, i) =>
					emulator.addTalent({
						name: `翻页${i}`,
						create_time: String(base + i),
						update_time: String(base + i),
					}).talent_id,
			);
			// Newest first: the first page holds added[29..10], the second added[9..0].
			moved = added[2];
			const items = await poller.poll();
			expect(pagesAsked).toBe(2);
			// It moved to the top after the first page was read, so the second page repeated
			// added[10]: emitted once. added[2] itself was not listed this time.
			expect(ids(items)).toEqual(added.filter((id) => id !== moved));
			expect(ids(await poller.poll())).toEqual([moved]);
			expect(await poller.poll()).toBeNull();
		} finally {
			await proxy.close();
		}
	});

	it('two polls at once (a slow poll still running at the next Poll Time): only one emits', async () => {
		const poller = new TalentPoller(n8n);
		await poller.poll();
		later();
		const created = await createTalent(emulator, '并发');
		emulator.setFaults({ latencyMs: 200 });
		const results = await Promise.all([poller.poll(), poller.poll()]);
		emulator.setFaults({});
		expect(results.filter((result) => result === null)).toHaveLength(1);
		expect(results.flatMap(ids)).toEqual([created]);
		expect(poller.warnings.join('\n')).toContain('still running');
		expect(await poller.poll()).toBeNull();
	});
});
