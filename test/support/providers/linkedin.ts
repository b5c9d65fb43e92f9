import { Replica } from './replica.js'

const DAY_S = 86_400

/**
 * LinkedIn programmatic refresh tokens: body credentials; no token_type in the answer; the refresh
 * token lives 365 days from the authorization (the replica's clock 0 minus `agoS`), which
 * refresh_token_expires_in counts down, and the 60-day access token never outlives it. Whether the
 * refresh token's value changes is not documented: `rotate` chooses.
 */
export const linkedin = (opts: { agoS?: number; rotate?: boolean } = {}): Replica => {
  const replica: Replica = new Replica({
    path: '/oauth/v2/accessToken',
    auth: 'post',
    format: 'form',
    prefix: { access: 'AQUvlL_DYEzvT2wz', refresh: 'AQWAft_WjYZKwuWX' },
    rotation: opts.rotate ? 'always' : 'same',
    reuse: 'dead',
    success: (t) => {
      const left = 365 * DAY_S - (opts.agoS ?? 0) - replica.clock
      return { body: { access_token: t.access, expires_in: Math.min(60 * DAY_S, left), refresh_token: t.refresh, refresh_token_expires_in: left, scope: 'r_ads,rw_ads' } }
    },
    // LinkedIn documents no body for a dead refresh token: RFC 6749 §5.2's, with its own words.
    deadToken: () => ({ status: 400, body: { error: 'invalid_grant', error_description: 'The provided authorization grant or refresh token is invalid, expired or revoked' } }),
    badClient: () => ({ status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } })
  })
  return replica
}
