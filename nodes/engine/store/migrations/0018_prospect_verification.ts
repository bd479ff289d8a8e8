/**
 * What the address check before drafting found for each prospect (drafts/verify): the verdict and
 * its findings, kept for the approval page and the campaign status.
 */
export const sql = /* sql */ `
alter table prospects add column verification jsonb;
`;
