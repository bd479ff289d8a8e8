import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { syntheticMessage } from '../bench/generateMbox';
import { closeAllEngines, defaultStoreConfig, openEngine } from '../nodes/engine';
import { goodMessage, HOSTILE } from '../test/fixtures/hostileMail';
import { mbox, notMail, sequence } from '../test/fixtures/mail';
import { startDovecot } from '../test/helpers/dovecot';
import { startGmailServer } from '../test/helpers/gmailServer';
import { startGraphServer } from '../test/helpers/graphServer';
import { type Execution, N8n, outputOf } from './helpers/n8n';
import { campaignFromCreate, campaignStart, link, node } from './helpers/workflow';

describe('Sales Mail Ingest in a real n8n', () => {
	let n8n: N8n;
	beforeAll(async () => {
		n8n = await N8n.withPackage();
	});
	afterAll(async () => {
		await closeAllEngines();
		n8n?.remove();
	});

	/** Create campaign → one brand ingest from a mailbox source; returns the ingest node's output. */
	async function runIngest(id: string, source: object, credentials: object) {
		const workflow = {
			id,
			name: `e2e: ingest ${id}`,
			settings: { executionOrder: 'v1' },
			nodes: [
				...campaignStart(),
				{
					...node('Ingest', 'n8n-nodes-sales-engine.salesMailIngest', [400, 0], {
						campaignId: campaignFromCreate,
						role: 'brand',
						...source,
					}),
					credentials,
				},
			],
			connections: { Start: link('Create campaign'), 'Create campaign': link('Ingest') },
		};
		await n8n.import('workflow', [workflow]);
		return await n8n.execute(workflow.id);
	}

	/** The ingest node's output of a run that must have succeeded. */
	function ingestOutput(execution: Execution) {
		expect(execution.data.resultData.error).toBeUndefined();
		return outputOf(execution, 'Ingest');
	}

	/** Create campaign → Read/Write Files reads `fileSelector` → Ingest with `ingest` as parameters. */
	function fileIngest(id: string, fileSelector: string, ingest: object, settings: object = {}) {
		return {
			id,
			name: `e2e: file ingest ${id}`,
			settings: { executionOrder: 'v1' },
			nodes: [
				...campaignStart(),
				node('Read files', 'n8n-nodes-base.readWriteFile', [400, 0], {
					operation: 'read',
					fileSelector,
				}),
				{
					...node('Ingest', 'n8n-nodes-sales-engine.salesMailIngest', [600, 0], {
						campaignId: campaignFromCreate,
						role: 'brand',
						source: 'file',
						...ingest,
					}),
					...settings,
				},
			],
			connections: {
				Start: link('Create campaign'),
				'Create campaign': link('Read files'),
				'Read files': link('Ingest'),
			},
		};
	}

	it('ingests a brand mbox and a competitor CSV from disk, threads them, and skips bad files', async () => {
		const files = join(n8n.userFolder, 'mail-files');
		mkdirSync(files);
		writeFileSync(join(files, 'brand-sent.mbox'), mbox(sequence));
		writeFileSync(
			join(files, 'globex.csv'),
			'From,To,Subject,Body,Sent At\n' +
				'rep@globex.example.com,kim@p.example.org,Idea for Kim,"Hi Kim, quick idea.",2026-03-02T10:00:00Z\n' +
				'rep@globex.example.com,kim@p.example.org,Re: Idea for Kim,"Following up.",2026-03-05T10:00:00Z\n',
		);
		writeFileSync(join(files, 'notes.eml'), notMail);
		const workflow = {
			id: 'SEe2eingest00001',
			name: 'e2e: ingest from files',
			settings: { executionOrder: 'v1' },
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger', [0, 0], {}),
				node('Create campaign', 'n8n-nodes-sales-engine.salesCampaign', [200, 0], {
					resource: 'campaign',
					operation: 'create',
					brandName: 'Northwind',
					competitors: 'Globex | globex.example.com',
				}),
				node('Read brand mbox', 'n8n-nodes-base.readWriteFile', [400, 0], {
					operation: 'read',
					fileSelector: join(files, 'brand-sent.mbox'),
				}),
				node('Ingest brand', 'n8n-nodes-sales-engine.salesMailIngest', [600, 0], {
					campaignId: campaignFromCreate,
					role: 'brand',
					source: 'file',
				}),
				node('Read competitor files', 'n8n-nodes-base.readWriteFile', [800, 0], {
					operation: 'read',
					fileSelector: join(files, '{globex.csv,notes.eml}'),
				}),
				node('Ingest Globex', 'n8n-nodes-sales-engine.salesMailIngest', [1000, 0], {
					campaignId: campaignFromCreate,
					role: 'competitor',
					competitor: 'globex',
					source: 'file',
				}),
				{
					...node(
						'Make Gmail-like items',
						'n8n-nodes-base.set',
						[1200, 0],
						{
							mode: 'raw',
							jsonOutput: JSON.stringify({
								emails: [
									{
										messageId: '<g-1@globex.example.com>',
										threadId: 'gmail-thread-9',
										subject: 'Webinar invite',
										text: 'Join our webinar on Thursday?',
										from: { text: 'Globex Events <events@globex.example.com>' },
										to: { text: 'kim@p.example.org' },
										date: '2026-03-06T09:00:00.000Z',
									},
									{ subject: '', text: '' },
								],
							}),
							options: {},
						},
						3.4,
					),
					executeOnce: true,
				},
				node('Split Out', 'n8n-nodes-base.splitOut', [1400, 0], {
					fieldToSplitOut: 'emails',
					options: {},
				}),
				node('Ingest items', 'n8n-nodes-sales-engine.salesMailIngest', [1600, 0], {
					campaignId: {
						__rl: true,
						mode: 'id',
						value: "={{ $('Create campaign').first().json.id }}",
					},
					role: 'competitor',
					competitor: 'Globex',
					source: 'items',
				}),
			],
			connections: {
				Start: link('Create campaign'),
				'Create campaign': link('Read brand mbox'),
				'Read brand mbox': link('Ingest brand'),
				'Ingest brand': link('Read competitor files'),
				'Read competitor files': link('Ingest Globex'),
				'Ingest Globex': link('Make Gmail-like items'),
				'Make Gmail-like items': link('Split Out'),
				'Split Out': link('Ingest items'),
			},
		};
		await n8n.import('workflow', [workflow]);
		const execution = await n8n.execute(workflow.id);
		expect(execution.data.resultData.error).toBeUndefined();
		const [campaign] = outputOf(execution, 'Create campaign');
		expect(outputOf(execution, 'Ingest brand')).toEqual([
			expect.objectContaining({
				source: 'brand',
				seen: 3,
				inserted: 3,
				duplicates: 0,
				errorCount: 0,
			}),
		]);
		const competitor = outputOf(execution, 'Ingest Globex');
		expect(competitor).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ competitor: 'Globex', inserted: 2, errorCount: 0 }),
				expect.objectContaining({
					inserted: 0,
					errors: [
						{
							origin: 'notes.eml',
							message: 'not an email: no From, Date, Subject or Message-ID header',
						},
					],
				}),
			]),
		);

		expect(outputOf(execution, 'Ingest items')).toEqual([
			expect.objectContaining({
				seen: 2,
				inserted: 1,
				errors: [{ origin: 'item 1', message: 'no subject and no body' }],
			}),
		]);

		const engine = await openEngine(defaultStoreConfig({ N8N_USER_FOLDER: n8n.userFolder }));
		const { rows } = await engine.db.query<{
			source: string;
			subject: string;
			thread_position: number;
			gap_days: number | null;
		}>(
			`select source, subject, thread_position, round(gap_from_previous_s / 86400.0)::int as gap_days
			 from emails where campaign_id = $1 order by source, sent_at`,
			[campaign.id as string],
		);
		expect(rows).toEqual([
			{
				source: 'brand',
				subject: 'Cutting month-end close for Prospect Co',
				thread_position: 1,
				gap_days: null,
			},
			{
				source: 'brand',
				subject: 'Re: Cutting month-end close for Prospect Co',
				thread_position: 2,
				gap_days: 3,
			},
			{
				source: 'brand',
				subject: 'RE: Cutting month-end close for Prospect Co',
				thread_position: 3,
				gap_days: 4,
			},
			{ source: 'competitor', subject: 'Idea for Kim', thread_position: 1, gap_days: null },
			{ source: 'competitor', subject: 'Re: Idea for Kim', thread_position: 2, gap_days: 3 },
			{ source: 'competitor', subject: 'Webinar invite', thread_position: 1, gap_days: null },
		]);
		await engine.close();
	});

	it('parses a 400-message mbox on the worker pool inside n8n, with its error entry', async () => {
		const messages: Buffer[] = Array.from({ length: 400 }, (_, i) =>
			Buffer.from(syntheticMessage(i)),
		);
		messages.splice(250, 0, notMail);
		const path = join(n8n.userFolder, 'bulk.mbox');
		writeFileSync(path, mbox(messages));
		const workflow = fileIngest('SEe2ebulkmbox001', path, {});
		await n8n.import('workflow', [workflow]);
		expect(ingestOutput(await n8n.execute(workflow.id))).toEqual([
			expect.objectContaining({
				seen: 401,
				inserted: 400,
				errorCount: 1,
				errors: [
					{
						origin: expect.stringMatching(/^bulk\.mbox, message 251 at byte \d+$/),
						message: expect.stringContaining('not an email'),
					},
				],
			}),
		]);
	});

	it('stores every good message of a hostile set; the bad ones go to the error output, a run failure is a readable error', async () => {
		const dir = join(n8n.userFolder, 'hostile');
		mkdirSync(dir);
		// Hostile messages with headers travel in an mbox between good ones; the rest come as files.
		const framed = HOSTILE.filter((h) => h.stored);
		writeFileSync(
			join(dir, 'hostile.mbox'),
			mbox(framed.flatMap((h, i) => [goodMessage(i), h.raw])),
		);
		writeFileSync(join(dir, 'nothing.eml'), Buffer.alloc(0));
		writeFileSync(
			join(dir, 'crm.csv'),
			Buffer.from(
				'subject;body;sent at\nok;fine;2026-03-02T10:00:00Z\nbroken;"never closed\nafter;still read;31/12/2025\n',
				'latin1',
			),
		);
		writeFileSync(
			join(dir, 'export.json'),
			JSON.stringify([
				{ subject: { nested: true }, body: 'x' },
				{ from: 42, subject: 's', body: 'x' },
			]),
		);
		const workflow = fileIngest(
			'SEe2ehostile0001',
			join(dir, '*'),
			{ binaryPropertyName: 'data' },
			{ onError: 'continueErrorOutput' },
		);
		await n8n.import('workflow', [workflow]);
		const execution = await n8n.execute(workflow.id);
		expect(execution.data.resultData.error).toBeUndefined();
		const logs = outputOf(execution, 'Ingest');
		const errors = outputOf(execution, 'Ingest', 1);
		const sum = (key: string) => logs.reduce((total, log) => total + Number(log[key]), 0);
		// One log per file; every good message stored, every count adding up.
		expect(logs).toHaveLength(4);
		for (const log of logs) {
			expect(log.seen).toBe(Number(log.inserted) + Number(log.duplicates) + Number(log.errorCount));
		}
		expect(sum('inserted')).toBe(framed.length * 2 + 2);
		// n8n keeps an error-output item's message: where, and what is wrong.
		expect(errors.map((e) => e.error)).toEqual(
			expect.arrayContaining([
				'nothing.eml: empty file: no message in it',
				expect.stringMatching(/^crm\.csv, line 3: .*quote opened in this row is never closed/),
				'export.json, entry 0: field "subject" must be text, but holds an object',
				expect.stringMatching(/^export\.json, entry 1: field "from" must be text/),
			]),
		);
		expect(errors).toHaveLength(sum('errorCount'));

		// Without "continue", a failure of the run itself stops it with a message and a description.
		const failing = fileIngest('SEe2ehostile0002', join(dir, '*'), {
			role: 'competitor',
			competitor: 'Nobody Inc',
		});
		await n8n.import('workflow', [failing]);
		const failed = await n8n.execute(failing.id);
		expect(failed.data.resultData.error).toMatchObject({
			message: expect.stringMatching(/"Nobody Inc" is not a competitor of campaign/),
			description: 'The campaign lists no competitors.',
		});
	});

	it("ingests a Dovecot folder with n8n's own IMAP credential", async () => {
		const dovecot = await startDovecot();
		try {
			sequence.forEach((raw, i) =>
				dovecot.deliver('Sent', raw, new Date(Date.UTC(2026, 2, 2 + 3 * i))),
			);
			await n8n.import('credentials', [
				{
					id: 'seimapdovecot001',
					name: 'Dovecot',
					type: 'imap',
					data: {
						user: dovecot.user,
						password: dovecot.password,
						host: dovecot.host,
						port: dovecot.port,
						secure: false,
					},
				},
			]);
			const output = ingestOutput(
				await runIngest(
					'SEe2eimap0000001',
					{ source: 'imap', imapFolder: 'Sent' },
					{ imap: { id: 'seimapdovecot001', name: 'Dovecot' } },
				),
			);
			expect(output).toEqual([
				expect.objectContaining({ seen: 3, inserted: 3, errorCount: 0, threadsUpdated: 0 }),
			]);
		} finally {
			dovecot.stop();
		}
	});

	it("ingests a Gmail search with n8n's own Gmail OAuth2 credential", async () => {
		const gmail = await startGmailServer(
			sequence.map((raw, i) => ({
				id: `m${i}`,
				threadId: 't1',
				raw,
				internalDate: new Date(Date.UTC(2026, 2, 2 + 3 * i)),
			})),
		);
		try {
			await n8n.import('credentials', [
				{
					id: 'segmailoauth0001',
					name: 'Gmail',
					type: 'gmailOAuth2',
					data: {
						clientId: 'client-id',
						clientSecret: 'client-secret',
						oauthTokenData: {
							access_token: gmail.token,
							refresh_token: 'refresh',
							token_type: 'Bearer',
						},
					},
				},
			]);
			const output = ingestOutput(
				await runIngest(
					'SEe2egmail000001',
					{ source: 'gmail', gmailQuery: 'in:sent', options: { gmailApiUrl: gmail.rootUrl } },
					{ gmailOAuth2: { id: 'segmailoauth0001', name: 'Gmail' } },
				),
			);
			expect(output).toEqual([
				expect.objectContaining({ seen: 3, inserted: 3, errorCount: 0, threadsUpdated: 0 }),
			]);
			expect(gmail.requests[0]).toMatch(/^GET \/gmail\/v1\/users\/me\/messages\?q=in%3Asent/);
		} finally {
			await gmail.stop();
		}
	});

	it('ingests an Outlook shared mailbox through Graph; n8n refreshes an expired token', async () => {
		const graph = await startGraphServer(
			{
				sentitems: sequence.map((raw, i) => ({
					id: `AAMk-${i}`,
					conversationId: 'conv-1',
					raw,
					received: new Date(Date.UTC(2026, 2, 2 + 3 * i)),
				})),
			},
			{ maxPageSize: 2, sharedMailboxes: ['sales@northwind.example'] },
		);
		// n8n's own Outlook credential as a user holds it an hour after signing in: the access token
		// has expired and only the refresh token (exchanged at the token URL) still works.
		const credential = (id: string, refreshToken: string) => ({
			id,
			name: `Outlook ${id}`,
			type: 'microsoftOutlookOAuth2Api',
			data: {
				clientId: 'client-id',
				clientSecret: 'client-secret',
				accessTokenUrl: `${graph.baseUrl}/oauth2/v2.0/token`,
				useShared: true,
				userPrincipalName: 'sales@northwind.example',
				oauthTokenData: {
					access_token: 'expired-access-token',
					refresh_token: refreshToken,
					token_type: 'Bearer',
				},
			},
		});
		const source = {
			source: 'outlook',
			outlookFolder: 'sentitems',
			options: { graphApiUrl: graph.baseUrl },
		};
		try {
			await n8n.import('credentials', [
				credential('seoutlookoauth01', graph.refreshToken),
				credential('seoutlookoauth02', 'revoked-refresh-token'),
			]);
			const output = ingestOutput(
				await runIngest('SEe2eoutlook0001', source, {
					microsoftOutlookOAuth2Api: { id: 'seoutlookoauth01', name: 'Outlook seoutlookoauth01' },
				}),
			);
			expect(output).toEqual([
				expect.objectContaining({ seen: 3, inserted: 3, errorCount: 0, threadsUpdated: 0 }),
			]);
			// One refresh, then two list pages of the shared mailbox (the second from @odata.nextLink)
			// and one MIME download per message.
			expect(graph.requests.filter((r) => r.startsWith('POST /oauth2'))).toHaveLength(1);
			expect(
				graph.requests.filter((r) =>
					r.startsWith('GET /v1.0/users/sales@northwind.example/mailFolders/sentitems/'),
				),
			).toHaveLength(3); // the first was refused with 401 before the refresh
			expect(graph.requests.filter((r) => r.endsWith('/$value'))).toHaveLength(3);

			const refused = await runIngest('SEe2eoutlook0002', source, {
				microsoftOutlookOAuth2Api: { id: 'seoutlookoauth02', name: 'Outlook seoutlookoauth02' },
			});
			expect(refused.data.resultData.error?.message).toBe(
				'Microsoft Graph refused the credential (HTTP 401): The credential "Outlook seoutlookoauth02" needs to be reconnected. Access could not be refreshed because the connected account has revoked access, the refresh token expired, or the account password or permissions changed. Open the credential and reconnect it to continue.',
			);

			const unreachable = await runIngest(
				'SEe2eoutlook0003',
				{ ...source, options: { graphApiUrl: 'http://127.0.0.1:9' } },
				{ microsoftOutlookOAuth2Api: { id: 'seoutlookoauth01', name: 'Outlook seoutlookoauth01' } },
			);
			expect(unreachable.data.resultData.error?.message).toMatch(
				/^Cannot reach Microsoft Graph at http:\/\/127\.0\.0\.1:9: /,
			);
		} finally {
			await graph.stop();
		}
	});
});
