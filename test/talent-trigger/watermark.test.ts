import {
	createdSince,
	listedTalent,
	readWatermark,
	selectChanges,
	type ListedTalent,
	type Watermark,
} from '../../nodes/FeishuHireTalentPollTrigger/watermark';

/** The watermark's rules alone, including list behaviour the emulator does not show. */
const ID = (n: number) => `7${String(n).padStart(18, '0')}`;
const talent = (n: number, changedAt?: number): ListedTalent => ({
	talentId: ID(n),
	changedAt,
	item: { talent_id: ID(n) },
});
const state = (watermark: number, boundary: number[] = []): Watermark => ({
	watermark,
	boundaryIds: boundary.map(ID),
	keyword: '',
});

describe('the talent trigger’s watermark', () => {
	it('the boundary millisecond is handled alike whether Feishu’s update_start_time is inclusive or exclusive', () => {
		const before = state(1000, [1]);
		// Asked from 999: an inclusive bound lists 999 too, an exclusive one starts at 1000.
		const inclusive = [talent(3, 1000), talent(1, 1000), talent(9, 999), talent(2, 1005)];
		const exclusive = [talent(3, 1000), talent(1, 1000), talent(2, 1005)];
		for (const listed of [inclusive, exclusive]) {
			const { changed, next } = selectChanges(listed, before);
			expect(changed.map(({ talentId }) => talentId)).toEqual([ID(3), ID(2)]);
			expect(next).toEqual(state(1005, [2]));
		}
	});

	it('nothing new keeps the watermark and its boundary; more at the same millisecond join it', () => {
		expect(selectChanges([talent(1, 1000)], state(1000, [1])).next).toEqual(state(1000, [1]));
		expect(selectChanges([], state(1000, [1]))).toEqual({ changed: [], next: state(1000, [1]) });
		const joined = selectChanges([talent(1, 1000), talent(12, 1000)], state(1000, [1]));
		expect(joined.changed.map(({ talentId }) => talentId)).toEqual([ID(12)]);
		expect(joined.next).toEqual(state(1000, [1, 12]));
	});

	it('orders by time of change, then by ID as a number (19-digit IDs are compared as text of equal length)', () => {
		const ids = ['999', '1000', '10'];
		const listed = ids.map((talentId) => ({ talentId, changedAt: 5, item: {} }));
		expect(selectChanges(listed, state(1)).changed.map(({ talentId }) => talentId)).toEqual([
			'10',
			'999',
			'1000',
		]);
	});

	it('a talent without a readable time of change counts as changed at the watermark: emitted once', () => {
		const first = selectChanges([talent(4)], state(1000));
		expect(first.changed.map(({ talentId }) => talentId)).toEqual([ID(4)]);
		expect(selectChanges([talent(4)], first.next).changed).toEqual([]);
	});

	it('list items: the ID must be text; modify_time read as ms; id renamed talent_id', () => {
		expect(listedTalent({ id: Number(ID(1)) as unknown as string })).toBeUndefined();
		expect(listedTalent({ id: '' })).toBeUndefined();
		expect(listedTalent({ id: ID(1), basic_info: { modify_time: '1700000000123' } })).toEqual({
			talentId: ID(1),
			changedAt: 1700000000123,
			item: { talent_id: ID(1), basic_info: { modify_time: '1700000000123' } },
		});
		expect(listedTalent({ id: ID(1), basic_info: { modify_time: 'soon' } })?.changedAt).toBe(
			undefined,
		);
	});

	it('stored static data that is not a watermark this node wrote is no watermark', () => {
		expect(readWatermark({})).toBeUndefined();
		expect(readWatermark({ watermark: '1000', boundaryIds: [], keyword: '' })).toBeUndefined();
		expect(readWatermark({ watermark: 1000, boundaryIds: [1], keyword: '' })).toBeUndefined();
		expect(readWatermark({ watermark: 1000, boundaryIds: [ID(1)] })).toBeUndefined();
		expect(readWatermark({ watermark: 1000, boundaryIds: [ID(1)], keyword: 'x' })).toEqual({
			watermark: 1000,
			boundaryIds: [ID(1)],
			keyword: 'x',
		});
	});

	it('created: after the watermark, or in its millisecond by a talent not seen there', () => {
		const at = state(1000, [1]);
		expect(createdSince(ID(2), '1001', at)).toBe(true);
		expect(createdSince(ID(2), '1000', at)).toBe(true);
		expect(createdSince(ID(1), '1000', at)).toBe(false);
		expect(createdSince(ID(2), '999', at)).toBe(false);
		expect(createdSince(ID(2), undefined, at)).toBe(false);
		expect(createdSince(ID(2), '1001', undefined)).toBe(false);
	});
});
