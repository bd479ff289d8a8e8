import type { AddressInfo } from 'node:net';

import dns2 from 'dns2';

export interface Zone {
	/** TXT records by name; a record longer than 255 bytes is split into strings, as DNS holds it. */
	txt?: Record<string, string[]>;
	/** MX exchanges by name. */
	mx?: Record<string, string[]>;
	/** IPv4 addresses by name. */
	a?: Record<string, string[]>;
	/** Aliases: the CNAME target by name (answered to CNAME questions, not chased). */
	cname?: Record<string, string>;
}

/**
 * A loopback DNS server (dns2, UDP) answering from `zone`, which a test may change between
 * questions; names are matched without case. Anything else gets an empty answer (NODATA).
 */
export async function startDnsServer(zone: Zone): Promise<{
	server: string;
	zone: Zone;
	stop: () => Promise<void>;
}> {
	const { Packet } = dns2;
	const find = (table: Record<string, string[]> | undefined, name: string) =>
		Object.entries(table ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? [];
	const server = dns2.createServer({
		udp: true,
		handle(request, send) {
			const response = Packet.createResponseFromRequest(request);
			// dns2's types want a parsed Resource; its encoder takes these plain records.
			const answer = (r: Record<string, unknown>) =>
				response.answers.push(r as unknown as (typeof response.answers)[number]);
			const [question] = request.questions;
			const name = question.name;
			if (question.type === Packet.TYPE.TXT)
				for (const text of find(zone.txt, name))
					answer({
						name,
						type: Packet.TYPE.TXT,
						class: Packet.CLASS.IN,
						ttl: 60,
						data: text.match(/[\s\S]{1,255}/g) ?? [''],
					});
			if (question.type === Packet.TYPE.MX)
				find(zone.mx, name).forEach((exchange, i) =>
					answer({
						name,
						type: Packet.TYPE.MX,
						class: Packet.CLASS.IN,
						ttl: 60,
						exchange,
						priority: 10 * (i + 1),
					}),
				);
			const alias = Object.entries(zone.cname ?? {}).find(
				([k]) => k.toLowerCase() === name.toLowerCase(),
			)?.[1];
			if (question.type === Packet.TYPE.CNAME && alias)
				answer({ name, type: Packet.TYPE.CNAME, class: Packet.CLASS.IN, ttl: 60, domain: alias });
			if (question.type === Packet.TYPE.A)
				for (const address of find(zone.a, name))
					answer({ name, type: Packet.TYPE.A, class: Packet.CLASS.IN, ttl: 60, address });
			send(response);
		},
	});
	const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
	const { port } = addresses.udp as AddressInfo;
	return { server: `127.0.0.1:${port}`, zone, stop: () => server.close() };
}
