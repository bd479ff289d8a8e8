import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	type IBinaryData,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import {
	approveDrafts,
	closeAllEngines,
	type Engine,
	generateDrafts,
	openEngine,
	storeConfigFromCredential,
	unsubscribeToken,
} from '../../../nodes/engine';
import { SalesBlueprintAgent } from '../../../nodes/SalesBlueprintAgent/SalesBlueprintAgent.node';
import { SalesCampaign } from '../../../nodes/SalesCampaign/SalesCampaign.node';
import { SalesDraftGenerator } from '../../../nodes/SalesDraftGenerator/SalesDraftGenerator.node';
import { SalesFeatureExtractor } from '../../../nodes/SalesFeatureExtractor/SalesFeatureExtractor.node';
import { SalesMailIngest } from '../../../nodes/SalesMailIngest/SalesMailIngest.node';
import { SalesSender } from '../../../nodes/SalesSender/SalesSender.node';
import { campaignWithBlueprint } from '../../fixtures/blueprintCorpus';
import { startDnsServer } from '../../helpers/dnsServer';
import { startGmailServer } from '../../helpers/gmailServer';

/**
 * The node layer of every operation, under a mocked IExecuteFunctions on the embedded store: two
 * items, a good one and a bad one. Every output is paired with its item; the bad item becomes an
 * error item on n8n's error output ("Continue (using error output)"), a plain item under "Continue",
 * and an n8n error naming the item otherwise.
 */
const SECRET = 'Pm4Rz8Tq1Wv6Xn3Ky9Lb2Hc7Jd0Fs5Ga8Ue1Io6Ny3Q';
const UNSUBSCRIBE_URL = 'https://hooks.northwind.example.com/webhook/sales-engine/unsubscribe';

interface Item {
	params: IDataObject;
	json?: IDataObject;
	binary?: Record<string, IBinaryData>;
}

interface Case {
	node: INodeType;
	/** resource and operation, and what both items share. */
	params: IDataObject;
	good: () => Promise<Item> | Item;
	bad: () => Promise<Item> | Item;
	/** What the bad item's error says. */
	error: RegExp;
	/** A check of the good item's first output. */
	expectGood: (json: IDataObject) => void;
}

jest.setTimeout(60_000);

const folder = mkdtempSync(join(tmpdir(), 'sales-engine-node-layer-'));
process.env.N8N_USER_FOLDER = folder;

let engine: Engine;
let campaignId: string;
/** Approved drafts of the campaign, each usable once by an operation that changes it. */
let draftIds: string[] = [];
const nextDraft = () => {
	const id = draftIds.shift();
	if (!id) throw new Error('the test ran out of drafts');
	return id;
};
const MISSING = '00000000-0000-4000-8000-000000000000';

const binary = (text: string, fileName: string, mimeType: string): IBinaryData => ({
	data: Buffer.from(text).toString('base64'),
	fileName,
	mimeType,
});

const EML = [
	'From: Alex <alex@globex.example.com>',
	'To: sam@prospect.example.org',
	'Subject: A dashboard for your team',
	'Date: Tue, 06 Oct 2026 09:10:00 +0000',
	'Message-ID: <node-layer-1@globex.example.com>',
	'',
	'Hi Sam,',
	'',
	'Would a short walkthrough be useful?',
	'',
	'Alex',
].join('\r\n');

