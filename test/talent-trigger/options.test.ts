import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_SCOPES, SCOPE_TALENT_WRITE, startEmulator, type Emulator } from '../../emulator';
import { N8nHarness } from '../helpers/n8n';
import { createTalent, seededNewest, TalentPoller, updateTalent } from './helpers';

/** Include Details, a test run in the editor (manual mode) and the keyword filter. */
let emulator: Emulator;
let n8n: N8nHarness;
let now: number;

const later = (ms = 1_000) => (now += ms);
const ids = (items: IDataObject[] | null) => (items ?? []).map((item) => item.talent_id);

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

describe('Feishu Hire Talent Trigger: Include Details', () => {
	it('reads each talent with the v2 get and says created: true for talents created since the last poll, false for changed ones', async () => {
		const poller = new TalentPoller(n8n, { options: { includeDetails: true } });
		await poller.poll();
		const watermark = poller.state.watermark as number;
		// Created in the watermark's own millisecond after the first poll read the list: new.
		const sameMillisecond = emulator.addTalent({
			name: '同刻新人',
			create_time: String(watermark),
			update_time: String(watermark),
		}).talent_id;
		later();
		const created = await createTalent(emulator, '新人丙');
		later();
		const [seeded] = emulator.talents(5, 1);
		await updateTalent(emulator, seeded.talent_id, { name: '改名丁' });

		const items = await poller.poll();
		expect(items!.map((item) => [item.talent_id, item.created])).toEqual([
			[sameMillisecond, true],
			[created, true],
			[seeded.talent_id, false],
		]);
		// The v2 get's talent, not the list's summary.
		expect(items![2]).toMatchObject({
			talent_id: seeded.talent_id,
			basic_info: { name: '改名丁', update_time: String(now) },
			talent_pool_id_list: [],
			is_in_agency_period: false,
		});
		expect(items![2].basic_info).not.toHaveProperty('modify_time');
		expect(emulator.requests('getTalent').map((entry) => entry.path.split('/').pop())).toEqual(
			expect.arrayContaining([sameMillisecond, created, seeded.talent_id]),
		);

		// Changed again later: it existed at the last poll, so no longer created.
		later();
		await updateTalent(emulator, created, { name: '新人丙改名' });
		const again = await poller.poll();
		expect(again!.map((item) => [item.talent_id, item.created])).toEqual([[created, false]]);
	});

	it('without it each item is the list’s summary and no talent is read', async () => {
		const poller = new TalentPoller(n8n);
		await poller.poll();
		later();
		const created = await createTalent(emulator, '新人戊');
		const [item] = (await poller.poll())!;
		expect(item).toMatchObject({ talent_id: created, basic_info: { name: '新人戊' } });
		expect(item).not.toHaveProperty('created');
		expect(emulator.requests('getTalent')).toHaveLength(0);
	});
});

describe('Feishu Hire Talent Trigger: a test run in the editor', () => {
	it('returns the most recently changed talent and leaves the watermark where it was', async () => {
		const poller = new TalentPoller(n8n, { options: { includeDetails: true } });
		// Before any activation: a sample to map fields from, and no watermark is set.
		const sample = await poller.poll('manual');
		expect(sample).toHaveLength(1);
		expect(seededNewest(emulator).talentIds).toContain(sample![0].talent_id);
		expect(sample![0]).toMatchObject({ created: false });
		expect(poller.state).toEqual({});

		await poller.poll();
		const activated = poller.state;
		later();
		const created = await createTalent(emulator, '试运行');
		const manual = await poller.poll('manual');
		expect(manual!.map((item) => [item.talent_id, item.created])).toEqual([[created, true]]);
		expect(emulator.requests('listTalents').at(-1)!.query).toContain('page_size=1');
		expect(poller.state).toEqual(activated);
		// The active workflow's next poll still emits it.
		expect(ids(await poller.poll())).toEqual([created]);
	});

	it('returns nothing when no talent matches', async () => {
		const poller = new TalentPoller(n8n, { keyword: '不存在的词' });
		expect(await poller.poll('manual')).toBeNull();
		expect(poller.state).toEqual({});
	});
});

describe('Feishu Hire Talent Trigger: Keyword', () => {
	it('emits only talents Feishu’s search finds with the keyword, and passes it on every page request', async () => {
		const poller = new TalentPoller(n8n, { keyword: ' 产品经理 ' });
		await poller.poll();
		expect(poller.state.keyword).toBe('产品经理');
		later();
		const match = await createTalent(emulator, '王产品经理');
		later();
		const other = await createTalent(emulator, '李工程师');
		expect(ids(await poller.poll())).toEqual([match]);
		expect(new URLSearchParams(emulator.requests('listTalents').at(-1)!.query).get('keyword')).toBe(
			'产品经理',
		);

		// Another keyword starts afresh: a new baseline, nothing emitted for earlier changes.
		poller.node.parameters.keyword = '工程师';
		expect(await poller.poll()).toBeNull();
		expect(poller.state.keyword).toBe('工程师');
		later();
		await updateTalent(emulator, other, { name: '李高级工程师' });
		later();
		await updateTalent(emulator, match, { name: '王高级产品经理' });
		expect(ids(await poller.poll())).toEqual([other]);
	});
});
