import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

/** The parameters of one operation, shown only when its resource and operation are selected. */
export function forOperation(resource: string, operation: string, properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [resource], operation: [operation] } }, properties);
}
