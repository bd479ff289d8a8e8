import { closeAllEngines, defaultStoreConfig, openEngine } from '../nodes/engine';
import { approvedCampaign } from '../test/fixtures/approvedCampaign';
import { startSmtpSink } from '../test/helpers/smtpSink';
import { N8n, type NodeRun, outputOf } from './helpers/n8n';
import { importStackCredentials, readWorkflow } from './helpers/shipped';

/**
 * A stack made with an http WEBHOOK_URL (n8n on http://localhost, as most first installs are): the
 * dry run writes its outbox and says what real sending will need; a real provider fails the run,
 * red, with the fix — never a green run that sent nothing.
 */
describe('the send worker on a stack whose WEBHOOK_URL is http', () => {
	let n8n: N8n;
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	beforeAll(async () => {
		n8n = await N8n.withPackage();
		sink = await startSmtpSink();
		process.env.WEBHOOK_URL = 'http://localhost:5678/';
		try {
			await importStackCredentials(n8n);
		} finally {
			delete process.env.WEBHOOK_URL;
		}
		const engine = await openEngine(defaultStoreConfig({ N8N_USER_FOLDER: n8n.userFolder }));
		await approvedCampaign(engine, ['ana@acme.example.net', 'ben@binford.example.net']);
		await closeAllEngines();
	});
	afterAll(async () => {
		await sink?.stop();
		await closeAllEngines();
		n8n?.remove();
	});

	it('writes the dry run at any hour and warns on the canvas what real sending will refuse', async () => {
		await n8n.import('workflow', [readWorkflow('send-worker.json')]);
		const run = await n8n.execute('SEsendworker0001');
		expect(run.data.resultData.error).toBeUndefined();
		const [summary] = outputOf(run, 'Send due drafts');
		expect(summary).toMatchObject({
			provider: 'outbox',
			sent: 2,
			failed: 0,
			window: 'not applied: the dry-run outbox writes every due message now',
		});
		const hints = (
			run.data.resultData.runData['Send due drafts'][0] as NodeRun & {
				hints?: Array<{ message: string }>;
			}
		).hints;
		expect(hints?.map((h) => h.message).join(' ')).toMatch(
			/^Dry run only: real sending would stop here\. Sending needs an https unsubscribe URL\. The unsubscribe URL is "http:\/\/localhost:5678\/webhook\/sales-engine\/unsubscribe"\. Set WEBHOOK_URL/,
		);
	});

	it('fails a real send with the reason and the fix, and sends nothing', async () => {
		const worker = readWorkflow('send-worker.json');
		for (const n of worker.nodes)
			if (n.name === 'Send due drafts') {
				n.parameters = { ...n.parameters, provider: 'smtp' };
				n.credentials = { ...n.credentials, smtp: { id: 'SEsmtpconfsink01', name: 'SMTP sink' } };
			}
		await n8n.import('credentials', [
			{
				id: 'SEsmtpconfsink01',
				name: 'SMTP sink',
				type: 'smtp',
				data: { host: '127.0.0.1', port: sink.port, secure: false, user: '', password: '' },
			},
		]);
		await n8n.import('workflow', [worker]);
		const run = await n8n.execute('SEsendworker0001');
		const error = run.data.resultData.error;
		expect(error?.node?.name).toBe('Sending failed');
		expect(error?.message).toMatch(
			/^Campaign .+: Sending needs an https unsubscribe URL — The unsubscribe URL is "http:\/\/localhost:5678\/webhook\/sales-engine\/unsubscribe"\. Set WEBHOOK_URL to n8n's public https address/,
		);
		expect(sink.received).toHaveLength(0);
	});
});
