/** Stage 8: the send path (docs/sending.md). */
export { dispatch } from './dispatch';
export { mailboxCap } from './run/mailboxCap';
export { SEND_DEFAULTS } from './sendDefaults';
export {
	checkUnsubscribeSettings,
	TEMPLATE_SECRET,
	unsubscribeSettingsProblem,
} from './unsubscribeSettings';
export {
	listUnknownSends,
	resolveUnknownSend,
	type UnknownResolution,
	type UnknownSend,
} from './unknownSends';
export { requeueFailedSends, type RequeueResult } from './requeueFailed';
export { setKillSwitch, blockingSwitch, type KillScope, type KillSwitchState } from './killSwitch';
export {
	addSuppression,
	checkSuppressionValue,
	suppressionOf,
	type SuppressionKind,
} from './suppressions';
export { unsubscribe } from './unsubscribe';
export { unsubscribeToken, verifyUnsubscribeToken } from './unsubscribeToken';
export { buildMessage, messageIdFor, type Compliance } from './buildMessage';
export { DEFAULT_WINDOW, nextWindowStart, type SendingWindow } from './sendingWindow';
export { type Provider as SendProvider, ProviderError } from './providers/Provider';
export type { Route as SendRoute } from './sendRoutes';
export { smtpProvider, type SmtpSettings } from './providers/smtpProvider';
export { sendgridProvider, type SendGridSettings } from './providers/sendgridProvider';
export { outboxProvider } from './providers/outboxProvider';
export { sesProvider, type SesSettings } from './providers/sesProvider';
export type * from './types';
export * from './intake';
export {
	type DkimSettings,
	dkimSettingsProblem,
	dkimRecordName,
	dkimRecordValue,
} from './deliverability/dkimKey';
export { dnsLookup, type DnsLookup } from './deliverability/dnsLookup';
export { dkimRecordCheck } from './deliverability/dkimRecordCheck';
export type { Check as DeliverabilityCheck } from './deliverability/Check';
export { preflight, type PreflightInput, type PreflightResult } from './deliverability/preflight';
export {
	checkDeliverability,
	type CheckedRoute,
	type DeliverabilityOptions,
} from './deliverability/checkDeliverability';
export {
	deliverabilityState,
	type DeliverabilityState,
	gateDeliverability,
} from './deliverability/deliverabilityGate';
export {
	placementTest,
	readPlacementTest,
	sendPlacementTest,
	PLACEMENT_DEFAULTS,
	type PlacementOptions,
	type PlacementResult,
	type PlacementRow,
	type PlacementSender,
} from './placement/placementTest';
export { gatePlacement, placementState, type PlacementState } from './placement/placementGate';
export type { Placement, SeedMailbox } from './placement/SeedMailbox';
export { gmailSeed } from './placement/gmailSeed';
export { graphSeed } from './placement/graphSeed';
export { imapSeed } from './placement/imapSeed';
export { gmailProvider, type GmailSendSettings } from './providers/gmailProvider';
export {
	graphPostWithToken,
	microsoft365Provider,
	type GraphPost,
	type Microsoft365Settings,
} from './providers/microsoft365Provider';
