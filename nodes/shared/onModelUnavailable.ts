import type { INodePropertyOptions } from 'n8n-workflow';

/** The option of every node with a chat model input: what a model that cannot answer leads to. */
export const onModelUnavailableOption = {
	displayName: 'If the Model Cannot Answer',
	name: 'onModelUnavailable',
	type: 'options' as const,
	options: [
		{
			name: 'Use the Deterministic Path',
			value: 'fallback',
			description:
				'A model that is down, refuses the credential or fails: the run goes on without it and its output says why',
		},
		{
			name: 'Stop With an Error',
			value: 'stop',
			description: 'The error names the model, its endpoint and what to check',
		},
	] satisfies INodePropertyOptions[],
	default: 'fallback',
	description:
		'What happens when the connected chat model cannot answer at all (a model whose answers break the rules is always retried, then replaced by the deterministic path)',
};