function context(
	node: INodeType,
	common: IDataObject,
	items: Item[],
	onError: INode['onError'],
): IExecuteFunctions {
	const n = {
		id: 'node-1',
		name: node.description.displayName,
		type: `n8n-nodes-sales-engine.${node.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: common,
		onError,
		credentials: { gmailOAuth2: { id: 'gmail-1', name: 'Gmail' } },
	} as INode;
	const value = (name: string, i: number): unknown => {
		const all: IDataObject = { ...common, ...items[i]?.params };
		return name.split('.').reduce<unknown>((v, key) => (v as IDataObject | undefined)?.[key], all);
	};
	return {
		getNode: () => n,
		getInputData: () => items.map((it) => ({ json: it.json ?? {}, binary: it.binary })),
		getNodeParameter(name: string, i: number, ...fallback: unknown[]) {
			const v = value(name, i);
			if (v !== undefined) return v;
			if (fallback.length) return fallback[0];
			throw new NodeOperationError(n, `Could not get parameter "${name}"`, { itemIndex: i });
		},
		continueOnFail: () => onError !== 'stopWorkflow',
		getCredentials: async (type: string) => {
			if (type === 'salesEngineUnsubscribeApi')
				return { unsubscribeUrl: UNSUBSCRIBE_URL, secret: SECRET };
			if (type === 'gmailOAuth2') return { oauthTokenData: { access_token: gmail.token } };
			if (type === 'jwtAuth') return { keyType: 'passphrase', secret: SECRET, algorithm: 'HS256' };
			throw new NodeOperationError(n, `Node does not have any credentials set for "${type}"`);
		},
		getInputConnectionData: async () => undefined,
		getWorkflow: () => ({ id: 'wf-node-layer', name: 'node layer', active: false }),
		getExecutionId: () => 'exec-1',
		getTimezone: () => 'UTC',
		helpers: {
			assertBinaryData(i: number, property: string) {
				const data = items[i]?.binary?.[property];
				if (!data)
					throw new NodeOperationError(
						n,
						`This operation expects the node's input data to contain a binary file '${property}', but none was found`,
						{ itemIndex: i },
					);
				return data;
			},
			async getBinaryDataBuffer(i: number, property: string) {
				const data = items[i]?.binary?.[property];
				if (!data)
					throw new NodeOperationError(n, `No binary data '${property}'`, { itemIndex: i });
				return Buffer.from(data.data, 'base64');
			},
			async prepareBinaryData(buffer: Buffer, fileName?: string, mimeType?: string) {
				return {
					data: buffer.toString('base64'),
					fileName,
					mimeType: mimeType ?? 'application/octet-stream',
				};
			},
		},
	} as unknown as IExecuteFunctions;
}

/** The input items an output is paired with (n8n takes one pairing or a list). */
const pairedWith = (o: INodeExecutionData) =>
	[o.pairedItem ?? []].flat().map((p) => (typeof p === 'number' ? p : p.item));

async function run(c: Case, onError: INode['onError']) {
	const items = [await c.good(), await c.bad()];
	const ctx = context(c.node, c.params, items, onError);
	return (await c.node.execute!.call(ctx)) as INodeExecutionData[][];
}

const campaign = new SalesCampaign();
const blueprint = new SalesBlueprintAgent();
const generator = new SalesDraftGenerator();
const features = new SalesFeatureExtractor();
const ingest = new SalesMailIngest();
const sender = new SalesSender();

const withCampaign = (params: IDataObject = {}): Item => ({ params: { campaignId, ...params } });
const unknownCampaign = (params: IDataObject = {}): Item => ({
	params: { campaignId: MISSING, ...params },
});
const NO_CAMPAIGN = /^No campaign with ID 00000000-/;

