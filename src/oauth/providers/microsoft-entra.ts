import { rfcError, type Provider } from './types.js'

const LEARN = 'https://learn.microsoft.com/entra/identity-platform'

/**
 * Microsoft Entra ID, v2.0 endpoint (research/providers/microsoft-entra.md). The errors are RFC 6749
 * §5.2 with `error_codes` beside them; the AADSTS number picks the hint. Microsoft warns that the
 * numbers and texts change ("Apps that take a dependency on text or error code numbers will be
 * broken over time"), so they only ever choose words, never behaviour.
 */
export const microsoftEntra: Provider = {
  id: 'microsoft-entra',
  name: 'Microsoft Entra ID',
  docs: [`${LEARN}/v2-oauth2-auth-code-flow#refresh-the-access-token`, `${LEARN}/refresh-tokens`, `${LEARN}/reference-error-codes`, `${LEARN}/authentication-national-cloud`],
  // `common` serves multi-tenant apps. A single-tenant app (AADSTS50194), a national cloud
  // (login.microsoftonline.us, login.partner.microsoftonline.cn) or a tenant's own grant: 'token-url'.
  tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
  // "client_secret | required for web apps ... This secret needs to be URL-Encoded"; Basic "is also supported".
  authMethod: 'client_secret_post',
  // "Refresh tokens replace themselves with a fresh token upon every use."
  rotation: 'always',
  // "The Microsoft identity platform doesn't revoke old refresh tokens when used to fetch new access tokens."
  reuseWindowS: 'unlimited',
  refreshTokenLifetime: {
    // "90 days for all other scenarios"; AADSTS700082: "expired due to inactivity", so each use starts it again.
    idleS: 90 * 86_400,
    note: '24 hours for single-page apps, not extended by refreshing; Conditional Access sign-in frequency can end it sooner.'
  },
  readError: (_, fields) => {
    const said = rfcError(fields)
    if (!said) return undefined
    const codes = fields.error_codes
    const n = Array.isArray(codes) && Number.isInteger(codes[0]) ? String(codes[0]) : /^AADSTS(\d+)/.exec(said.description ?? '')?.[1]
    return { ...said, subcode: n ? `AADSTS${n}` : undefined }
  },
  hints: {
    AADSTS700082: 'Microsoft Entra says the refresh token expired after going unused (AADSTS700082). Authorize again and store the new refresh token; runs at least every 90 days keep it alive.',
    AADSTS70008: 'Microsoft Entra says the refresh token expired after going unused (AADSTS70008). Authorize again and store the new refresh token; runs at least every 90 days keep it alive.',
    AADSTS700084: "Microsoft Entra says the refresh token was issued to a single-page app, whose tokens live 24 hours and cannot be extended (AADSTS700084). Register a redirect URI that is not of type 'spa' for the app, then authorize again.",
    AADSTS50173: 'Microsoft Entra says the grant was revoked (AADSTS50173: a password change, or an admin or the user revoked the sessions). Authorize again and store the new refresh token.',
    AADSTS70043: "Microsoft Entra says the tenant's Conditional Access sign-in frequency ended the refresh token (AADSTS70043). Authorize again; that policy decides how often this is needed.",
    AADSTS70000: 'Microsoft Entra says the refresh token is not valid (AADSTS70000). Authorize again and store the new refresh token.',
    AADSTS50076: 'Microsoft Entra requires an interactive sign-in with multi-factor authentication (AADSTS50076). Authorize again.',
    AADSTS50079: 'Microsoft Entra requires the user to register for multi-factor authentication (AADSTS50079). Sign in interactively, then authorize again.',
    AADSTS53003: 'A Conditional Access policy blocks this sign-in (AADSTS53003): a tenant administrator must allow it.',
    AADSTS65001: 'The user or an administrator has not consented to this app (AADSTS65001). Authorize again and consent.',
    AADSTS7000222: "Microsoft Entra says the app's client secret has expired (AADSTS7000222). Create a new client secret for the app and update 'client-secret'.",
    AADSTS7000215: "Microsoft Entra says the client secret is invalid (AADSTS7000215). Check 'client-secret'.",
    AADSTS7000218: "Microsoft Entra wants a client secret for this app (AADSTS7000218). Set 'client-secret'.",
    AADSTS700025: "The app is registered as a public client, which must not send a secret (AADSTS700025). Leave 'client-secret' empty.",
    AADSTS700016: "Microsoft Entra finds no such app in the tenant (AADSTS700016). Check 'client-id', and that the tenant in 'token-url' is the app's.",
    AADSTS90002: "Microsoft Entra does not know the tenant (AADSTS90002). Check the tenant in 'token-url': https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token.",
    AADSTS50194: "The app is single-tenant, so it cannot refresh at /common (AADSTS50194). Set 'token-url' to https://login.microsoftonline.com/<tenant-id>/oauth2/v2.0/token.",
    AADSTS70011: "Microsoft Entra refuses the 'scope' (AADSTS70011). Request a subset of the scopes consented at authorization, all of one resource, or remove 'scope'.",
    AADSTS50196: 'Microsoft Entra saw too many identical requests in a short time (AADSTS50196). Refresh less often.',
    interaction_required: 'Microsoft Entra requires an interactive sign-in. Authorize again and store the new refresh token.'
  },
  authorize: {
    url: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    scopes: ['offline_access'],
    pkce: 'S256',
    deviceUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/devicecode',
    note: 'Use the tenant instead of common for a single-tenant app. http://127.0.0.1 redirects must be added in the app manifest; their port is ignored, and [::1] is not supported.'
  }
}
