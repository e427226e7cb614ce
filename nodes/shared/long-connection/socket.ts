/** The part of the WHATWG WebSocket (Node's global one since 22) the long connection uses. */
export interface Socket {
	binaryType: string;
	readyState: number;
	send(data: Uint8Array): void;
	close(code?: number, reason?: string): void;
	addEventListener(
		type: 'open' | 'close' | 'error' | 'message',
		listener: (event: { data?: unknown; code?: number }) => void,
	): void;
}

export type SocketConstructor = new (url: string) => Socket;

// Node's built-in client: no runtime dependency. Declared here because the package
// compiles without the DOM library.
declare const WebSocket: SocketConstructor | undefined;

/** Node's built-in WebSocket, or undefined on a Node without it (before 22). */
export function builtInWebSocket(): SocketConstructor | undefined {
	return typeof WebSocket === 'undefined' ? undefined : WebSocket;
}
