/**
 * The long connection's wire format: every WebSocket message is one protobuf (proto2)
 * `pbbp2.Frame`. A codec of the package's own, for the few field types the schema uses.
 * 64-bit IDs stay BigInt: they are echoed in acks exactly, also above 2^53.
 */
export interface FrameHeader {
	key: string;
	value: string;
}

export interface Frame {
	seqId: bigint;
	logId: bigint;
	service: number;
	/** 0 control (ping, pong), 1 data (event). */
	method: number;
	headers: FrameHeader[];
	payloadEncoding?: string;
	payloadType?: string;
	payload?: Uint8Array;
	logIdNew?: string;
}

export const FRAME_METHOD = { CONTROL: 0, DATA: 1 } as const;

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

class Writer {
	private readonly bytes: number[] = [];

	varint(value: bigint): this {
		let rest = BigInt.asUintN(64, value);
		while (rest >= 0x80n) {
			this.bytes.push(Number(rest & 0x7fn) | 0x80);
			rest >>= 7n;
		}
		this.bytes.push(Number(rest));
		return this;
	}

	tag(field: number, wireType: number): this {
		return this.varint(BigInt((field << 3) | wireType));
	}

	bytesField(field: number, value: Uint8Array): this {
		this.tag(field, LENGTH_DELIMITED).varint(BigInt(value.length));
		for (const byte of value) this.bytes.push(byte);
		return this;
	}

	stringField(field: number, value: string): this {
		return this.bytesField(field, Buffer.from(value, 'utf8'));
	}

	toBytes(): Uint8Array {
		return Uint8Array.from(this.bytes);
	}
}

/** Fields 1–4 always (proto2 required), optional ones only when set, as Node's SDK writes them. */
export function encodeFrame(frame: Frame): Uint8Array {
	const writer = new Writer()
		.tag(1, VARINT)
		.varint(frame.seqId)
		.tag(2, VARINT)
		.varint(frame.logId)
		.tag(3, VARINT)
		// int32: a negative value is sign-extended to ten bytes.
		.varint(BigInt(frame.service))
		.tag(4, VARINT)
		.varint(BigInt(frame.method));
	for (const { key, value } of frame.headers) {
		const header = new Writer().stringField(1, key).stringField(2, value).toBytes();
		writer.bytesField(5, header);
	}
	if (frame.payloadEncoding !== undefined) writer.stringField(6, frame.payloadEncoding);
	if (frame.payloadType !== undefined) writer.stringField(7, frame.payloadType);
	if (frame.payload !== undefined) writer.bytesField(8, frame.payload);
	if (frame.logIdNew !== undefined) writer.stringField(9, frame.logIdNew);
	return writer.toBytes();
}

class Reader {
	private at = 0;

	constructor(private readonly bytes: Uint8Array) {}

	get done(): boolean {
		return this.at >= this.bytes.length;
	}

	varint(): bigint {
		let value = 0n;
		for (let shift = 0n; shift < 70n; shift += 7n) {
			if (this.at >= this.bytes.length) throw new Error('truncated varint');
			const byte = this.bytes[this.at++];
			value |= BigInt(byte & 0x7f) << shift;
			if ((byte & 0x80) === 0) return BigInt.asUintN(64, value);
		}
		throw new Error('varint longer than 10 bytes');
	}

	take(length: number): Uint8Array {
		if (this.at + length > this.bytes.length) throw new Error('truncated field');
		const slice = this.bytes.subarray(this.at, this.at + length);
		this.at += length;
		return slice;
	}

	lengthDelimited(): Uint8Array {
		return this.take(Number(this.varint()));
	}

	skip(wireType: number): void {
		if (wireType === VARINT) this.varint();
		else if (wireType === FIXED64) this.take(8);
		else if (wireType === LENGTH_DELIMITED) this.lengthDelimited();
		else if (wireType === FIXED32) this.take(4);
		else throw new Error(`unsupported wire type ${wireType}`);
	}

	/** Each field in order: its number, wire type, and a reader positioned at its value. */
	*fields(): Generator<{ field: number; wireType: number }> {
		while (!this.done) {
			const key = Number(this.varint());
			yield { field: key >>> 3, wireType: key & 7 };
		}
	}
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

function decodeHeader(bytes: Uint8Array): FrameHeader {
	const reader = new Reader(bytes);
	let key: string | undefined;
	let value: string | undefined;
	for (const { field, wireType } of reader.fields()) {
		if (field === 1 && wireType === LENGTH_DELIMITED) key = text(reader.lengthDelimited());
		else if (field === 2 && wireType === LENGTH_DELIMITED) value = text(reader.lengthDelimited());
		else reader.skip(wireType);
	}
	if (key === undefined || value === undefined) throw new Error('header without key or value');
	return { key, value };
}

/** One Frame; throws on bytes that are no Frame (a required field missing, truncated). */
export function decodeFrame(bytes: Uint8Array): Frame {
	const reader = new Reader(bytes);
	const frame: Partial<Frame> & { headers: FrameHeader[] } = { headers: [] };
	for (const { field, wireType } of reader.fields()) {
		const varint = wireType === VARINT;
		const delimited = wireType === LENGTH_DELIMITED;
		if (field === 1 && varint) frame.seqId = reader.varint();
		else if (field === 2 && varint) frame.logId = reader.varint();
		else if (field === 3 && varint) frame.service = Number(BigInt.asIntN(32, reader.varint()));
		else if (field === 4 && varint) frame.method = Number(BigInt.asIntN(32, reader.varint()));
		else if (field === 5 && delimited) frame.headers.push(decodeHeader(reader.lengthDelimited()));
		else if (field === 6 && delimited) frame.payloadEncoding = text(reader.lengthDelimited());
		else if (field === 7 && delimited) frame.payloadType = text(reader.lengthDelimited());
		else if (field === 8 && delimited) frame.payload = Uint8Array.from(reader.lengthDelimited());
		else if (field === 9 && delimited) frame.logIdNew = text(reader.lengthDelimited());
		else reader.skip(wireType);
	}
	const { seqId, logId, service, method } = frame;
	if (seqId === undefined || logId === undefined || service === undefined || method === undefined)
		throw new Error('frame without SeqID, LogID, service or method');
	return frame as Frame;
}

/** A header's value, or undefined. */
export function headerOf(frame: Frame, key: string): string | undefined {
	return frame.headers.find((header) => header.key === key)?.value;
}
