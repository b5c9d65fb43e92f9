import type { Provider } from './types.js'

const DOCS = 'https://auth0.com/docs'

/**
 * Auth0 (research/providers/auth0.md). Each tenant has its own domain: 'token-url' or 'issuer'
 * (whose discovery document ends in a slash: https://{yourDomain}/). A dead refresh token is
 * 403 invalid_grant; reuse outside the overlap period revokes the whole family.
 */
export const auth0: Provider = {
  id: 'auth0',
  name: 'Auth0',
  docs: [
    `${DOCS}/api/authentication/refresh-token/refresh-token`,
    `${DOCS}/secure/tokens/refresh-tokens/use-refresh-tokens`,
    `${DOCS}/secure/tokens/refresh-tokens/configure-refresh-token-rotation`,
    `${DOCS}/secure/tokens/refresh-tokens/configure-refresh-token-expiration`
  ],
  discovery: true,
  endpointExample: { tokenUrl: 'https://{yourDomain}/oauth/token', issuer: 'https://{yourDomain}/' },
  // client_secret is a body parameter, "Required when the Token Endpoint Authentication Method is set to Post or Basic".
  authMethod: 'client_secret_post',
  rotation: 'configurable',
  // The "Rotation Overlap Period" (leeway): "By default leeway is disabled."
  reuseWindowS: 0,
  refreshTokenLifetime: {
    note: 'Per application: an idle and a maximum lifetime, up to a year each; rotating tokens default to 30 days and "The lifetime does not extend when tokens are rotated."'
  },
  hints: {
    invalid_grant:
      'Auth0 says the refresh token is invalid or expired: it passed its idle or maximum lifetime (rotation does not extend the maximum), was revoked, or a rotated token was reused outside the overlap period, which revokes the whole family. ' +
      'Authorize again (scope offline_access, for an API that allows offline access) and store the new refresh token.'
  },
  authorize: {
    url: 'https://{yourDomain}/authorize',
    scopes: ['offline_access'],
    pkce: 'S256',
    deviceUrl: 'https://{yourDomain}/oauth/device/code',
    note: 'The API (audience) must have Allow Offline Access on, and the app the Refresh Token grant.'
  }
}
