import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * A credential the node lists as optional (it is needed only for some settings, e.g. one kind of
 * mailbox among several): when none is chosen, an error naming it instead of n8n's bare
 * "Credentials not found".
 */
export async function chosenCredential(
	ctx: IExecuteFunctions,
	type: string,
	label: string,
	i: number,
	neededFor: string,
): Promise<ICredentialDataDecryptedObject> {
	const chosen = ctx.getNode().credentials?.[type];
	if (!chosen?.id && !chosen?.name)
		throw new NodeOperationError(ctx.getNode(), `No ${label} credential is chosen`, {
			itemIndex: i,
			description: `${neededFor} needs one: choose it in the node's credentials.`,
		});
	return await ctx.getCredentials(type, i);
}
