import { decodeFrame, encodeFrame, type Frame } from '../../nodes/shared/long-connection/frame';

/** The codec against the facts sheet's test vectors (feishu-long-connection.md §4). */
const hex = (text: string) =>
	Uint8Array.from(text.trim().split(/\s+/), (byte) => parseInt(byte, 16));
const SERVICE = 33554678;

const PING_NODE_STYLE = hex(
	'08 00 10 00 18 f6 81 80 10 20 00 2a 0c 0a 04 74 79 70 65 12 04 70 69 6e 67',
);
const DATA_FRAME = hex(
	'08 07 10 81 80 80 80 80 80 80 80 10 18 f6 81 80 10 20 01 2a 0d 0a 04 74 79 70 65 12 05 65 76 65 6e 74 2a 10 0a 0a 6d 65 73 73 61 67 65 5f 69 64 12 02 6d 31 2a 08 0a 03 73 75 6d 12 01 31 2a 08 0a 03 73 65 71 12 01 30 2a 0e 0a 08 74 72 61 63 65 5f 69 64 12 02 74 31 42 10 7b 22 73 63 68 65 6d 61 22 3a 22 32 2e 30 22 7d',
);
const ACK_TAIL = hex(
	'2a 0b 0a 06 62 69 7a 5f 72 74 12 01 33 42 0c 7b 22 63 6f 64 65 22 3a 32 30 30 7d',
);
const dataHeaders = [
	{ key: 'type', value: 'event' },
	{ key: 'message_id', value: 'm1' },
	{ key: 'sum', value: '1' },
	{ key: 'seq', value: '0' },
	{ key: 'trace_id', value: 't1' },
];
const dataFrame: Frame = {
	seqId: 7n,
	logId: 2n ** 60n + 1n,
	service: SERVICE,
	method: 1,
	headers: dataHeaders,
	payload: Buffer.from('{"schema":"2.0"}'),
};

it('encodes a ping exactly as the Node SDK does', () => {
	const ping = encodeFrame({
		seqId: 0n,
		logId: 0n,
		service: SERVICE,
		method: 0,
		headers: [{ key: 'type', value: 'ping' }],
	});
	expect(Buffer.from(ping).toString('hex')).toBe(Buffer.from(PING_NODE_STYLE).toString('hex'));
});

it('decodes a Go-style ping (empty fields 6, 7 and 9 appended)', () => {
	const frame = decodeFrame(Uint8Array.from([...PING_NODE_STYLE, 0x32, 0, 0x3a, 0, 0x4a, 0]));
	expect(frame).toMatchObject({
		seqId: 0n,
		service: SERVICE,
		method: 0,
		payloadEncoding: '',
		logIdNew: '',
	});
	expect(frame.headers).toEqual([{ key: 'type', value: 'ping' }]);
});

it('round-trips the data frame vector, LogID 2^60+1 kept exactly', () => {
	expect(Buffer.from(encodeFrame(dataFrame)).toString('hex')).toBe(
		Buffer.from(DATA_FRAME).toString('hex'),
	);
	const decoded = decodeFrame(DATA_FRAME);
	expect(decoded.logId).toBe(1152921504606846977n);
	expect(decoded.headers).toEqual(dataHeaders);
	expect(Buffer.from(decoded.payload!).toString()).toBe('{"schema":"2.0"}');
});

it('encodes the ack of the vector: the same bytes up to the last header, then biz_rt and the code', () => {
	const ack = encodeFrame({
		...dataFrame,
		headers: [...dataHeaders, { key: 'biz_rt', value: '3' }],
		payload: Buffer.from('{"code":200}'),
	});
	const prefix = DATA_FRAME.subarray(0, DATA_FRAME.length - 18);
	expect(Buffer.from(ack).toString('hex')).toBe(
		Buffer.from([...prefix, ...ACK_TAIL]).toString('hex'),
	);
});

it('writes a negative int32 as ten bytes and reads it back', () => {
	const bytes = encodeFrame({ seqId: 0n, logId: 0n, service: -1, method: 0, headers: [] });
	expect(Buffer.from(bytes).toString('hex')).toBe('0800100018ffffffffffffffffff012000');
	expect(decodeFrame(bytes).service).toBe(-1);
});

it('skips unknown fields of every wire type and accepts fields in any order', () => {
	const unknown = [0x58, 0x05, 0x61, ...new Array(8).fill(1), 0x6a, 0x01, 0x41, 0x75, 1, 2, 3, 4];
	const shuffled = Uint8Array.from([0x20, 0x01, ...unknown, 0x18, 0x02, 0x10, 0x03, 0x08, 0x04]);
	expect(decodeFrame(shuffled)).toMatchObject({ seqId: 4n, logId: 3n, service: 2, method: 1 });
});

it.each([
	['a frame without method', hex('08 00 10 00 18 01')],
	['a truncated header', hex('08 00 10 00 18 01 20 00 2a 05 0a 04 74')],
	['a header without value', hex('08 00 10 00 18 01 20 00 2a 06 0a 04 74 79 70 65')],
])('refuses %s', (_case, bytes) => {
	expect(() => decodeFrame(bytes)).toThrow();
});
