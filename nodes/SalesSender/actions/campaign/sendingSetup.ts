import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { type Mailbox, SEND_DEFAULTS } from '../../../engine';

export const positive = (value: unknown) => (Number(value) > 0 ? Number(value) : undefined);

/** The provider and the sending mailboxes: what Send Due Drafts uses and the preflight checks. */
export const sendingSetup: INodeProperties[] = [
	{
		displayName: 'Provider',
		name: 'provider',
		description:
			'How messages leave: the dry-run outbox (nothing sent), SMTP, the own Gmail or Microsoft 365 mailbox, SendGrid or Amazon SES',
		type: 'options',
		options: [
			{ name: 'Amazon SES', value: 'ses', description: "With n8n's AWS credential" },
			{
				name: 'Dry Run (Outbox)',
				value: 'outbox',
				description: 'Write the exact MIME to the object store, send nothing',
			},
			{
				name: 'Gmail (Own Mailbox)',
				value: 'gmail',
				description:
					"From the connected Google mailbox itself, with n8n's Gmail OAuth2 credential (sends need the gmail.send scope)",
			},
			{
				name: 'Microsoft 365 (Own Mailbox)',
				value: 'microsoft365',
				description:
					"From the connected Microsoft 365 mailbox (or a shared one), with n8n's Microsoft Outlook OAuth2 credential (Mail.Send)",
			},
			{ name: 'SendGrid', value: 'sendgrid' },
			{
				name: 'Several Kinds of Mailbox (Rotate)',
				value: 'mixed',
				description:
					'SMTP, Gmail and Microsoft 365 mailboxes together: each mailbox says which it is, first touches rotate across all of them',
			},
			{ name: 'SMTP', value: 'smtp' },
		],
		default: 'outbox',
	},
	{
		displayName: 'Sending Mailboxes',
		name: 'mailboxes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add mailbox',
		default: {},
		description:
			'The From addresses to rotate; follow-ups leave from the mailbox of the first touch',
		options: [
			{
				displayName: 'Mailbox',
				name: 'mailbox',
				values: [
					{
						displayName: 'Address',
						name: 'address',
						description: 'The From address of this mailbox',
						type: 'string',
						default: '',
						placeholder: 'e.g. dana@northwind.com',
					},
					{
						displayName: 'Name',
						name: 'name',
						description: 'The display name shown with the address',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Per Day',
						name: 'perDay',
						type: 'number',
						default: 40,
						description: 'New sends a day at most (common advice:	30–50)',
					},
					{
						displayName: 'Per Second',
						name: 'perSecond',
						type: 'number',
						default: 0,
						description: '0 for no per-second limit on this mailbox',
					},
					{
						displayName: 'Sends Through',
						name: 'sendsThrough',
						description: "Which of the node's credentials this mailbox sends with",
						type: 'options',
						options: [
							{
								name: 'Gmail (Gmail OAuth2 Credential)',
								value: 'gmail',
							},
							{
								name: 'Microsoft 365 (Microsoft Outlook Credential)',
								value: 'microsoft365',
							},
							{
								name: 'SMTP (SMTP Credential)',
								value: 'smtp',
							},
						],
						default: 'smtp',
					},
					{
						displayName: 'Warm-Up Increase Per Day',
						name: 'warmupIncreasePerDay',
						description: 'Messages added to the daily cap each day of warm-up',
						type: 'number',
						default: 2,
					},
					{
						displayName: 'Warm-Up Start Per Day',
						name: 'warmupStartPerDay',
						description: 'The daily cap on the first day of warm-up',
						type: 'number',
						default: 5,
					},
					{
						displayName: 'Warm-Up Started',
						name: 'warmupStartedAt',
						type: 'dateTime',
						default: '',
						description: 'For a new mailbox:	the day its warm-up began;	empty for none',
					},
				],
			},
		],
	},
];

/** The kinds of mailbox one run can rotate across. */
export type MailboxKind = 'smtp' | 'gmail' | 'microsoft365';

/** A sending mailbox and, with several kinds of mailbox, the credential it sends with. */
export type ListedMailbox = Mailbox & { kind?: MailboxKind };

/**
 * The mailboxes by the way they send: the node's provider for all of them, or, with several kinds,
 * each mailbox's own (never empty: no mailbox is the provider's, or SMTP's, empty list).
 */
export function mailboxesByKind(
	provider: string,
	mailboxes: ListedMailbox[],
): Map<string, ListedMailbox[]> {
	const kinds = new Map<string, ListedMailbox[]>();
	for (const m of mailboxes) {
		const kind = provider === 'mixed' ? (m.kind ?? 'smtp') : provider;
		kinds.set(kind, [...(kinds.get(kind) ?? []), m]);
	}
	if (!kinds.size) kinds.set(provider === 'mixed' ? 'smtp' : provider, []);
	return kinds;
}

/** The node's sending mailboxes, or the campaign's sender as the one mailbox. */
export function mailboxesOf(
	ctx: IExecuteFunctions,
	i: number,
	fallback: { email?: string; name?: string },
): ListedMailbox[] {
	const mixed = ctx.getNodeParameter('provider', i, 'outbox') === 'mixed';
	const listed = (ctx.getNodeParameter('mailboxes.mailbox', i, []) as IDataObject[]).filter((m) =>
		String(m.address ?? '').trim(),
	);
	const rows = listed.length
		? listed
		: fallback.email
			? [{ address: fallback.email, name: fallback.name, perDay: SEND_DEFAULTS.mailboxPerDay }]
			: [];
	return rows.map((m) => ({
		address: String(m.address).trim(),
		name: (m.name as string) || undefined,
		perDay: positive(m.perDay),
		perSecond: positive(m.perSecond),
		kind: mixed ? (((m.sendsThrough as string) || 'smtp') as MailboxKind) : undefined,
		warmup: m.warmupStartedAt
			? {
					startedAt: String(m.warmupStartedAt),
					startPerDay: Number(m.warmupStartPerDay ?? 5),
					increasePerDay: Number(m.warmupIncreasePerDay ?? 2),
				}
			: undefined,
	}));
}
