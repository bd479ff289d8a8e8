import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { type IExecuteFunctions, NodeConnectionTypes } from 'n8n-workflow';

import type { ChatModel } from '../engine';
import { modelFailure } from '../shared/modelFailure';

/** How a connected LangChain chat model names itself ("ChatOpenAI:gpt-4o-mini"). */
function modelName(model: BaseChatModel): string {
	const named = model as unknown as { model?: string; modelName?: string };
	return `${model.constructor.name}:${named.model ?? named.modelName ?? 'default'}`;
}

/** The engine's view of a LangChain chat model: duck-typed, since n8n brings its own copy. */
export function asChatModel(model: BaseChatModel): ChatModel {
	const name = modelName(model);
	return {
		name,
		invoke: async (messages) => {
			try {
				return await model.invoke(messages);
			} catch (error) {
				throw modelFailure('chat model', name, model, error);
			}
		},
	};
}

/** The chat model sub-node connected to the node, if any. */
export async function connectedChatModel(ctx: IExecuteFunctions): Promise<ChatModel | undefined> {
	const model = (await ctx.getInputConnectionData(NodeConnectionTypes.AiLanguageModel, 0)) as
		BaseChatModel | undefined;
	return model ? asChatModel(model) : undefined;
}
