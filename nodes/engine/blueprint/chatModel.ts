/**
 * The chat model as the engine sees it: any object with LangChain's `invoke` (n8n hands over its
 * own @langchain/core instance, so it is duck-typed, never `instanceof`-checked).
 */
export type ChatMessage = ['system' | 'human' | 'ai', string];

export interface ChatModel {
	/** A label for the output ("ChatOpenAI:gpt-4o-mini"). */
	name: string;
	invoke(messages: ChatMessage[]): Promise<{ content: unknown }>;
}

/** The text of a reply, whether `content` is a string or a list of parts. */
export function replyText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) {
		return content
			.map((part) => (typeof part === 'string' ? part : ((part as { text?: string })?.text ?? '')))
			.join('');
	}
	return '';
}

/** The JSON object in a reply: bare, or fenced in ```json … ```, with any prose around it. */
export function parseJsonReply(text: string): { value?: unknown; error?: string } {
	const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text)?.[1] ?? text;
	const start = fenced.indexOf('{');
	const end = fenced.lastIndexOf('}');
	if (start < 0 || end <= start) return { error: 'the answer holds no JSON object' };
	try {
		return { value: JSON.parse(fenced.slice(start, end + 1)) };
	} catch (error) {
		return { error: `the JSON does not parse: ${(error as Error).message}` };
	}
}