const CASES: Record<string, Case> = {
	'Sales Campaign: campaign create': {
		node: campaign,
		params: { resource: 'campaign', operation: 'create', postalAddress: '1 Main St' },
		good: () => ({ params: { brandName: 'Northwind', competitors: 'Globex | globex.com' } }),
		bad: () => ({ params: { brandName: 'Northwind', competitors: [42] } }),
		error: /Competitors: expected a text/,
		expectGood: (json) =>
			expect(json).toMatchObject({
				competitors: [{ name: 'Globex', website: 'https://globex.com' }],
			}),
	},
	'Sales Campaign: campaign get': {
		node: campaign,
		params: { resource: 'campaign', operation: 'get' },
		good: () => withCampaign(),
		bad: () => unknownCampaign(),
		error: NO_CAMPAIGN,
		expectGood: (json) => expect(json).toMatchObject({ id: campaignId, status: 'active' }),
	},
	'Sales Campaign: campaign getAll': {
		node: campaign,
		params: { resource: 'campaign', operation: 'getAll', returnAll: false },
		good: () => ({ params: { limit: 5 } }),
		bad: () => ({ params: { limit: 5, filters: { status: 'archived' } } }),
		error: /status/i,
		expectGood: (json) => expect(json).toHaveProperty('id'),
	},
	'Sales Campaign: campaign cancel': {
		node: campaign,
		params: { resource: 'campaign', operation: 'cancel', reason: 'node test' },
		good: async () => ({
			params: { campaignId: (await engineCampaign('cancel me')).id },
		}),
		bad: () => unknownCampaign(),
		error: NO_CAMPAIGN,
		expectGood: (json) => expect(json).toMatchObject({ status: 'cancelled' }),
	},
	'Sales Campaign: draft review': {
		node: campaign,
		params: { resource: 'draft', operation: 'review' },
		good: () => withCampaign({ draftFilters: { status: 'approved' } }),
		bad: () => unknownCampaign(),
		error: NO_CAMPAIGN,
		expectGood: (json) => expect(json).toHaveProperty('subject'),
	},
	'Sales Campaign: draft approve': {
		node: campaign,
		params: { resource: 'draft', operation: 'approve', approveBy: 'ids' },
		good: () => withCampaign({ draftIds: nextDraft() }),
		bad: () => withCampaign({ draftIds: 'not-a-draft-id' }),
		error: /draft/i,
		expectGood: (json) => expect(json).toHaveProperty('approved'),
	},
	'Sales Campaign: draft reject': {
		node: campaign,
		params: { resource: 'draft', operation: 'reject', approveBy: 'ids', reason: 'too long' },
		good: () => withCampaign({ draftIds: nextDraft() }),
		bad: () => unknownCampaign({ draftIds: MISSING }),
		error: /draft|campaign/i,
		expectGood: (json) => expect(json).toHaveProperty('rejected'),
	},
	'Sales Campaign: draft edit': {
		node: campaign,
		params: { resource: 'draft', operation: 'edit' },
		good: () => withCampaign({ draftId: nextDraft(), subject: 'Ramp time, Ana?' }),
		bad: () => withCampaign({ draftId: MISSING, subject: 'x' }),
		error: /draft/i,
		expectGood: (json) => expect(json).toMatchObject({ subject: 'Ramp time, Ana?' }),
	},
	'Sales Campaign: webhookRequest verify': {
		node: campaign,
		params: { resource: 'webhookRequest', operation: 'verify' },
		good: () => {
			const iat = Math.floor(Date.now() / 1000);
			const claims = { iat, exp: iat + 300, jti: `node-layer-${Date.now()}-${Math.random()}` };
			return { params: { claims }, json: { body: { action: 'engage' }, jwtPayload: claims } };
		},
		bad: () => ({ params: { claims: { iat: 1, exp: 86_401, jti: 'node-layer-long-lived' } } }),
		error: /lives 86400 s; at most 300 s/,
		expectGood: (json) =>
			expect(json).toMatchObject({
				body: { action: 'engage' },
				verifiedRequest: { jti: expect.stringMatching(/^node-layer-/) },
			}),
	},
	'Sales Blueprint Agent: synthesize': {
		node: blueprint,
		params: { resource: 'blueprint', operation: 'synthesize', includeReport: false },
		good: () => withCampaign(),
		bad: () => unknownCampaign(),
		error: NO_CAMPAIGN,
		expectGood: (json) => expect(json).toHaveProperty('version'),
	},
	'Sales Blueprint Agent: get': {
		node: blueprint,
		params: { resource: 'blueprint', operation: 'get', includeReport: false },
		good: () => withCampaign(),
		bad: () => withCampaign({ version: 999 }),
		error: /version 999/i,
		expectGood: (json) => expect(json).toHaveProperty('version'),
	},
	'Sales Blueprint Agent: list': {
		node: blueprint,
		params: { resource: 'blueprint', operation: 'list' },
		good: () => withCampaign(),
		bad: () => unknownCampaign(),
		error: NO_CAMPAIGN,
		expectGood: (json) => expect(json).toHaveProperty('version'),
	},
	'Sales Blueprint Agent: compare': {
		node: blueprint,
		params: { resource: 'blueprint', operation: 'compare' },
		good: () => withCampaign({ fromVersion: 1, toVersion: 1 }),
		bad: () => withCampaign({ fromVersion: 1, toVersion: 999 }),
		error: /version 999/i,
		expectGood: (json) => expect(json).toMatchObject({ from: 1, to: 1, identical: true }),
	},
	'Sales Blueprint Agent: rollback': {
		node: blueprint,
		params: { resource: 'blueprint', operation: 'rollback' },
		good: () => withCampaign({ version: 1 }),
		bad: () => withCampaign({ version: 999 }),
		error: /version 999/i,
		expectGood: (json) => expect(json).toMatchObject({ version: 1 }),
	},
	'Sales Blueprint Agent: learn from results': {
		node: blueprint,
		params: { resource: 'blueprint', operation: 'learnFromResults', includeReport: false },
		good: () => withCampaign(),
		bad: () => unknownCampaign(),
		error: NO_CAMPAIGN,
		// Nothing sent yet: no version is proposed, and the output says why.
		expectGood: (json) =>
			expect(json).toMatchObject({
				created: false,
				reason: expect.stringMatching(/^No results to learn from yet/),
			}),
	},
	'Sales Draft Generator: prospect upsert': {
		node: generator,
		params: { resource: 'prospect', operation: 'upsert', prospectSource: 'items' },
		good: () => ({
			...withCampaign(),
			json: { email: 'lee@hooli.example.org', first_name: 'Lee' },
		}),
		bad: () => ({ ...withCampaign(), json: { email: 'not an address', first_name: 'Ana' } }),
		error: /email/i,
		expectGood: (json) => expect(json).toMatchObject({ email: 'lee@hooli.example.org' }),
	},
	'Sales Draft Generator: draft generate': {
		node: generator,
		params: { resource: 'draft', operation: 'generate', prospectSource: 'csv' },
		good: () => ({
			...withCampaign(),
			binary: {
				data: binary(
					'email,first_name,company\nkim@vandelay.example.org,Kim,Vandelay\n',
					'p.csv',
					'text/csv',
				),
			},
		}),
		bad: () => withCampaign(),
		error: /binary/i,
		expectGood: (json) =>
			expect(json).toMatchObject({ email: 'kim@vandelay.example.org', created: 3 }),
	},
	'Sales Feature Extractor: feature extract': {
		node: features,
		params: { resource: 'feature', operation: 'extract', embeddings: 'lexical' },
		good: () => withCampaign(),
		bad: () => unknownCampaign(),
		error: NO_CAMPAIGN,
		expectGood: (json) => expect(json).toMatchObject({ campaignId, errors: [] }),
	},
	'Sales Feature Extractor: feature query': {
		node: features,
		params: { resource: 'feature', operation: 'query', limit: 3 },
		good: () => withCampaign(),
		bad: () => withCampaign({ filters: { ctaStrength: 'very' } }),
		error: /Filter ctaStrength must be one of hard, soft, none/,
		expectGood: (json) => expect(json).toHaveProperty('email_id'),
	},
	'Sales Feature Extractor: similarity similar': {
		node: features,
		params: { resource: 'similarity', operation: 'similar', like: 'text' },
		good: () => withCampaign({ text: 'Would a short walkthrough be interesting?' }),
		bad: () => withCampaign({ text: '' }),
		error: /text/i,
		expectGood: (json) => expect(json).toHaveProperty('similarity'),
	},
	'Sales Feature Extractor: similarity families': {
		node: features,
		params: { resource: 'similarity', operation: 'families' },
		good: () => withCampaign(),
		bad: () => unknownCampaign(),
		error: NO_CAMPAIGN,
		expectGood: (json) => expect(json).toMatchObject({ family: 1, subject: 'Ramp time at Acme' }),
	},
	'Sales Mail Ingest: uploaded files': {
		node: ingest,
		params: {
			role: 'competitor',
			competitor: 'Globex',
			source: 'file',
			binaryPropertyName: 'data',
		},
		good: () => ({ ...withCampaign(), binary: { data: binary(EML, 'one.eml', 'message/rfc822') } }),
		bad: () => withCampaign(),
		error: /binary/i,
		expectGood: (json) => expect(json).toMatchObject({ seen: 1, errors: [] }),
	},
	'Sales Mail Ingest: input items': {
		node: ingest,
		params: { role: 'brand', source: 'items' },
		good: () => ({
			...withCampaign(),
			json: {
				messageId: '<node-layer-items@northwind.example.com>',
				from: 'dana@northwind.example.com',
				to: 'sam@prospect.example.org',
				subject: 'Month-end close',
				text: 'Hi Sam,\n\nWould a comparison help?\n\nDana',
				date: '2026-10-01T09:10:00Z',
			},
		}),
		bad: () => ({
			...unknownCampaign(),
			json: { from: 'dana@northwind.example.com', subject: 'x', text: 'y' },
		}),
		error: NO_CAMPAIGN,
		expectGood: (json) => expect(json).toMatchObject({ seen: 1 }),
	},
	'Sales Sender: campaign send': {
		node: sender,
		params: {
			resource: 'campaign',
			operation: 'send',
			provider: 'outbox',
			options: { anyHour: true },
		},
		good: () => withCampaign(),
		bad: () => unknownCampaign(),
		error: NO_CAMPAIGN,
		expectGood: (json) => expect(json).toMatchObject({ provider: 'outbox' }),
	},
	'Sales Sender: campaign checkDeliverability': {
		node: sender,
		params: {
			resource: 'campaign',
			operation: 'checkDeliverability',
			mailboxes: { mailbox: [{ address: 'dana@northwind.example.com' }] },
		},
		good: () => withCampaign({ provider: 'sendgrid', options: { dnsServers: dns.server } }),
		bad: () => withCampaign({ provider: 'outbox' }),
		error: /^The dry-run outbox sends nothing/,
		expectGood: (json) =>
			expect(json).toMatchObject({
				campaignId,
				provider: 'sendgrid',
				ok: false,
				checks: expect.arrayContaining([
					expect.objectContaining({ check: 'spf', domain: 'northwind.example.com', ok: true }),
					expect.objectContaining({ check: 'dmarc', ok: false }),
				]),
			}),
	},
	'Sales Sender: campaign listUnknown': {
		node: sender,
		params: { resource: 'campaign', operation: 'listUnknown' },
		good: async () => {
			await unknownAttempt();
			return withCampaign();
		},
		bad: () => unknownCampaign(),
		error: NO_CAMPAIGN,
		expectGood: (json) =>
			expect(json).toMatchObject({
				campaignId,
				provider: 'outbox',
				messageId: expect.stringMatching(/^<.+>$/),
			}),
	},
	'Sales Sender: campaign resolveUnknown': {
		node: sender,
		params: { resource: 'campaign', operation: 'resolveUnknown', resolution: 'sent' },
		good: async () => withCampaign({ attemptId: await unknownAttempt() }),
		bad: () => withCampaign({ attemptId: 987654 }),
		error: /987654/,
		expectGood: (json) => expect(json).toMatchObject({ campaignId, status: 'sent' }),
	},
	'Sales Sender: campaign resume': {
		node: sender,
		params: { resource: 'campaign', operation: 'resume' },
		good: () => withCampaign(),
		bad: () => unknownCampaign(),
		error: NO_CAMPAIGN,
		expectGood: (json) => expect(json).toMatchObject({ status: 'active' }),
	},
	'Sales Sender: kill switch engage': {
		node: sender,
		params: { resource: 'killSwitch', operation: 'engage', reason: 'node test' },
		good: () => ({ params: { scope: 'mailbox', target: 'old.rep@northwind.example.com' } }),
		bad: () => ({ params: { scope: 'mailbox', target: '' } }),
		error: /target|mailbox/i,
		expectGood: (json) => expect(json).toMatchObject({ engaged: true }),
	},
	'Sales Sender: kill switch release': {
		node: sender,
		params: { resource: 'killSwitch', operation: 'release' },
		good: () => ({ params: { scope: 'mailbox', target: 'old.rep@northwind.example.com' } }),
		bad: () => ({ params: { scope: 'campaign', target: '' } }),
		error: /target|campaign/i,
		expectGood: (json) => expect(json).toMatchObject({ engaged: false }),
	},
	'Sales Sender: recipient unsubscribe': {
		node: sender,
		params: { resource: 'recipient', operation: 'unsubscribe' },
		good: () => ({
			params: { token: unsubscribeToken(SECRET, campaignId, 'gone@hooli.example.org') },
		}),
		bad: () => ({ params: { token: 'forged.token' } }),
		error: /token|link/i,
		expectGood: (json) => expect(json).toMatchObject({ email: 'gone@hooli.example.org' }),
	},
	'Sales Sender: recipient suppress': {
		node: sender,
		params: { resource: 'recipient', operation: 'suppress', kind: 'manual' },
		good: () => ({ params: { value: 'legal@hooli.example.org' } }),
		bad: () => ({ params: { value: 'not an address' } }),
		error: /address|domain/i,
		expectGood: (json) => expect(json).toHaveProperty('value'),
	},
	'Sales Sender: incoming mail intake': {
		node: sender,
		params: {
			resource: 'incomingMail',
			operation: 'intake',
			inputFormat: 'binary',
			binaryPropertyName: 'data',
		},
		good: () => ({
			params: {},
			binary: {
				data: binary(
					EML.replace('alex@globex.example.com', 'sam@prospect.example.org'),
					'r.eml',
					'message/rfc822',
				),
			},
		}),
		bad: () => ({ params: {} }),
		error: /binary/i,
		expectGood: (json) =>
			expect(json).toMatchObject({ kind: 'reply', matched: null, duplicate: false }),
	},
	'Sales Sender: incoming mail readMailbox': {
		node: sender,
		params: { resource: 'incomingMail', operation: 'readMailbox' },
		good: () => ({ params: { provider: 'gmail', options: { gmailApiUrl: gmail.rootUrl } } }),
		// No IMAP credential on the node: named, not n8n's bare "Credentials not found".
		bad: () => ({ params: { provider: 'imap' } }),
		error: /^No IMAP credential is chosen/,
		expectGood: (json) =>
			expect(json).toMatchObject({ mailbox: 'gmail:gmail-1', read: 1, byKind: { unmatched: 1 } }),
	},
};

