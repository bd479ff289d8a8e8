import { modelUnavailable } from '../engine';

const ENDPOINT_KEYS = ['baseURL', 'baseUrl', 'apiUrl', 'endpoint', 'azureOpenAIEndpoint'];
const NESTED_KEYS = ['clientConfig', 'configuration', 'clientOptions'];

/** Where a LangChain model object sends its requests, as far as its fields tell (OpenAI, Ollama…). */
export function endpointOf(model: object): string | undefined {
	const fields = model as Record<string, unknown>;
	for (const holder of [fields, ...NESTED_KEYS.map((k) => fields[k])]) {
		if (!holder || typeof holder !== 'object') continue;
		for (const key of ENDPOINT_KEYS) {
			const value = (holder as Record<string, unknown>)[key];
			if (typeof value === 'string' && value) return value;
		}
	}
	return undefined;
}

const NETWORK_CODES =
	/^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_\w+)$/;

/** The error and its causes, outermost first (fetch puts the socket's error in `cause`). */
function chain(error: unknown): Array<Record<string, unknown>> {
	const out: Array<Record<string, unknown>> = [];
	for (
		let e = error;
		e && typeof e === 'object' && out.length < 5;
		e = (e as { cause?: unknown }).cause
	)
		out.push(e as Record<string, unknown>);
	return out;
}

/** What to check, from what the model's client said. */
function adviceFor(error: unknown): { what: string; check: string } {
	const errors = chain(error);
	const status = errors.map((e) => Number(e.status ?? e.statusCode)).find((s) => s > 0);
	const text = errors.map((e) => `${String(e.code ?? '')} ${String(e.message ?? '')}`).join(' ');
	if (
		errors.some((e) => NETWORK_CODES.test(String(e.code ?? ''))) ||
		/fetch failed|connection error|socket hang up|timed? ?out/i.test(text)
	)
		return {
			what: 'could not be reached',
			check:
				'that the model server is running and reachable from n8n, and the base URL in its credential',
		};
	if (status === 401 || status === 403)
		return { what: 'refused the credential', check: "the API key in the model's credential" };
	if (status === 404)
		return { what: 'does not know the model or path', check: 'the model name and the base URL' };
	if (status === 429)
		return { what: 'is rate-limited or out of quota', check: "the provider's usage limits" };
	if (status && status >= 500)
		return {
			what: `failed on its side (HTTP ${status})`,
			check: "the model server's logs and status",
		};
	return { what: 'failed', check: 'the model sub-node and its credential' };
}

/**
 * A model call's failure as the engine's MODEL_UNAVAILABLE error: which model, at which endpoint,
 * what went wrong and what to check. The engine then runs its deterministic path where allowed.
 */
export function modelFailure(
	kind: 'chat model' | 'embeddings model',
	name: string,
	model: object,
	error: unknown,
): Error {
	const endpoint = endpointOf(model) ?? "its provider's default endpoint";
	const { what, check } = adviceFor(error);
	const cause = error instanceof Error ? error.message : String(error);
	return modelUnavailable(
		`The ${kind} ${name} at ${endpoint} ${what}: ${cause}`,
		`Check ${check}. Or disable the ${kind} sub-node: the deterministic path runs without it.`,
		error,
	);
}
