/** Model text grounded in the user's own material: what a Blueprint or a draft may say. */
export { type ClaimToken, claimTokens, supported } from './claimTokens';
export { groundingReasons, groundText, sentencesOf, type Unsupported } from './groundText';
export { plainText, skeleton } from './plainText';
export { buildSupport, type Support } from './support';
export { brandMail, campaignSupport, userWords } from './campaignMaterial';