/** A sent attempt of the campaign turned `unknown` (its answer lost), for the operations on those. */
async function unknownAttempt(): Promise<number> {
	const { rows } = await engine.db.query<{ id: string }>(
		`update send_attempts set status = 'unknown' where id = (
			select id from send_attempts where campaign_id = $1 and status = 'sent' order by id limit 1
		) returning id`,
		[campaignId],
	);
	if (!rows[0]) throw new Error('no sent attempt left to turn unknown');
	return Number(rows[0].id);
}

async function engineCampaign(name: string) {
	const { createCampaign } = await import('../../../nodes/engine');
	return await createCampaign(engine, { name, brand: { name: 'Northwind' }, competitors: [] });
}

let dns: Awaited<ReturnType<typeof startDnsServer>>;
let gmail: Awaited<ReturnType<typeof startGmailServer>>;

beforeAll(async () => {
	// One unrelated message in the inbox; the first read takes it, a second read nothing.
	gmail = await startGmailServer([
		{
			id: 'i1',
			threadId: 'i1',
			raw: Buffer.from(EML),
			internalDate: new Date(),
			labelIds: ['INBOX'],
		},
	]);
	dns = await startDnsServer({
		txt: {
			'northwind.example.com': ['v=spf1 include:sendgrid.net -all'],
			'sendgrid.net': ['v=spf1 ip4:167.89.0.0/17 -all'],
		},
	});
	engine = await openEngine(storeConfigFromCredential(undefined));
	campaignId = await campaignWithBlueprint(engine);
	const people = [
		'ana',
		'ben',
		'cleo',
		'dev',
		'eli',
		'fay',
		'gus',
		'hal',
		'ivy',
		'jo',
		'kai',
		'lu',
	].map((first, k) => ({
		email: `${first}@company${k}.example.net`,
		firstName: first,
		company: `Company${k}`,
		signals: {},
	}));
	await generateDrafts(engine, campaignId, people);
	await approveDrafts(engine, campaignId, { allPassing: true }, 'test');
	const { rows } = await engine.db.query<{ id: string }>(
		'select id from drafts where campaign_id = $1 and step = 1 order by id',
		[campaignId],
	);
	draftIds = rows.map((r) => String(r.id));
}, 120_000);

