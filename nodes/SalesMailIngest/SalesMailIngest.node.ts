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
	type IngestItem,
	type IngestLog,
	type IngestTarget,
	ingestMessages,
	itemFields,
} from '../engine';
import { actorOf } from '../shared/actor';
import { campaignIdOf, searchCampaigns } from '../shared/campaignLocator';
import { docsUrl } from '../shared/docsUrl';
import { FailedEntry, runForGroups, runPerItem } from '../shared/runPerItem';
import { engineOnce, salesEngineStoreTest, storeNotice } from '../shared/storeCredential';
import { mailIngestProperties } from './SalesMailIngestDescription';
import { sourceReaders } from './sources';
import { readingOptions } from './sources/parameters';

function targetOf(ctx: IExecuteFunctions, i: number): IngestTarget {
	const role = ctx.getNodeParameter('role', i) as 'brand' | 'competitor' | 'competitorsBySender';
	if (role === 'competitorsBySender')
		return { campaignId: campaignIdOf(ctx, i), source: 'competitor', bySender: true };
	return {
		campaignId: campaignIdOf(ctx, i),
		source: role,
		competitor:
			role === 'competitor' ? (ctx.getNodeParameter('competitor', i) as string) : undefined,
	};
}

/**
 * The ingest log, and under "Continue (using error output)" each message that was not stored as an
 * item on the error output (the log lists them either way; the other messages were stored).
 */
function logWithErrors(ctx: IExecuteFunctions, i: number, log: IngestLog) {
	const output: Array<IDataObject | FailedEntry> = [log as unknown as IDataObject];
	if (ctx.getNode().onError !== 'continueErrorOutput') return output;
	for (const entry of log.errors) {
		const message = `${entry.origin}: ${entry.message}`;
		const error = new NodeOperationError(ctx.getNode(), message, {
			itemIndex: i,
			description: `The other messages were stored; the ingest log (${log.logKey ?? 'not written'}) lists every error.`,
		});
		output.push(new FailedEntry({ error: message, ...entry, logKey: log.logKey ?? null }, error));
	}
	return output;
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
		documentationUrl: docsUrl('sales-mail-ingest'),
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		// Inline so n8n's static checks can read it; optional: no credential means the embedded store.
		credentials: [
			{ name: 'salesEngineStoreApi', required: false, testedBy: 'salesEngineStoreTest' },
			// n8n's own IMAP credential (n8n-nodes-base), which users already hold for the Email
			// Trigger node; n8n resolves credential types by name at run time.
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
		properties: [storeNotice, ...mailIngestProperties],
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
			return await runPerItem(this, async (i) => {
				const messages = sourceReaders[source](this, i);
				const log = await ingestMessages(await engine, targetOf(this, i), messages, {
					batchSize,
					actor: actorOf(this),
				});
				return logWithErrors(this, i, log);
			});
		}

		// Items are emails: one ingest per target (the competitor may be an expression per item, e.g.
		// `{{ $json.competitor }}`), each reported in one item paired with its emails.
		const items = this.getInputData();
		const paths = this.getNodeParameter('fieldPaths', 0, {}) as Partial<
			Record<keyof EmailFields, string>
		>;
		const messages: IngestItem[] = items.map((item, i) => ({
			kind: 'fields',
			provider: 'items',
			origin: `item ${i}`,
			fields: itemFields(item.json, paths),
			dates: readingOptions(this, i).dates,
		}));
		const groups = new Map<string, number[]>();
		items.forEach((_, i) => {
			const t = targetOf(this, i);
			const key = JSON.stringify([t.campaignId, t.source, t.competitor ?? null, !!t.bySender]);
			const group = groups.get(key);
			if (group) group.push(i);
			else groups.set(key, [i]);
		});
		return await runForGroups(this, [...groups.values()], async (group) => {
			const log = await ingestMessages(
				await engine,
				targetOf(this, group[0]),
				group.map((i) => messages[i]),
				{ batchSize, actor: actorOf(this) },
			);
			return logWithErrors(this, group[0], log);
		});
	}
}
