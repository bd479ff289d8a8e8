export interface CompanyRef {
	name: string;
	/** Normalised to an https:// URL when given. */
	website?: string;
	/**
	 * Other sending domains (an ESP's, a second brand's) and sender names, for assigning the mail
	 * of a seeded inbox to this competitor (competitors only).
	 */
	aliases?: string[];
}

export interface SenderIdentity {
	name?: string;
	email?: string;
	replyTo?: string;
	/** Physical postal address: CAN-SPAM and the Gmail/Yahoo bulk rules want it in every message. */
	postalAddress?: string;
}

export type CampaignStatus = 'active' | 'paused' | 'completed' | 'cancelled';

export interface CampaignInput {
	name?: string;
	brand: CompanyRef;
	competitors?: CompanyRef[];
	additionalContext?: string;
	sender?: SenderIdentity;
	settings?: Record<string, unknown>;
	/**
	 * A form's or API caller's key: while a campaign created with it is active or paused, creating
	 * again with it returns that campaign instead of a duplicate.
	 */
	idempotencyKey?: string;
}

export interface Campaign {
	id: string;
	name: string;
	brand: CompanyRef;
	competitors: CompanyRef[];
	additionalContext: string;
	sender: SenderIdentity;
	status: CampaignStatus;
	settings: Record<string, unknown>;
	createdAt: string;
	updatedAt: string;
}
