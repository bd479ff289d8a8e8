import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { type Engine, type KillScope, setKillSwitch } from '../../../engine';
import { actorOf } from '../../../shared/actor';

/** Engages or releases a kill switch: everything, one campaign, or one sending mailbox. */
export async function setSwitch(
	ctx: IExecuteFunctions,
	engine: Engine,
	i: number,
	engaged: boolean,
) {
	const scope = ctx.getNodeParameter('scope', i) as KillScope;
	return (await setKillSwitch(engine.db, {
		scope,
		target: scope === 'global' ? undefined : (ctx.getNodeParameter('target', i, '') as string),
		engaged,
		reason: (ctx.getNodeParameter('reason', i, '') as string) || undefined,
		actor: actorOf(ctx),
	})) as unknown as IDataObject;
}

/** What both operations take: the switch's scope, its target and why. */
export const switchProperties: INodeProperties[] = [
	{
		displayName: 'Scope',
		name: 'scope',
		description: 'What the kill switch covers',
		type: 'options',
		options: [
			{ name: 'Everything', value: 'global' },
			{ name: 'One Campaign', value: 'campaign' },
			{ name: 'One Sending Mailbox', value: 'mailbox' },
		],
		default: 'global',
	},
	{
		displayName: 'Target',
		name: 'target',
		type: 'string',
		default: '',
		description:
			'The campaign ID or the sending mailbox address; ignored for Everything. Shown whatever the scope, so a webhook can set both by expression.',
	},
	{
		displayName: 'Reason',
		name: 'reason',
		description: 'Kept in the audit trail and shown in the campaign status while engaged',
		type: 'string',
		default: '',
	},
];
