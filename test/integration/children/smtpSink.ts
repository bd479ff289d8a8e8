// Child process: the loopback SMTP sink in a process of its own, so the receive times it logs are
// not shifted by the test runner's garbage collections (a 30 ms pause in jest's process made a
// sender at exactly N/s look like N + 1 in a second). Prints {"port"} first, then each message.
import { startSmtpSink } from '../../helpers/smtpSink';

async function main(): Promise<void> {
	const sink = await startSmtpSink();
	process.stdout.write(`${JSON.stringify({ port: sink.port })}\n`);
	let reported = 0;
	setInterval(() => {
		while (reported < sink.received.length) {
			process.stdout.write(`${JSON.stringify(sink.received[reported++])}\n`);
		}
	}, 5);
	process.on('SIGTERM', () => void sink.stop().then(() => process.exit(0)));
}

void main();
