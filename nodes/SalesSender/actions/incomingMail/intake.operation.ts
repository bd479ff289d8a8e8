import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { inboundFromFields, type MessagePart, parseInbound, recordInbound } from '../../../engine';
import { actorOf } from '../../../shared/actor';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';

export const description: INodeProperties[] = forOperation('incomingMail', 'intake', [
	{
		displayName: 'Input',
		name: 'inputFormat',
		description: 'How the incoming messages reach this node',
		type: 'options',
		options: [
			{
				name: 'Mail Item Fields',
				value: 'fields',
				description:
					'Items from the Email Trigger (IMAP), Gmail or Outlook nodes; report parts from their attachments',
			},
			{
				name: 'Raw Message (Binary)',
				value: 'binary',
				description: 'The whole message (.eml) in a binary property: the most exact',
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		description: 'The input binary field that holds the raw message (.eml)',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field that holds the message',
		displayOptions: { show: { inputFormat: ['binary'] } },
	},
]);

export const execute: Action = async (ctx, engine, i) => {
	const item = ctx.getInputData()[i];
	let message;
	if (ctx.getNodeParameter('inputFormat', i) === 'binary') {
		const property = ctx.getNodeParameter('binaryPropertyName', i) as string;
		ctx.helpers.assertBinaryData(i, property);
		message = await parseInbound(await ctx.helpers.getBinaryDataBuffer(i, property));
	} else {
		const parts: MessagePart[] = [];
		for (const [name, binary] of Object.entries(item.binary ?? {})) {
			if (/^(message\/|text\/rfc822)/i.test(binary.mimeType ?? '')) {
				parts.push({
					mimeType: binary.mimeType,
					content: await ctx.helpers.getBinaryDataBuffer(i, name),
				});
			}
		}
		message = await inboundFromFields(item.json, parts);
	}
	return (await recordInbound(engine, message, actorOf(ctx))) as unknown as IDataObject;
};
