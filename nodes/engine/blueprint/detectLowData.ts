import type { Thresholds } from './thresholds';
import type { Aggregates, LearnFrom, LowDataWarning } from './types';

/**
 * Says plainly what the data cannot support and what to add. Low data does not stop the
 * Blueprint: the rules fall back to defaults and the campaign's context drives the synthesis.
 */
export function detectLowData(
	aggregates: Aggregates,
	learnFrom: LearnFrom,
	thresholds: Thresholds,
	additionalContext: string,
): { isLow: boolean; warnings: LowDataWarning[] } {
	const { emails } = aggregates;
	const basis = aggregates.groups[learnFrom];
	const which = learnFrom === 'all' ? '' : `${learnFrom === 'brand' ? 'brand' : 'competitor'} `;
	const followUps = basis.followUps;
	const warnings: LowDataWarning[] = [];
	if (basis.emails < thresholds.minEmails) {
		warnings.push({
			code: 'too_few_emails',
			message: `Only ${basis.emails} ${which}emails were analysed; a Blueprint learns from ${thresholds.minEmails} or more, so most rules are defaults.`,
			add: 'Ingest more past sales emails (brand and competitors) with Sales Mail Ingest, then extract their features.',
		});
	}
	if (emails.competitor === 0) {
		warnings.push({
			code: 'no_competitor_mail',
			message: 'No competitor email was ingested: nothing shows what the market does.',
			add: 'Ingest competitor emails (Sales Mail Ingest, role "competitor"): forwarded or collected sequences work.',
		});
	}
	if (emails.brand === 0) {
		warnings.push({
			code: 'no_brand_mail',
			message: "No brand email was ingested: the Blueprint knows nothing of the brand's own voice.",
			add: 'Ingest the brand\'s past outbound emails (Sales Mail Ingest, role "brand").',
		});
	}
	if (followUps < thresholds.minFollowUps) {
		warnings.push({
			code: 'no_follow_ups',
			message: `${followUps === 0 ? 'No' : `Only ${followUps}`} follow-up${followUps === 1 ? '' : 's'} found in the ${which}mail: cadence (touches and spacing) comes from the defaults.`,
			add: "Ingest whole threads (the sent folder, with each sequence's follow-ups) so cadence can be measured.",
		});
	}
	if (emails.featurized < emails.total) {
		warnings.push({
			code: 'not_featurized',
			message: `${emails.total - emails.featurized} of ${emails.total} ingested emails have no features yet and were left out.`,
			add: 'Run Sales Feature Extractor → Extract on the campaign, then synthesize again.',
		});
	}
	const isLow = warnings.some((w) =>
		['too_few_emails', 'no_competitor_mail', 'no_follow_ups'].includes(w.code),
	);
	if (!additionalContext.trim()) {
		warnings.push({
			code: 'no_context',
			message:
				"The campaign has no additional context, so positioning cannot be written from the brand's own words.",
			add: "Add the website, positioning and audience to the campaign's additional context.",
		});
	}
	return { isLow, warnings };
}
