import { formEncode } from '../../../src/oauth/token-request.js'
import { CLIENT_ID, CLIENT_SECRET, Replica } from './replica.js'

/**
 * Spotify's accounts service: Basic for a client with a secret, client_id alone in the body for a
 * PKCE client. A new refresh token only sometimes (this replica: at most once a day, a modelling
 * choice; the docs do not say when); otherwise the response has none and the old one stays good.
 */
export const spotify = (): Replica => {
  let sent: string | undefined
  const replica: Replica = new Replica({
    path: '/api/token',
    auth: 'basic',
    format: 'form',
    prefix: { access: 'BQ', refresh: 'AQ' },
    rotation: { everyS: 86_400 },
    reuse: 'dead',
    success: (t) => {
      const fresh = t.refresh !== sent
      sent = t.refresh
      return { body: { access_token: t.access, token_type: 'Bearer', scope: 'user-read-private user-read-email', expires_in: 3600, ...(fresh ? { refresh_token: t.refresh } : {}) } }
    },
    // The descriptions are not documented; the code of an expired token is (the 2026-06-18 blog post).
    deadToken: () => ({ status: 400, body: { error: 'invalid_grant', error_description: 'Invalid refresh token' } }),
    badClient: () => ({ status: 400, body: { error: 'invalid_client', error_description: 'Invalid client' } })
  })
  // "client_id | Only required for the PKCE extension": a PKCE client is known by its id alone.
  const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${formEncode(CLIENT_SECRET)}`).toString('base64')}`
  replica.route = (req) => (req.headers.authorization || req.form.get('client_id') !== CLIENT_ID || req.form.has('client_secret') ? undefined : replica.handler({ ...req, headers: { ...req.headers, authorization: basic } }))
  return replica
}
