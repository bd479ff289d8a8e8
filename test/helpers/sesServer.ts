import { randomUUID } from 'node:crypto';

import PostalMime from 'postal-mime';

import { type ApiReply, startLoopbackApi, scriptedStatuses } from './loopbackApi';

export interface SesRequest {
	to: string[];
	/** The raw MIME as SES got it. */
	raw: string;
	at: number;
}

const ERRORS: Record<number, { type: string; message: string }> = {
	429: { type: 'TooManyRequestsException', message: 'Maximum sending rate exceeded.' },
	400: { type: 'MessageRejected', message: 'Email address is not verified.' },
	500: { type: 'InternalFailure', message: 'An internal failure occurred.' },
};

/**
 * A loopback server speaking the SES v2 `SendEmail` REST call (`POST /v2/email/outbound-emails`
 * → 200 `{ MessageId }`), checking that the request is SigV4-signed with `accessKeyId`. Errors come
 * back as SES sends them: the type in `x-amzn-ErrorType`, `{ message }` in the body; a scripted
 * -1 takes the message and drops the connection before answering.
 */
export async function startSesServer(
	accessKeyId: string,
	replies: Record<string, number[]> = {},
): Promise<{ baseUrl: string; requests: SesRequest[]; stop: () => Promise<void> }> {
	const requests: SesRequest[] = [];
	const next = scriptedStatuses(replies);
	const error = (status: number, type: string, message: string) => ({
		status,
		json: { message },
		headers: {
			'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.sesv2/`,
		},
	});
	const api = await startLoopbackApi((req, body): ApiReply | 'drop' => {
		if (req.method !== 'POST' || req.url !== '/v2/email/outbound-emails') {
			return error(404, 'NotFoundException', `unknown endpoint ${req.url}`);
		}
		const auth = String(req.headers.authorization ?? '');
		if (!auth.startsWith(`AWS4-HMAC-SHA256 Credential=${accessKeyId}/`)) {
			return error(
				403,
				'UnrecognizedClientException',
				'The security token included in the request is invalid.',
			);
		}
		const input = JSON.parse(body) as {
			Destination?: { ToAddresses?: string[] };
			Content: { Raw?: { Data: string } };
		};
		const to = input.Destination?.ToAddresses ?? [];
		const scripted = next(to[0] ?? '');
		// The message is taken and the answer lost: the case a sender must not retry.
		if (scripted === -1) {
			requests.push({ to, raw: '', at: Date.now() });
			return 'drop';
		}
		if (scripted) {
			const e = ERRORS[scripted] ?? { type: 'BadRequestException', message: 'scripted' };
			return error(scripted, e.type, e.message);
		}
		if (!input.Content.Raw?.Data) return error(400, 'BadRequestException', 'Raw content missing');
		const raw = Buffer.from(input.Content.Raw.Data, 'base64').toString('utf8');
		requests.push({ to, raw, at: Date.now() });
		return { status: 200, json: { MessageId: `0100${randomUUID()}-000000` } };
	});
	return { ...api, requests };
}

/** The headers of a raw message, lower-cased names (for assertions). */
export async function headersOf(raw: string): Promise<Record<string, string>> {
	const mail = await PostalMime.parse(raw);
	return Object.fromEntries(mail.headers.map((h) => [h.key, h.value]));
}
