import type { Embeddings } from '@langchain/core/embeddings';
import { type IExecuteFunctions, NodeConnectionTypes } from 'n8n-workflow';

import { type Embedder, lexicalEmbedder } from '../engine';
import { modelFailure } from '../shared/modelFailure';

/** How a connected LangChain embeddings object names its model (OpenAI, Ollama, Cohere…). */
function modelName(embeddings: Embeddings): string {
	const named = embeddings as unknown as { model?: string; modelName?: string };
	const model = named.model ?? named.modelName ?? 'default';
	return `${embeddings.constructor.name}:${model}`;
}

/**
 * The embedder for this run: the embeddings sub-node connected to the node when there is one,
 * else the built-in lexical embedder. The sub-node's model id is stored with each vector, so
 * vectors of different models are never compared.
 */
export async function embedderOf(ctx: IExecuteFunctions): Promise<Embedder> {
	const connected = (await ctx.getInputConnectionData(NodeConnectionTypes.AiEmbedding, 0)) as
		Embeddings | undefined;
	if (!connected) return lexicalEmbedder;
	const model = modelName(connected);
	return {
		model,
		kind: 'model',
		embed: async (texts) => {
			try {
				return await connected.embedDocuments(texts);
			} catch (error) {
				throw modelFailure('embeddings model', model, connected, error);
			}
		},
	};
}
