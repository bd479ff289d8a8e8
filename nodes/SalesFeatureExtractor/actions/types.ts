import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Embedder, Engine } from '../../engine';

/** What every operation of this node runs for one input item (the embedder, asked for once per run and only by the operations that embed). */
export type Action = (
	ctx: IExecuteFunctions,
	engine: Engine,
	i: number,
	embedder: () => Promise<Embedder>,
) => Promise<IDataObject | IDataObject[]>;
