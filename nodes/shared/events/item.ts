import type { IDataObject } from 'n8n-workflow';

import type { HireEvent } from './envelope';

/**
 * One item per event: the envelope's header fields and the event's own fields side by side
 * (`{{ $json.application_id }}`), the decrypted envelope under `envelope`.
 */
export function eventItem(event: HireEvent): IDataObject {
	const header = {
		event_type: event.eventType,
		event_id: event.eventId,
		create_time: event.createTime,
		app_id: event.appId,
		tenant_key: event.tenantKey,
	};
	// Own properties only: a field named constructor or __proto__ is data like any other.
	const fields = Object.fromEntries(
		Object.entries(event.event).filter(
			([key]) => !Object.hasOwn(header, key) && key !== 'envelope',
		),
	);
	return { ...header, ...fields, envelope: event.envelope } as IDataObject;
}
