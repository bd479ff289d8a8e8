import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	acceptSignedRequest,
	checkSigningKey,
	invalidInput,
	type SigningKeySettings,
} from '../../../engine';
import { forOperation } from '../../../shared/forOperation';
import type { Action } from '../types';

export const description: INodeProperties[] = forOperation('webhookRequest', 'verify', [
	{
		displayName:
			'Put this right after a Webhook node set to JWT Auth with the same credential. n8n checks the signature and expiry; this node refuses a weak key, a token that lives over 5 minutes, and a token used before. The request goes on unchanged.',
		name: 'verifyNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Token Claims',
		name: 'claims',
		type: 'json',
		default: '={{ $json.jwtPayload }}',
		description: "The verified token's claims, as the Webhook node outputs them",
	},
	{
		displayName: 'Pass On',
		name: 'passOn',
		type: 'options',
		options: [
			{ name: 'The Whole Request', value: 'request', description: 'Headers, query, body' },
			{ name: 'Only the Body', value: 'body', description: "The request's JSON body" },
		],
		default: 'request',
		description: 'What the next node gets once the request is accepted',
	},
]);

export const execute: Action = async (ctx, engine, i) => {
	checkSigningKey((await ctx.getCredentials('jwtAuth', i)) as SigningKeySettings);
	const claims = ctx.getNodeParameter('claims', i, null) as unknown;
	let parsed = claims;
	if (typeof claims === 'string' && claims.trim()) {
		try {
			parsed = JSON.parse(claims) as unknown;
		} catch {
			throw invalidInput("Token Claims is not JSON: map it to the Webhook node's jwtPayload");
		}
	}
	const { json } = ctx.getInputData()[i];
	const onlyBody = ctx.getNodeParameter('passOn', i, 'request') === 'body';
	// A request refused for its body does not spend its token.
	const body = json.body;
	if (onlyBody && (!body || typeof body !== 'object' || Array.isArray(body)))
		throw invalidInput('The request has no JSON object as its body');
	const accepted = await acceptSignedRequest(engine.db, parsed);
	return onlyBody
		? (body as IDataObject)
		: ({ ...json, verifiedRequest: { ...accepted } } as IDataObject);
};
