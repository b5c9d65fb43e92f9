import { Replica } from './replica.js'

/** Strava's own error shape (third-party reports: UNVERIFIED). */
const error = (resource: string, field: string) => ({ status: 400, body: { message: 'Bad Request', errors: [{ resource, field, code: 'invalid' }] } })

/** Epoch seconds of the replica's clock 0, for expires_at. */
export const STRAVA_EPOCH_S = Date.UTC(2030, 0, 1) / 1000

/**
 * Strava: client_id and client_secret as parameters. While the access token has more than an hour
 * left, a refresh returns it and the same refresh token; after that, new ones, and the old refresh
 * token is invalidated at once. Every answer has expires_at besides expires_in.
 */
export const strava = (): Replica => {
  let access: { token: string; issuedS: number } | undefined
  let sent: string | undefined
  const replica: Replica = new Replica({
    path: '/oauth/token',
    auth: 'post',
    format: 'form',
    // A new refresh token once the access token has an hour or less of its six hours left.
    rotation: { everyS: 21_600 - 3600 },
    reuse: 'dead',
    success: (t) => {
      if (t.refresh !== sent || !access) access = { token: t.access, issuedS: replica.clock }
      sent = t.refresh
      const expiresAt = STRAVA_EPOCH_S + access.issuedS + 21_600
      return { body: { token_type: 'Bearer', access_token: access.token, expires_at: expiresAt, expires_in: expiresAt - STRAVA_EPOCH_S - replica.clock, refresh_token: t.refresh } }
    },
    deadToken: () => error('RefreshToken', 'refresh_token'),
    badClient: () => error('Application', 'client_id')
  })
  return replica
}
