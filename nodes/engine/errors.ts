/**
 * Errors the engine raises on purpose. `message` is written for the person running the workflow;
 * `description` says what to do about it. Nodes turn these into n8n errors without rewording them.
 */
export type EngineErrorCode =
	| 'INVALID_INPUT'
	| 'NOT_FOUND'
	| 'CONFLICT'
	| 'STORE_UNREACHABLE'
	| 'STORE_AUTH'
	| 'STORE_CONFIG'
	| 'STORE_LOCKED'
	| 'VECTOR_UNAVAILABLE'
	| 'BUCKET_MISSING'
	| 'BUCKET_AUTH'
	| 'OBJECT_STORE'
	| 'MODEL_UNAVAILABLE';

export class EngineError extends Error {
	constructor(
		readonly code: EngineErrorCode,
		message: string,
		readonly description?: string,
		options?: { cause?: unknown },
	) {
		super(message, options);
		this.name = 'EngineError';
	}
}

export function isEngineError(error: unknown): error is EngineError {
	return error instanceof EngineError;
}

export function invalidInput(message: string, description?: string): EngineError {
	return new EngineError('INVALID_INPUT', message, description);
}

export function notFound(message: string, description?: string): EngineError {
	return new EngineError('NOT_FOUND', message, description);
}

/** A connected model (chat or embeddings) that could not answer: down, refused, misconfigured. */
export function modelUnavailable(
	message: string,
	description: string,
	cause?: unknown,
): EngineError {
	return new EngineError('MODEL_UNAVAILABLE', message, description, { cause });
}

export const isModelUnavailable = (error: unknown): error is EngineError =>
	isEngineError(error) && error.code === 'MODEL_UNAVAILABLE';
