import { type EmailText, extractSignals } from '../../../nodes/engine';

/** Signals of a hand-written email: only what the case is about needs saying. */
export function signalsOf(email: Partial<EmailText> & { body: string }) {
	return extractSignals({
		subject: '',
		signature: '',
		html: null,
		threadPosition: 1,
		gapSeconds: null,
		previousBody: null,
		...email,
	});
}
