import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Engine } from '../../engine';

/** What every operation of this node runs for one input item. */
export type Action = (
	ctx: IExecuteFunctions,
	engine: Engine,
	i: number,
) => Promise<IDataObject | IDataObject[]>;
