/**
 * The embedded store's process: PGlite opened on a data folder, serving the statements its parent
 * sends over the IPC channel (structured clone). Plain JavaScript run with `node -e`, so it needs
 * no build step or loader in any parent (n8n, a test runner). Messages:
 * `{ id, op: 'query' | 'exec' | 'begin' | 'commit' | 'rollback' | 'close', tx?, sql?, params? }`;
 * answers `{ id, result }` or `{ id, error }`. Statements of an open transaction carry its `tx`;
 * PGlite holds its one connection for the transaction, so other statements wait, as in-process.
 * The process ends when its parent does (the channel closes).
 */
export const PGLITE_HOST = `
const [pglite, pgvector, dataDir, params] = process.argv.slice(1);
const { PGlite } = require(pglite);
const { vector } = require(pgvector);

const reply = (id, answer) => process.send({ id, ...answer });
const errorOf = (e) => {
	const out = { message: String(e && e.message ? e.message : e) };
	for (const k of ['code', 'detail', 'hint', 'constraint', 'table', 'column', 'schema', 'severity', 'where', 'position', 'dataType', 'routine'])
		if (e && e[k] !== undefined) out[k] = e[k];
	return out;
};
const run = async (target, m) => {
	if (m.op === 'exec') {
		await target.exec(m.sql);
		return null;
	}
	const r = await target.query(m.sql, m.params);
	return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
};
const ROLLBACK = Symbol('rollback');
const transactions = new Map();

PGlite.create({
	dataDir,
	extensions: { vector },
	startParams: [...PGlite.defaultStartParams, ...JSON.parse(params)],
	// parseInt8.ts: exact numbers as numbers, else text.
	parsers: { 20: (text) => (Number.isSafeInteger(Number(text)) ? Number(text) : text) },
}).then(
	(pg) => {
		process.on('message', (m) => {
			if (m.tx !== undefined && m.op !== 'begin') return transactions.get(m.tx)?.push(m);
			if (m.op === 'begin') {
				const queue = [];
				let wake = null;
				const next = () => new Promise((resolve) => (queue.length ? resolve(queue.shift()) : (wake = resolve)));
				transactions.set(m.tx, {
					push: (op) => (wake ? (wake(op), (wake = null)) : queue.push(op)),
				});
				let end = null;
				pg.transaction(async (tx) => {
					reply(m.id, { result: null });
					for (;;) {
						const op = await next();
						if (op.op === 'commit') return (end = op);
						if (op.op === 'rollback') {
							end = op;
							throw ROLLBACK;
						}
						try {
							reply(op.id, { result: await run(tx, op) });
						} catch (e) {
							reply(op.id, { error: errorOf(e) });
						}
					}
				}).then(
					() => reply(end.id, { result: null }),
					(e) => (end ? reply(end.id, e === ROLLBACK ? { result: null } : { error: errorOf(e) }) : reply(m.id, { error: errorOf(e) })),
				).finally(() => transactions.delete(m.tx));
				return;
			}
			if (m.op === 'close') return void pg.close().finally(() => process.exit(0));
			run(pg, m).then(
				(result) => reply(m.id, { result }),
				(e) => reply(m.id, { error: errorOf(e) }),
			);
		});
		process.on('disconnect', () => void pg.close().finally(() => process.exit(0)));
		process.send({ ready: true });
	},
	(e) => {
		process.send({ ready: false, error: errorOf(e) });
		process.exit(1);
	},
);
`;
