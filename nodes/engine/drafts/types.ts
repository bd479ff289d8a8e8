import type { LintResult } from '../enforcer/lintDraft';

/** A prospect as imported: who, where they work, and free-form signals (untrusted text). */
export interface ProspectInput {
	email: string;
	firstName?: string;
	lastName?: string;
	company?: string;
	title?: string;
	website?: string;
	timezone?: string;
	/** Recent post, funding news…: written by anyone, never obeyed, only quoted. */
	signals: Record<string, string>;
}

/** What validation noticed without rejecting the prospect. */
export interface ProspectFlags {
	roleAddress?: boolean;
	duplicateInInput?: boolean;
	invalidTimezone?: string;
	freeMail?: boolean;
}

export interface Prospect extends ProspectInput {
	id: string;
	campaignId: string;
	emailNormalized: string;
	flags: ProspectFlags;
	status: string;
}

/** One touch of a sequence as a writer produced it. */
export interface DraftTouch {
	step: number;
	/** Days after the first touch. */
	sendOffsetDays: number;
	subject: string;
	bodyText: string;
	ctaType: string | null;
	/** Which prospect fields and Blueprint parts the writer used. */
	used: string[];
	/** Rules the writer knew it could not meet, and why (shown with the lint at approval). */
	notes?: string[];
}

export type DraftStatus =
	'pending_approval' | 'needs_edit' | 'approved' | 'rejected' | 'sent' | 'cancelled';

export interface Draft {
	id: string;
	campaignId: string;
	prospectId: string;
	prospectEmail?: string;
	prospectCompany?: string;
	step: number;
	sendOffsetDays: number;
	subject: string;
	bodyText: string;
	bodyHtml: string;
	ctaType: string | null;
	writer: 'model' | 'deterministic' | 'human';
	blueprintVersion: number;
	/** The variant of the sequence the prospect was given ('A', 'B', …), when written with variants. */
	variant?: string;
	contentHash: string;
	lint: LintResult & { used?: string[]; attempts?: number };
	lintPassed: boolean;
	status: DraftStatus;
	approvedBy: string | null;
	approvedAt: string | null;
	approvedHash: string | null;
	rejectedReason: string | null;
	createdAt: string;
	updatedAt: string;
}
