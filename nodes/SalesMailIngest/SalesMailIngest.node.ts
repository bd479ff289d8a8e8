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
	outlookMessages,
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

/** A dateTime parameter as a Date; empty means no bound. */
function dateParameter(ctx: IExecuteFunctions, name: string, i: number): Date | undefined {
	const value = ctx.getNodeParameter(name, i, '') as string;
	if (!value) return undefined;
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) {
		throw new NodeOperationError(ctx.getNode(), `"${value}" is not a date`, {
			itemIndex: i,
			description: 'Use a date such as 2026-01-31 or leave the field empty.',
		});
	}
	return date;
}

/** A limit parameter; 0 (or less) means all. */
function limitParameter(ctx: IExecuteFunctions, name: string, i: number): number | undefined {
	const limit = ctx.getNodeParameter(name, i, 0) as number;
	return limit > 0 ? limit : undefined;
}

/** The access and refresh tokens of an n8n OAuth2 credential, or a clear error before any call. */
async function oauth2(
	ctx: IExecuteFunctions,
	type: string,
	label: string,
	i: number,
): Promise<{ credential: IDataObject; accessToken: string; refreshToken?: string }> {
	const credential = await ctx.getCredentials(type, i);
	const token = (credential.oauthTokenData ?? {}) as {
		access_token?: string;
		refresh_token?: string;
	};
	if (!token.access_token) {
		throw new NodeOperationError(ctx.getNode(), `The ${label} credential is not connected`, {
			itemIndex: i,
			description: `Open the ${label} credential and sign in.`,
		});
	}
	return { credential, accessToken: token.access_token, refreshToken: token.refresh_token };
}

/** The IMAP folder named by the node, read with n8n's IMAP credential. */
async function* imapOf(ctx: IExecuteFunctions, i: number): AsyncGenerator<IngestItem> {
	const credential = await ctx.getCredentials('imap', i);
	yield* imapMessages({
		host: String(credential.host),
		port: Number(credential.port) || 993,
		secure: credential.secure !== false,
		user: String(credential.user),
		password: String(credential.password),
		allowUnauthorizedCerts: credential.allowUnauthorizedCerts === true,
		folder: ctx.getNodeParameter('imapFolder', i, 'INBOX') as string,
		since: dateParameter(ctx, 'imapSince', i),
		limit: limitParameter(ctx, 'imapLimit', i),
	});
}

/** The Gmail search named by the node, with n8n's Gmail OAuth2 credential. */
async function* gmailOf(ctx: IExecuteFunctions, i: number): AsyncGenerator<IngestItem> {
	const { credential, accessToken, refreshToken } = await oauth2(
		ctx,
		'gmailOAuth2',
		'Gmail OAuth2',
		i,
	);
	yield* gmailMessages({
		accessToken,
		refreshToken,
		clientId: credential.clientId as string | undefined,
		clientSecret: credential.clientSecret as string | undefined,
		query: ctx.getNodeParameter('gmailQuery', i, '') as string,
		limit: limitParameter(ctx, 'gmailLimit', i),
		rootUrl: (ctx.getNodeParameter('options.gmailApiUrl', i, '') as string) || undefined,
	});
}

/** The Outlook folder named by the node, through Microsoft Graph with n8n's Outlook credential. */
async function* outlookOf(ctx: IExecuteFunctions, i: number): AsyncGenerator<IngestItem> {
	const { accessToken } = await oauth2(ctx, 'microsoftOutlookOAuth2Api', 'Microsoft Outlook', i);
	yield* outlookMessages({
		accessToken,
		folder: ctx.getNodeParameter('outlookFolder', i, 'sentitems') as string,
		since: dateParameter(ctx, 'outlookSince', i),
		filter: ctx.getNodeParameter('outlookFilter', i, '') as string,
		limit: limitParameter(ctx, 'outlookLimit', i),
		baseUrl: (ctx.getNodeParameter('options.graphApiUrl', i, '') as string) || undefined,
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
			{
				// eslint-disable-next-line @n8n/community-nodes/no-credential-reuse, @n8n/community-nodes/valid-credential-references
				name: 'microsoftOutlookOAuth2Api',
				required: true,
				displayOptions: { show: { source: ['outlook'] } },
			},
		],
		properties: mailIngestProperties,
	};

	methods = {
		credentialTest: { salesEngineStoreTest },
		listSearch: { searchCampaigns },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const engine = engineOnce(this);
		const source = this.getNodeParameter('source', 0) as
			'file' | 'imap' | 'gmail' | 'outlook' | 'items';
		const batchSize = (this.getNodeParameter('options.batchSize', 0, 500) as number) || 500;

		if (source !== 'items') {
			// One ingest per input item (its own files, folder or search), each with its own log.
			const readers = { file: filesOf, imap: imapOf, gmail: gmailOf, outlook: outlookOf };
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
