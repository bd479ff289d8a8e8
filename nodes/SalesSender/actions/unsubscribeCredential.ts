import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { unsubscribeSettingsProblem } from '../../engine';

export interface UnsubscribeSettings {
	unsubscribeUrl: string;
	secret: string;
}

/** The unsubscribe URL and signing secret, from the node's Sales Engine Unsubscribe credential. */
export async function unsubscribeSettingsOf(
	ctx: IExecuteFunctions,
	i: number,
): Promise<UnsubscribeSettings> {
	const c = await ctx.getCredentials<{ unsubscribeUrl?: string; secret?: string }>(
		'salesEngineUnsubscribeApi',
		i,
	);
	return { unsubscribeUrl: String(c.unsubscribeUrl ?? '').trim(), secret: String(c.secret ?? '') };
}

/**
 * The credential's test in n8n's editor: an https URL and a secret that may sign real links (the
 * shipped placeholder is only good for the dry-run outbox, so the test reports it).
 */
export async function salesEngineUnsubscribeTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as { unsubscribeUrl?: string; secret?: string };
	const problem = unsubscribeSettingsProblem(
		{ unsubscribeUrl: String(data.unsubscribeUrl ?? '').trim(), secret: String(data.secret ?? '') },
		true,
	);
	return problem
		? {
				status: 'Error',
				message: [problem.message, problem.description].filter(Boolean).join('. '),
			}
		: { status: 'OK', message: 'The unsubscribe URL and secret can sign real links' };
}
