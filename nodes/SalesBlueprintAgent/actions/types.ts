import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ChatModel, Engine } from '../../engine';
import type { WithBinary } from '../../shared/runPerItem';

/** What every operation of this node runs for one input item (the chat model, asked for once per run and only by Synthesize). */
export type Action = (
	ctx: IExecuteFunctions,
	engine: Engine,
	i: number,
	model: () => Promise<ChatModel | undefined>,
) => Promise<IDataObject | WithBinary | IDataObject[]>;
