import { connect } from 'node:net';

/** Where spamd listens: `host:port` (IPv6 in brackets), port 783 when left out. */
export interface SpamdAddress {
	host: string;
	port: number;
}

/** spamd's own answer to one REPORT request. */
export interface SpamdAnswer {
	/** The `Spam:` header: the verdict, the score and spamd's own required score. */
	isSpam: boolean;
	score: number;
	required: number;
	/** The report text (the rules that fired, their points and descriptions). */
	report: string;
}

/** Answers larger than this are not a report: the connection is dropped. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export function parseSpamdAddress(text: string): SpamdAddress {
	const m = /^\s*(?:\[([^\]]+)\]|([^:\s]+))(?::(\d{1,5}))?\s*$/.exec(text);
	const port = m?.[3] ? Number(m[3]) : 783;
	if (!m || port < 1 || port > 65535)
		throw new Error(
			`"${text.slice(0, 100)}" is not a spamd address (host:port, e.g. 127.0.0.1:783)`,
		);
	return { host: m[1] ?? m[2], port };
}

/**
 * One SPAMC/1.5 REPORT exchange (spamd's protocol, as spamc speaks it): the message goes in whole,
 * the verdict line and the report come back, then spamd closes. A timeout, a refused connection or
 * an answer that is not SPAMD/1.x EX_OK is an error naming the address.
 */
export function spamdReport(
	address: SpamdAddress,
	message: Buffer,
	timeoutMs = 15_000,
): Promise<SpamdAnswer> {
	const where = `spamd at ${address.host}:${address.port}`;
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const socket = connect({ host: address.host, port: address.port });
		const fail = (why: string) => {
			socket.destroy();
			reject(new Error(`${where}: ${why}`));
		};
		socket.setTimeout(timeoutMs, () => fail(`no answer within ${timeoutMs} ms`));
		socket.on('error', (error) => fail((error as NodeJS.ErrnoException).code ?? error.message));
		socket.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_ANSWER_BYTES) return fail(`an answer over ${MAX_ANSWER_BYTES} bytes`);
			chunks.push(chunk);
		});
		socket.on('end', () => {
			try {
				resolve(readAnswer(Buffer.concat(chunks).toString('utf8')));
			} catch (error) {
				fail((error as Error).message);
			}
		});
		socket.write(`REPORT SPAMC/1.5\r\nContent-length: ${message.length}\r\n\r\n`);
		socket.end(message);
	});
}

/** The status line, the `Spam:` header and the body of spamd's answer. */
export function readAnswer(text: string): SpamdAnswer {
	const split = text.indexOf('\r\n\r\n');
	const head = split < 0 ? text : text.slice(0, split);
	const [status, ...headers] = head.split('\r\n');
	const code = /^SPAMD\/1\.\d+ (\d+) (.*)$/.exec(status ?? '');
	if (!code) throw new Error(`an answer that is not spamd's ("${(status ?? '').slice(0, 80)}")`);
	if (code[1] !== '0') throw new Error(`refused the message: ${code[1]} ${code[2]}`);
	const spam = headers
		.map((h) => /^Spam:\s*(True|False|Yes|No)\s*;\s*(-?[\d.]+)\s*\/\s*(-?[\d.]+)/i.exec(h))
		.find(Boolean);
	if (!spam) throw new Error('an answer without a Spam: header');
	return {
		isSpam: /^(true|yes)$/i.test(spam[1]),
		score: Number(spam[2]),
		required: Number(spam[3]),
		report: split < 0 ? '' : text.slice(split + 4),
	};
}
