import { EngineError } from '../errors';

interface AwsError {
	name?: string;
	Code?: string;
	code?: string;
	message?: string;
	$metadata?: { httpStatusCode?: number };
}

/** Turns an S3 client failure into a message that names the bucket and says what to fix. */
export function describeS3Error(error: unknown, bucket: string, target: string): EngineError {
	if (error instanceof EngineError) return error;
	const err = (error ?? {}) as AwsError;
	const name = err.name ?? err.Code ?? err.code ?? '';
	const status = err.$metadata?.httpStatusCode;
	const reason =
		err.message && err.message !== 'UnknownError' ? err.message : name || `HTTP ${status}`;

	if (name === 'NoSuchBucket' || (name === 'NotFound' && status === 404)) {
		return new EngineError(
			'BUCKET_MISSING',
			`The bucket "${bucket}" does not exist at ${target}`,
			'Create the bucket (MinIO: mc mb; AWS: aws s3 mb) or fix its name in the store credential.',
			{ cause: error },
		);
	}
	if (
		[
			'InvalidAccessKeyId',
			'SignatureDoesNotMatch',
			'AccessDenied',
			'Forbidden',
			'InvalidToken',
		].includes(name) ||
		status === 403
	) {
		return new EngineError(
			'BUCKET_AUTH',
			`The object store at ${target} refused the credentials for bucket "${bucket}": ${reason}`,
			'Check the access key ID and secret in the store credential, and the bucket policy.',
			{ cause: error },
		);
	}
	const network = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|TimeoutError/;
	if (network.test(name) || network.test(err.code ?? '') || network.test(err.message ?? '')) {
		return new EngineError(
			'OBJECT_STORE',
			`Cannot reach the object store at ${target}: ${/ECONNREFUSED/.test(reason) ? 'connection refused' : /ENOTFOUND|EAI_AGAIN/.test(reason) ? 'host not found' : 'no answer'}`,
			'Check the S3 endpoint in the store credential and that the server is running.',
			{ cause: error },
		);
	}
	return new EngineError(
		'OBJECT_STORE',
		`Object store error at ${target} (bucket "${bucket}"): ${reason}`,
		undefined,
		{
			cause: error,
		},
	);
}
