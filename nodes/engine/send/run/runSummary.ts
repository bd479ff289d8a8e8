import type { SendSummary } from '../types';

/** Why a run stopped, for a switch that stops it. */
export const stoppedBy = (s: { scope: string; reason?: string | null; campaignStatus?: string }) =>
	s.campaignStatus
		? `campaign ${s.campaignStatus}`
		: `kill switch engaged (${s.scope}${s.reason ? `: ${s.reason}` : ''})`;

export const emptySummary = (): SendSummary => ({
	sent: 0,
	deferred: {
		limit: 0,
		window: 0,
		kill_switch: 0,
		throttled: 0,
		transient: 0,
		changed: 0,
		credential: 0,
	},
	failed: 0,
	suppressed: 0,
	unknown: 0,
	lost: 0,
	blockedMailboxes: [],
	stopped: null,
	nextDueAt: null,
});
