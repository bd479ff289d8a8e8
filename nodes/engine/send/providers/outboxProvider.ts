import type { ObjectStore } from '../../objectStore/ObjectStore';
import { mimeComposer } from './mimeComposer';
import type { Provider } from './Provider';

/**
 * The dry run: the exact MIME a provider would get is written to the object store under
 * `outbox/<campaign>/<message id>.eml`, nothing leaves the machine.
 */
export function outboxProvider(objects: ObjectStore, campaignId: string): Provider {
	const composer = mimeComposer();
	return {
		name: 'outbox',
		async send(message) {
			const info = await composer.sendMail(message);
			const id = message.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9._-]/g, '_');
			const stored = await objects.put(
				`outbox/${campaignId}/${id}.eml`,
				info.message as Buffer,
				'message/rfc822',
			);
			return { providerMessageId: `outbox:${stored.key}` };
		},
		async close() {
			composer.close();
		},
	};
}
