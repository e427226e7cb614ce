import { createHash } from 'node:crypto';

import { LongConnection, type EnvelopeListener, type Transport } from './connection';
import type { Credentials } from './endpoint';
import type { SocketConstructor } from './socket';

interface Shared {
	connection: LongConnection;
	subscribers: Map<symbol, { listener: EnvelopeListener; transport: Transport }>;
}

/**
 * One connection per app (origin, App ID and Secret) in this n8n process. Feishu hands each
 * event to one random connection of an app, so two connections here would each miss the
 * other's events; every trigger of the app listens on the one connection instead.
 */
const connections = new Map<string, Shared>();

const keyOf = ({ origin, appId, appSecret }: Credentials) =>
	`${origin}|${appId}|${createHash('sha256').update(appSecret).digest('hex')}`;

/**
 * Listens to the app's events: opens its connection unless one is open already, and waits
 * for its first connect. Returns the unsubscribe (the last one to leave closes the
 * connection), or why the first connect failed.
 */
export async function subscribe(
	credentials: Credentials,
	WebSocketClass: SocketConstructor,
	transport: Transport,
	listener: EnvelopeListener,
): Promise<{ leave: () => void } | { failure: string }> {
	const key = keyOf(credentials);
	let shared = connections.get(key);
	if (!shared || shared.connection.isStopped) {
		const subscribers: Shared['subscribers'] = new Map();
		const connection = new LongConnection(
			credentials,
			WebSocketClass,
			// HTTP goes through the helpers of a node still listening.
			() => subscribers.values().next().value?.transport ?? transport,
			(envelope) => {
				for (const subscriber of subscribers.values()) subscriber.listener(envelope);
			},
		);
		shared = { connection, subscribers };
		connections.set(key, shared);
	}
	const entry = shared;
	const id = Symbol('subscriber');
	entry.subscribers.set(id, { listener, transport });
	const leave = () => {
		entry.subscribers.delete(id);
		if (entry.subscribers.size > 0) return;
		entry.connection.stop();
		if (connections.get(key) === entry) connections.delete(key);
	};
	const failure = await entry.connection.ready.then(
		() => undefined,
		(error: Error) => error.message,
	);
	if (failure === undefined) return { leave };
	leave();
	return { failure };
}

/** Open connections in this process (for tests: none is left behind). */
export function openConnectionCount(): number {
	return [...connections.values()].filter((shared) => !shared.connection.isStopped).length;
}
