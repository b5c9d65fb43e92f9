import { Replica } from './replica.js'

/** The redirect URI the replica's authorization was made with. */
export const GITLAB_REDIRECT = 'https://ci.example.com/oauth/callback'

// Doorkeeper's stock invalid_grant description (UNVERIFIED for GitLab).
const invalidGrant = {
  status: 400,
  body: { error: 'invalid_grant', error_description: 'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.' }
}

/**
 * GitLab (Doorkeeper): Basic or body credentials, redirect_uri required and matched on refresh,
 * every refresh invalidating the access and refresh tokens used.
 */
export const gitlab = (): Replica => {
  const replica = new Replica({
    path: '/oauth/token',
    auth: 'either',
    format: 'form',
    rotation: 'always',
    reuse: 'dead',
    success: (t) => ({ body: { access_token: t.access, token_type: 'bearer', expires_in: 7200, refresh_token: t.refresh, scope: 'read_api', created_at: 1_628_711_391 } }),
    deadToken: () => invalidGrant,
    badClient: () => ({ status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.' } })
  })
  // "The `redirect_uri` must match the `redirect_uri` used in the original authorization request."
  replica.route = (req) => (req.method === 'POST' && req.form.get('redirect_uri') !== GITLAB_REDIRECT ? invalidGrant : undefined)
  return replica
}
