import type { TalentBasicInfo } from './data';
import type { FaultOptions } from './faults';
import { DIGITS, type Reply } from './http';
import type { EventRequest } from './events';
import type { Emulator, PushRequest } from './api';

export const INSPECTION_PREFIX = '/__emulator';

/**
 * The inspection API under /__emulator/ (a prefix no Feishu path uses): what tests, the demo
 * and the command line read and set, never part of Feishu's API.
 */
export async function inspect(
	emulator: Emulator,
	method: string,
	url: URL,
	rawBody: string,
): Promise<Reply> {
	const route = `${method} ${url.pathname.slice(INSPECTION_PREFIX.length)}`;
	const members = /^GET \/pools\/([^/]+)\/talents$/.exec(route);
	if (members) return { status: 200, body: members[1] ? emulator.members(members[1]) : [] };
	switch (route) {
		case 'GET /talents':
			return listTalents(emulator, url.searchParams);
		case 'GET /applications':
			return { status: 200, body: emulator.applications() };
		case 'POST /talents':
			return createTalent(emulator, rawBody);
		case 'POST /events':
			return await sendEventFor(emulator, rawBody);
		case 'GET /log':
			return { status: 200, body: emulator.log };
		case 'GET /stats':
			return { status: 200, body: emulator.stats() };
		case 'POST /reset':
			emulator.reset();
			return { status: 200, body: { ok: true } };
		case 'POST /expire-tokens': {
			const after = Number(JSON.parse(rawBody || '{}').afterRequests ?? 0);
			if (after > 0) emulator.expireTokensAfter(after);
			else emulator.expireTokens();
			return { status: 200, body: { ok: true } };
		}
		case 'POST /long-connection/events':
			return pushOverLongConnection(emulator, rawBody);
		case 'GET /long-connection':
			return { status: 200, body: longConnectionStatus(emulator) };
		case 'POST /long-connection/close':
			emulator.longConnection.closeAll(Number(parseBody(rawBody).code ?? 1000));
			return { status: 200, body: { ok: true } };
		case 'POST /long-connection/drop':
			emulator.longConnection.dropAll();
			return { status: 200, body: { ok: true } };
		case 'POST /faults':
			emulator.setFaults(JSON.parse(rawBody || '{}') as FaultOptions);
			return { status: 200, body: { ok: true } };
		default:
			return { status: 404, body: { error: 'unknown inspection route' } };
	}
}

function parseBody(rawBody: string): Record<string, unknown> {
	try {
		const body = JSON.parse(rawBody || '{}') as unknown;
		return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

/** `POST /__emulator/long-connection/events`: a Hire event over the long connection (as pushEvent takes it). */
function pushOverLongConnection(emulator: Emulator, rawBody: string): Reply {
	const request = parseBody(rawBody) as PushRequest;
	const connections = emulator.longConnection.openConnections().length;
	return { status: 200, body: { event_id: emulator.pushEvent(request), connections } };
}

function longConnectionStatus(emulator: Emulator) {
	const server = emulator.longConnection;
	return {
		connections: server.openConnections(),
		endpointCalls: server.endpointCalls,
		ticketsIssued: server.ticketsIssued,
		pushes: server.pushes.length,
		acks: server.acks.length,
		unacked: server.unacked(),
	};
}

async function sendEventFor(emulator: Emulator, rawBody: string): Promise<Reply> {
	let request: EventRequest;
	try {
		request = JSON.parse(rawBody || '{}') as EventRequest;
	} catch {
		return { status: 400, body: { error: 'the body must be JSON' } };
	}
	if (typeof request.url !== 'string')
		return { status: 400, body: { error: 'url (where to deliver) is required' } };
	return { status: 200, body: await emulator.sendEvent(request) };
}

function listTalents(emulator: Emulator, query: URLSearchParams): Reply {
	const offset = query.get('offset') ?? '0';
	const limit = query.get('limit');
	if (!DIGITS.test(offset) || (limit !== null && !DIGITS.test(limit))) {
		return { status: 400, body: { error: 'offset and limit must be non-negative integers' } };
	}
	return {
		status: 200,
		body: emulator.talents(Number(offset), limit === null ? undefined : Number(limit)),
	};
}

function createTalent(emulator: Emulator, rawBody: string): Reply {
	let basicInfo: unknown;
	try {
		basicInfo = JSON.parse(rawBody || '{}');
	} catch {
		return { status: 400, body: { error: 'body is not JSON' } };
	}
	const problem = basicInfoProblem(basicInfo);
	if (problem) return { status: 400, body: { error: problem } };
	return { status: 200, body: emulator.addTalent(basicInfo as Partial<TalentBasicInfo>) };
}

const BASIC_INFO_STRINGS = ['name', 'email', 'mobile_code', 'mobile_number', 'create_time'];

/** Why a body for `POST /__emulator/talents` is not a partial basic_info, or undefined when it is one. */
function basicInfoProblem(body: unknown): string | undefined {
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		return 'body must be an object of basic_info fields';
	for (const [field, value] of Object.entries(body)) {
		if (field === 'identification') {
			const { identification_type: type, identification_number: number } = (value ?? {}) as Record<
				string,
				unknown
			>;
			if (typeof type !== 'number' || typeof number !== 'string')
				return 'identification needs identification_type (number) and identification_number (string)';
		} else if (!BASIC_INFO_STRINGS.includes(field)) {
			return `unknown basic_info field ${field}`;
		} else if (typeof value !== 'string') {
			return `${field} must be a string`;
		}
	}
	return undefined;
}
