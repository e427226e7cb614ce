/** A Hire event as both triggers read it from Feishu's envelope, webhook or long connection. */
export interface HireEvent {
	eventId: string;
	eventType: string;
	createTime: string;
	appId: string;
	tenantKey: string;
	event: Record<string, unknown>;
	/** The envelope as Feishu sent it (decrypted), without its verification token. */
	envelope: Record<string, unknown>;
}

/** Schema 2.0 (`header`), or the older 1.0 shape (`uuid`, `event.type`) some apps still get. */
export function normaliseEnvelope(
	body: Record<string, unknown>,
): { event: HireEvent; token: unknown } | undefined {
	const event = asObject(body.event) ?? {};
	const header = asObject(body.header);
	const text = (value: unknown) =>
		typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
	const { token: headerToken, ...headerWithoutToken } = header ?? {};
	const { token: bodyToken, ...bodyWithoutToken } = body;
	const fields = header
		? {
				eventId: text(header.event_id),
				eventType: text(header.event_type),
				createTime: text(header.create_time),
				appId: text(header.app_id),
				tenantKey: text(header.tenant_key),
				token: headerToken,
				envelope: { ...bodyWithoutToken, header: headerWithoutToken },
			}
		: {
				eventId: text(body.uuid),
				eventType: text(event.type),
				createTime: text(body.ts),
				appId: text(event.app_id),
				tenantKey: text(event.tenant_key),
				token: bodyToken,
				envelope: bodyWithoutToken,
			};
	if (!fields.eventId || !fields.eventType) return undefined;
	const { token, ...rest } = fields;
	return { event: { ...rest, event }, token };
}

export function asObject(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}
