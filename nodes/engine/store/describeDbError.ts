import { EngineError } from '../errors';

interface DriverError {
	code?: string;
	message?: string;
	errno?: number;
}

const NETWORK_REASONS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host name lookup failed',
	ETIMEDOUT: 'connection timed out',
	ECONNRESET: 'connection reset by the server',
};

function humanReason(code: string): string | undefined {
	return NETWORK_REASONS[code];
}

/**
 * Turns a driver's connection failure into a message a workflow author can act on. Errors that are
 * not about reaching or logging into the server (SQL errors, constraint violations) return undefined
 * so callers keep the original.
 */
export function describeDbError(error: unknown, target: string): EngineError | undefined {
	if (error instanceof EngineError) return error;
	const err = (error ?? {}) as DriverError;
	const code = err.code ?? '';
	const reason = humanReason(code) ?? err.message ?? String(error);
	const unreachable = (hint: string) =>
		new EngineError(
			'STORE_UNREACHABLE',
			`Cannot reach the PostgreSQL server at ${target}: ${reason}`,
			hint,
			{
				cause: error,
			},
		);

	switch (code) {
		case 'ECONNREFUSED':
			return unreachable(
				'Check the host and port in the store credential, and that PostgreSQL is running.',
			);
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return unreachable('The host name does not resolve: check the host in the store credential.');
		case 'ETIMEDOUT':
		case 'ECONNRESET':
			return unreachable(
				'The server did not answer in time: check the host, port, firewall and SSL mode.',
			);
		case '28P01':
		case '28000':
			return new EngineError(
				'STORE_AUTH',
				`PostgreSQL at ${target} refused the login: ${reason}`,
				'Check the user and password in the store credential.',
				{ cause: error },
			);
		case '3D000':
			return new EngineError(
				'STORE_CONFIG',
				`The database does not exist on ${target}: ${reason}`,
				'Create it (CREATE DATABASE …) or fix the database name in the store credential.',
				{ cause: error },
			);
	}
	if (code.startsWith('08') || /SSL|self[- ]signed|certificate/i.test(reason)) {
		return unreachable(
			'Check the SSL mode in the store credential against what the server offers.',
		);
	}
	return undefined;
}
