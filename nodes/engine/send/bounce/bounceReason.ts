/**
 * Why a message was not delivered, in the names sisimai (the reference bounce classifier) uses, so
 * results can be compared with it and read by anyone who knows its taxonomy.
 */
export type BounceReason =
	// The address itself: it does not exist, its domain does not, it moved, it takes no mail.
	| 'userunknown'
	| 'hostunknown'
	| 'hasmoved'
	| 'notaccept'
	// The recipient's side, for now: full, suspended, unreachable, too busy.
	| 'mailboxfull'
	| 'suspend'
	| 'expired'
	| 'systemerror'
	| 'systemfull'
	| 'networkerror'
	| 'toomanyconn'
	| 'exceedlimit'
	| 'mailererror'
	| 'onhold'
	| 'undefined'
	// The sender's side: reputation, authentication, policy, content.
	| 'blocked'
	| 'spamdetected'
	| 'virusdetected'
	| 'policyviolation'
	| 'authfailure'
	| 'filtered'
	| 'rejected'
	| 'securityerror'
	| 'failedstarttls'
	| 'contenterror'
	| 'mesgtoobig'
	| 'norelaying'
	| 'requireptr'
	| 'badreputation'
	| 'notcompliantrfc'
	| 'syntaxerror'
	| 'speeding'
	// Not failures.
	| 'feedback'
	| 'vacation'
	| 'delivered';

/**
 * What a reason means for a sales sender (the table in docs/sending.md):
 * - `suppress`: the address is dead; it is never mailed again.
 * - `defer`: the address may work later; it is suppressed only after repeated failures over days.
 * - `sender`: the receiving side refused the sender, not the address; the address stays, the
 *   failure counts toward the sending mailbox's health and pauses that mailbox past a threshold.
 * - `complaint`: the recipient reported the mail; suppressed and counted.
 * - `none`: nothing failed.
 */
export type Consequence = 'suppress' | 'defer' | 'sender' | 'complaint' | 'none';

const ADDRESS_LEVEL = new Set<BounceReason>([
	'userunknown',
	'hostunknown',
	'hasmoved',
	'notaccept',
]);
export const SENDER_SIDE = new Set<BounceReason>([
	'blocked',
	'spamdetected',
	'virusdetected',
	'policyviolation',
	'authfailure',
	'filtered',
	'rejected',
	'securityerror',
	'failedstarttls',
	'contenterror',
	'mesgtoobig',
	'norelaying',
	'requireptr',
	'badreputation',
	'notcompliantrfc',
	'syntaxerror',
	'speeding',
]);

/**
 * The consequence of one recipient's result. An address-level reason only suppresses when the
 * failure is permanent: a 4.x.x "user unknown" (a directory that has not synced yet) is retried.
 */
export function consequenceOf(reason: BounceReason, status?: string): Consequence {
	if (reason === 'feedback') return 'complaint';
	if (reason === 'delivered' || reason === 'vacation') return 'none';
	if (ADDRESS_LEVEL.has(reason)) return status?.startsWith('4') ? 'defer' : 'suppress';
	if (SENDER_SIDE.has(reason)) return 'sender';
	return 'defer';
}
