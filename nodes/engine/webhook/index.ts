export { acceptSignedRequest, MAX_TOKEN_LIFETIME_S, type AcceptedRequest } from './signedRequest';
export { checkSigningKey, type SigningKeySettings } from './signingKey';
