import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeCredentialTestResult,
	INodeProperties,
} from 'n8n-workflow';

import {
	checkStore,
	type Engine,
	openEngine,
	storeConfigFromCredential,
	type StoreCredentialData,
} from '../engine';

export const STORE_CREDENTIAL = 'salesEngineStoreApi';

/** Shown first on every node: n8n lists the credential slot as if it had to be filled. */
export const storeNotice: INodeProperties = {
	displayName:
		'The Sales Engine Store credential is optional: without one, this node uses the embedded store in the n8n user folder (one n8n instance). Add one for PostgreSQL and S3, e.g. for queue mode.',
	name: 'storeNotice',
	type: 'notice',
	default: '',
};

/** The engine for this execution: the node's store credential, or the embedded default. */
export async function engineFor(ctx: IExecuteFunctions | ILoadOptionsFunctions): Promise<Engine> {
	const hasCredential = Boolean(ctx.getNode().credentials?.[STORE_CREDENTIAL]);
	const data = hasCredential
		? ((await ctx.getCredentials(STORE_CREDENTIAL)) as StoreCredentialData)
		: undefined;
	return await openEngine(storeConfigFromCredential(data));
}

/**
 * The engine for one execution, opened once for all its items. Not awaited here: if opening fails,
 * each item that awaits it reports why (so continueOnFail applies).
 */
export function engineOnce(ctx: IExecuteFunctions): Promise<Engine> {
	const engine = engineFor(ctx);
	engine.catch(() => undefined);
	return engine;
}

/** The credential test: connects, migrates nothing, reports pgvector and the bucket. */
export async function salesEngineStoreTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const result = await checkStore(
			storeConfigFromCredential(credential.data as StoreCredentialData | undefined),
		);
		return { status: result.ok ? 'OK' : 'Error', message: result.message };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}