afterAll(async () => {
	await dns?.stop();
	await gmail?.stop();
	await closeAllEngines();
	rmSync(folder, { recursive: true, force: true });
});

describe.each(Object.entries(CASES))('%s', (_, c) => {
	it('pairs every output with its item and sends the bad item to the error output', async () => {
		const [out] = await run(c, 'continueErrorOutput');
		const good = out.filter((o) => !o.error);
		const bad = out.filter((o) => o.error);
		expect(good.length).toBeGreaterThan(0);
		for (const o of good) expect(pairedWith(o)).toEqual([0]);
		c.expectGood(good[0].json);
		expect(bad).toHaveLength(1);
		expect(pairedWith(bad[0])).toEqual([1]);
		expect(bad[0].error).toBeInstanceOf(Error);
		expect([NodeOperationError, NodeApiError].some((t) => bad[0].error instanceof t)).toBe(true);
		expect(bad[0].json.error).toMatch(c.error);
	});

	it('keeps the bad item as a plain item under "Continue", and stops with an n8n error naming it otherwise', async () => {
		const [out] = await run(c, 'continueRegularOutput');
		const failed = out.filter((o) => o.json.error !== undefined);
		expect(failed.map((o) => [pairedWith(o), o.error])).toEqual([[[1], undefined]]);
		const stopped = run(c, 'stopWorkflow');
		await expect(stopped).rejects.toMatchObject({ context: { itemIndex: 1 } });
		await expect(stopped).rejects.toThrow(c.error);
	});
});

