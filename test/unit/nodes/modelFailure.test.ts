import { isModelUnavailable } from '../../../nodes/engine';
import { endpointOf, modelFailure } from '../../../nodes/shared/modelFailure';

/** What n8n's OpenAI and Ollama sub-nodes hand us: LangChain objects that keep their endpoint. */
const openAi = { clientConfig: { baseURL: 'http://127.0.0.1:9/v1' } };
const ollama = { baseUrl: 'http://ollama.internal:11434' };

const failure = (error: unknown) =>
	modelFailure('chat model', 'ChatOpenAI:gpt-4o-mini', openAi, error);

describe('a model that cannot answer', () => {
	it('is named with its endpoint, read from the places LangChain clients keep it', () => {
		expect(endpointOf(openAi)).toBe('http://127.0.0.1:9/v1');
		expect(endpointOf({ configuration: { baseURL: 'https://api.example.com/v1' } })).toBe(
			'https://api.example.com/v1',
		);
		expect(endpointOf(ollama)).toBe('http://ollama.internal:11434');
		expect(endpointOf({})).toBeUndefined();
		const error = modelFailure('embeddings model', 'OllamaEmbeddings:nomic', {}, new Error('x'));
		expect(error.message).toContain("at its provider's default endpoint failed");
	});

	it('says what to check, from the socket error fetch keeps in its cause, or the HTTP status', () => {
		const refused = failure(
			new TypeError('fetch failed', {
				cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
			}),
		);
		expect(isModelUnavailable(refused)).toBe(true);
		expect(refused.message).toBe(
			'The chat model ChatOpenAI:gpt-4o-mini at http://127.0.0.1:9/v1 could not be reached: fetch failed',
		);
		expect((refused as { description?: string }).description).toMatch(
			/^Check that the model server is running and reachable from n8n, and the base URL in its credential\. Or disable the chat model sub-node/,
		);
		const status = (code: number) =>
			failure(Object.assign(new Error(`${code} status code`), { status: code })).message;
		expect(status(401)).toContain('refused the credential');
		expect(status(404)).toContain('does not know the model or path');
		expect(status(429)).toContain('is rate-limited or out of quota');
		expect(status(503)).toContain('failed on its side (HTTP 503)');
		expect(failure(new Error('Request timed out.')).message).toContain('could not be reached');
	});
});
