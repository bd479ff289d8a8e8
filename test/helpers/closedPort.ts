import { type AddressInfo, createServer } from 'node:net';

/** A loopback port nothing listens on (taken from the system, then released): connecting fails. */
export async function closedPort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as AddressInfo;
	await new Promise((resolve) => probe.close(resolve));
	return port;
}
