import type { Provider } from './types.js'

/**
 * DocuSign eSignature, Authorization Code Grant (research/providers/docusign.md). The production
 * account server is the preset's; the developer (demo) one is https://account-d.docusign.com/oauth/token,
 * through 'token-url'. Each environment has its own tokens. The guide's "Use refresh tokens" section
 * could not be read: the 30 days come from DocuSign's developer blog, and what refreshing does to
 * them (the `extended` scope) from third parties (UNVERIFIED).
 */
export const docusign: Provider = {
  id: 'docusign',
  name: 'DocuSign',
  // The pages the facts below come from (comments only: the action never needs them at run time):
  //   https://developers.docusign.com/platform/auth/reference/obtain-access-token
  //   https://www.docusign.com/blog/developers/authorization-code-grant-refresh-tokens
  //   https://developers.docusign.com/platform/auth/confidential-authcode-get-token
  //   https://developers.docusign.com/platform/auth/public-authcode-get-token
  // "Production environment: https://account.docusign.com/oauth/token" (blog; the IAM SDK says the same).
  tokenUrl: 'https://account.docusign.com/oauth/token',
  // "The Authorization header contains your integration key and secret key, concatenated by a colon
  // character, converted into Base64 and prefixed with the word Basic."
  authMethod: 'client_secret_basic',
  // "a lifetime of 28800 seconds (eight hours)" (blog).
  accessTokenLifetimeS: 28_800,
  // "Exchange a refresh token for an access token and a new refresh token".
  rotation: 'always',
  // What the previous token does is not documented: RFC 6749 §6, discarded (third parties: invalid at once).
  reuseWindowS: 0,
  // "(While it's not specified in the response, refresh tokens have a lifetime of 30 days.)" Counted
  // from consent unless the grant has `extended` (UNVERIFIED): the response does not say which, and
  // no run knows the consent date, so no date is given rather than a wrong one.
  refreshTokenLifetime: {
    note: '30 days. Without the extended scope in the original consent a refreshed token keeps the first one\'s end, so the chain ends 30 days after consent; with it, each refresh gives a full 30 days (UNVERIFIED). The response carries no date.'
  },
  hints: {
    invalid_grant:
      "DocuSign refused the refresh token: refresh tokens last 30 days (without the extended scope in the original consent, refreshing does not renew them), each refresh replaces the one used, and tokens of the developer environment work only at account-d.docusign.com (set 'token-url' to https://account-d.docusign.com/oauth/token) and production ones only at account.docusign.com. " +
      'Authorize again, with the signature and extended scopes, and store the new refresh token.'
  },
  authorize: {
    url: 'https://account.docusign.com/oauth/auth',
    scopes: ['signature', 'extended'],
    pkce: 'unknown',
    note: 'Developer environment: https://account-d.docusign.com/oauth/auth (both URLs UNVERIFIED). PKCE is supported (Public Authorization Code Grant, no secret); its method was not read. API calls need the account base_uri from /oauth/userinfo.'
  }
}
