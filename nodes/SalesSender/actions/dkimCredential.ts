import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { type DkimSettings, dkimRecordCheck, dkimSettingsProblem, dnsLookup } from '../../engine';

const CREDENTIAL = 'salesEngineDkimApi';

const settingsOf = (data: Record<string, unknown>): DkimSettings => ({
	domainName: String(data.domainName ?? ''),
	keySelector: String(data.keySelector ?? ''),
	privateKey: String(data.privateKey ?? ''),
});

/** The node's DKIM key, when it has the optional Sales Engine DKIM Key credential. */
export async function dkimSettingsOf(
	ctx: IExecuteFunctions,
	i: number,
): Promise<DkimSettings | undefined> {
	if (!ctx.getNode().credentials?.[CREDENTIAL]) return undefined;
	return settingsOf(await ctx.getCredentials(CREDENTIAL, i));
}

/**
 * The credential's test in n8n's editor: the key is readable and usable for DKIM, and the public
 * key published in DNS (the machine's resolver) is this key's; otherwise the record to publish.
 */
export async function salesEngineDkimTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const settings = settingsOf((credential.data ?? {}) as Record<string, unknown>);
	const problem = dkimSettingsProblem(settings);
	if (problem)
		return {
			status: 'Error',
			message: [problem.message, problem.description].filter(Boolean).join('. '),
		};
	try {
		const check = await dkimRecordCheck(dnsLookup(), settings);
		return check.ok
			? { status: 'OK', message: check.message }
			: { status: 'Error', message: `${check.message}. ${check.fix}` };
	} catch (error) {
		return {
			status: 'Error',
			message: `The key is usable, but its DNS record could not be checked: ${(error as Error).message}`,
		};
	}
}
