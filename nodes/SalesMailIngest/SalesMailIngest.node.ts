import type { Readable } from 'node:stream';

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import {
	type EmailFields,
	type FileFormat,
	fileMessages,
	type IngestItem,
	type IngestTarget,
	gmailMessages,
	imapMessages,
	ingestMessages,
	itemFields,
} from '../engine';
import { actorOf } from '../shared/actor';
import { campaignIdOf, searchCampaigns } from '../shared/campaignLocator';
import { runForAll, runPerItem } from '../shared/runPerItem';
import { engineOnce, salesEngineStoreTest } from '../shared/storeCredential';
import { mailIngestProperties } from './SalesMailIngestDescription';

function targetOf(ctx: IExecuteFunctions, i: number): IngestTarget {
	const role = ctx.getNodeParameter('role', i) as 'brand' | 'competitor';
	return {
		campaignId: String(campaignIdOf(ctx, i) ?? ''),
		source: role,
		competitor:
			role === 'competitor' ? (ctx.getNodeParameter('competitor', i) as string) : undefined,
	};
}

/** The IMAP folder named by the node, read with n8n's IMAP credential. */
async function* imapOf(ctx: IExecuteFunctions, i: number): AsyncGenerator<IngestItem> {
	const credential = await ctx.getCredentials('imap', i);
	const since = ctx.getNodeParameter('imapSince', i, '') as string;
	const limit = ctx.getNodeParameter('imapLimit', i, 0) as number;
	yield* imapMessages({
		host: String(credential.host),
		port: Number(credential.port) || 993,
		secure: credential.secure !== false,
		user: String(credential.user),
		password: String(credential.password),
		allowUnauthorizedCerts: credential.allowUnauthorizedCerts === true,
		folder: ctx.getNodeParameter('imapFolder', i, 'INBOX') as string,
		since: since ? new Date(since) : undefined,
		limit: limit > 0 ? limit : undefined,
	});
}

/** The Gmail search named by the node, with n8n's Gmail OAuth2 credential. */
async function* gmailOf(ctx: IExecuteFunctions, i: number): AsyncGenerator<IngestItem> {
	const credential = await ctx.getCredentials('gmailOAuth2', i);
	const token = (credential.oauthTokenData ?? {}) as {
		access_token?: string;
		refresh_token?: string;
	};
	if (!token.access_token) {
		throw new NodeOperationError(ctx.getNode(), 'The Gmail credential is not connected', {
			itemIndex: i,
			description: 'Open the Gmail OAuth2 credential and sign in with Google.',
		});
	}
	const limit = ctx.getNodeParameter('gmailLimit', i, 0) as number;
	yield* gmailMessages({
		accessToken: token.access_token,
		refreshToken: token.refresh_token,
		clientId: credential.clientId as string | undefined,
		clientSecret: credential.clientSecret as string | undefined,
		query: ctx.getNodeParameter('gmailQuery', i, '') as string,
		limit: limit > 0 ? limit : undefined,
		rootUrl: (ctx.getNodeParameter('options.gmailApiUrl', i, '') as string) || undefined,
	});
}

/** The files of one input item, streamed from n8n's binary store when it keeps them on disk. */
async function* filesOf(ctx: IExecuteFunctions, i: number): AsyncGenerator<IngestItem> {
	const names = (ctx.getNodeParameter('binaryPropertyName', i) as string)
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	const format = ctx.getNodeParameter('format', i, 'auto') as FileFormat | 'auto';
	for (const name of names) {
		const binary = ctx.helpers.assertBinaryData(i, name);
		const content: Readable | Buffer = binary.id
			? await ctx.helpers.getBinaryStream(binary.id)
			: await ctx.helpers.getBinaryDataBuffer(i, name);
		yield* fileMessages(
			{ fileName: binary.fileName ?? name, mimeType: binary.mimeType, content },
			format === 'auto' ? undefined : format,
		);
	}
}

export class SalesMailIngest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sales Mail Ingest',
		name: 'salesMailIngest',
		icon: { light: 'file:salesMailIngest.svg', dark: 'file:salesMailIngest.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ $parameter["role"] + " mail from " + $parameter["source"] }}',
		description:
			"Ingest a brand's or a competitor's past sales emails: raw kept, normalized, threaded",
		defaults: { name: 'Sales Mail Ingest' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		// Inline so n8n's static checks can read it; optional: no credential means the embedded store.
		credentials: [
			{ name: 'salesEngineStoreApi', required: false, testedBy: 'salesEngineStoreTest' },
			// n8n's own IMAP credential (n8n-nodes-base), which users already hold for the Email
			// Trigger node; n8n resolves credential types by name at run time (DESIGN.md §7).
			// eslint-disable-next-line @n8n/community-nodes/no-credential-reuse, @n8n/community-nodes/valid-credential-references, n8n-nodes-base/node-class-description-credentials-name-unsuffixed
			{ name: 'imap', required: true, displayOptions: { show: { source: ['imap'] } } },
			// eslint-disable-next-line @n8n/community-nodes/no-credential-reuse, @n8n/community-nodes/valid-credential-references
			{ name: 'gmailOAuth2', required: true, displayOptions: { show: { source: ['gmail'] } } },
		],
		properties: mailIngestProperties,
	};

	methods = {
		credentialTest: { salesEngineStoreTest },
		listSearch: { searchCampaigns },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const engine = engineOnce(this);
		const source = this.getNodeParameter('source', 0) as 'file' | 'imap' | 'gmail' | 'items';
		const batchSize = (this.getNodeParameter('options.batchSize', 0, 500) as number) || 500;

		if (source !== 'items') {
			// One ingest per input item (its own files, folder or search), each with its own log.
			const readers = { file: filesOf, imap: imapOf, gmail: gmailOf };
			return await runPerItem(this, async (i) => {
				const messages = readers[source](this, i);
				const log = await ingestMessages(await engine, targetOf(this, i), messages, {
					batchSize,
					actor: actorOf(this),
				});
				return log as unknown as IDataObject;
			});
		}

		// Items are emails: all of them make one ingest, reported in one item paired with every input.
		const items = this.getInputData();
		const paths = this.getNodeParameter('fieldPaths', 0, {}) as Partial<
			Record<keyof EmailFields, string>
		>;
		const messages: IngestItem[] = items.map((item, i) => ({
			kind: 'fields',
			provider: 'items',
			origin: `item ${i}`,
			fields: itemFields(item.json, paths),
		}));
		return await runForAll(this, async () => {
			const log = await ingestMessages(await engine, targetOf(this, 0), messages, {
				batchSize,
				actor: actorOf(this),
			});
			return log as unknown as IDataObject;
		});
	}
}