describe('Sales Campaign: draft review with nothing to approve', () => {
	async function hintsOf(filters: IDataObject): Promise<string[]> {
		const hints: string[] = [];
		const ctx = context(
			campaign,
			{ resource: 'draft', operation: 'review', campaignId, draftFilters: filters },
			[{ params: {} }],
			'stopWorkflow',
		);
		(ctx as unknown as { addExecutionHints: (h: { message: string }) => void }).addExecutionHints =
			(h) => hints.push(h.message);
		await campaign.execute!.call(ctx);
		return hints;
	}

	it("says so in n8n's output pane when no draft matches, or none passes the Blueprint", async () => {
		expect(await hintsOf({ status: ['cancelled'] })).toEqual([
			expect.stringMatching(/^No drafts match: nothing waits for a decision/),
		]);
		const { rows } = await engine.db.query<{ prospect_id: string }>(
			"update drafts set status = 'needs_edit' where id = (select id from drafts where campaign_id = $1 and status = 'approved' order by id limit 1) returning prospect_id",
			[campaignId],
		);
		expect(await hintsOf({ status: ['needs_edit'], prospectId: rows[0].prospect_id })).toEqual([
			expect.stringMatching(/^The one draft does not pass the Blueprint: nothing can be approved/),
		]);
		expect(await hintsOf({ status: ['approved'] })).toEqual([]);
	});
});
