import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Engine, ProspectInput } from '../../engine';

/**
 * What an operation of this node runs for one campaign's prospects, gathered from every input item
 * that names it; `options` are those of the first of those items.
 */
export type BatchAction = (
	ctx: IExecuteFunctions,
	engine: Engine,
	campaignId: string,
	prospects: ProspectInput[],
	options: IDataObject,
	/** Rows and items that could not be read as prospects, for the campaign's record. */
	skipped: Array<{ row?: number; where?: string; error: string }>,
) => Promise<IDataObject[]>;
