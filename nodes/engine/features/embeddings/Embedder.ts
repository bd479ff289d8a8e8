/**
 * Turns texts into vectors. The built-in lexical embedder needs nothing; a model embedder wraps the
 * embeddings sub-node connected in n8n (OpenAI, Ollama, …). Dimensions follow the embedder.
 */
export interface Embedder {
	/** Stored with each vector: only vectors of the same model are compared. */
	model: string;
	kind: 'model' | 'lexical';
	embed(texts: string[]): Promise<number[][]>;
}

/** What an email contributes to its embedding: subject and new text, not quotes or signature. */
export function embeddingText(subject: string, body: string): string {
	// Model inputs are bounded (8k tokens for OpenAI's); 8,000 characters stays well inside.
	return `${subject}\n\n${body}`.slice(0, 8000);
}
