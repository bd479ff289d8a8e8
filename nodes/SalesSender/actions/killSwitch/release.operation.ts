import type { INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';
import { setSwitch, switchProperties } from './common';

export const description: INodeProperties[] = forOperation(
	'killSwitch',
	'release',
	switchProperties,
);

export const execute: Action = async (ctx, engine, i) => await setSwitch(ctx, engine, i, false);
