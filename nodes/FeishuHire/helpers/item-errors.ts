import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

/** n8n's own errors pass through untouched; anything else becomes a NodeOperationError. */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/**
 * The same failure, naming another input item (several items can share one request);
 * `note` adds a sentence to its description.
 */
export function forItem(
	node: INode,
	error: Error,
	itemIndex: number,
	note?: string,
): NodeApiError | NodeOperationError {
	const previous = (error as NodeApiError | NodeOperationError).description ?? undefined;
	const description = [previous, note].filter(Boolean).join(' ') || undefined;
	if (error instanceof NodeApiError) {
		return new NodeApiError(node, (error.errorResponse ?? {}) as JsonObject, {
			message: error.message,
			description,
			httpCode: error.httpCode ?? undefined,
			itemIndex,
		});
	}
	return new NodeOperationError(node, error.message, { description, itemIndex });
}
