/** Reply and bounce intake: what comes back for the messages the sender sent. */
export { classifyInbound } from './classifyInbound';
export { parseInbound, reportParts, type MessagePart } from './parseInbound';
export { inboundFromFields } from './inboundFromFields';
export { recordInbound } from './recordInbound';
export { REPLY_CLASSES, replyClassOf, type ReplyClass } from './replyClass';
export type * from './types';
export { gmailReplies } from './mailbox/gmailReplies';
export { graphReplies } from './mailbox/graphReplies';
export { imapReplies } from './mailbox/imapReplies';
export type { MailboxReader } from './mailbox/MailboxReader';
export { type MailboxPoll, pollMailbox } from './mailbox/pollMailbox';
