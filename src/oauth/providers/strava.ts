import { rfcError, type Provider, type ProviderError } from './types.js'
import type { Fields } from '../../http.js'

/**
 * Strava's errors are `{"message", "errors": [{"resource", "field", "code"}]}`, not RFC 6749 §5.2's
 * (third-party reports: UNVERIFIED). The first entry's resource and code make the provider's code
 * ("RefreshToken invalid"); the message and field describe it. RFC 6749 names are read too.
 */
function stravaError(status: number, fields: Fields): ProviderError | undefined {
  const first: unknown = Array.isArray(fields.errors) ? fields.errors[0] : undefined
  const message = typeof fields.message === 'string' && fields.message ? fields.message : undefined
  if (typeof first === 'object' && first !== null) {
    const { resource, field, code } = first as Record<string, unknown>
    const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined)
    const error = [text(resource), text(code)].filter(Boolean).join(' ')
    if (error) return { error, description: [message, text(field) && `field ${text(field)}`].filter(Boolean).join('; ') || undefined }
  }
  return rfcError(fields) ?? (status >= 400 && message ? { error: message } : undefined)
}

/**
 * Strava (research/providers/strava.md, the Authentication page read through a verbatim copy). A
 * refresh hands back the same access and refresh tokens while the access token has more than an
 * hour left; once a new refresh token is issued, the old one is dead. `expires_at` (epoch seconds)
 * agrees with `expires_in`, which the action reads; both and `athlete` come out in 'response-fields'.
 */
export const strava: Provider = {
  id: 'strava',
  name: 'Strava',
  // The pages the facts below come from (comments only: the action never needs them at run time):
  //   https://developers.strava.com/docs/authentication/
  //   https://developers.strava.com/docs/oauth-updates/
  // "applications should call the POST https://www.strava.com/oauth/token endpoint, specifying
  // grant_type: refresh_token" (the page's curl examples use /api/v3/oauth/token: also Strava's).
  tokenUrl: 'https://www.strava.com/oauth/token',
  // "client_id required integer … client_secret required string", sent as parameters (-d in the curl examples).
  authMethod: 'client_secret_post',
  // Access tokens "expire six hours after they are created".
  accessTokenLifetimeS: 21_600,
  // "The refresh token may or may not be the same refresh token used to make the request."
  rotation: 'sometimes',
  // "Once a new refresh token is returned, the older refresh token is invalidated immediately."
  reuseWindowS: 0,
  readError: stravaError,
  codes: { 'RefreshToken invalid': 'invalid_grant', 'Application invalid': 'invalid_client' },
  hints: {
    'RefreshToken invalid':
      "Strava says the refresh token is invalid: once Strava returns a new refresh token the older one is invalidated immediately, so a newer one was issued to an earlier run, or the athlete deauthorized the app (which invalidates all its tokens). Authorize again, store the new refresh token, and set 'secret-name' so runs always present the newest.",
    'Application invalid': "Strava refused the application: check 'client-id' (the app's numeric Client ID) and 'client-secret' on the app's API settings page."
  },
  authorize: {
    url: 'https://www.strava.com/oauth/authorize',
    pkce: 'unknown',
    note: 'No extra parameter: every code exchange returns a refresh token. PKCE is not documented. scope is required, comma-separated (e.g. activity:read_all); the athlete may untick scopes. Redirects must be within the app\'s callback domain; localhost and 127.0.0.1 are allowed.'
  }
}
