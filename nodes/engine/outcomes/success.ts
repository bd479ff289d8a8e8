import type { DraftOutcome } from './listOutcomes';

/**
 * What a message is judged by: a positive reply (the intake's class) is a success; a reply that
 * says no, not now or stop, an unsubscription, a complaint and silence are not. A bounce says
 * something about the address, not the copy, and a pending message has not been answered yet:
 * neither is counted at all.
 */
export const isCounted = (o: DraftOutcome) => o.outcome !== 'pending' && o.outcome !== 'bounced';

export const isSuccess = (o: DraftOutcome) =>
	o.outcome === 'replied' && o.replyClass === 'positive';
