import { CLIENT_ID, CLIENT_SECRET, Replica } from './replica.js'
import type { Reply } from '../token-server.js'

/**
 * Procore: body credentials, a new refresh token with every refresh, and the one presented spent by
 * any call, "successful or not": a refused client spends it, and `fail` makes the next call fail
 * after spending it (a 503 from Procore, say).
 */
export const procore = () => {
  const replica = new Replica({
    path: '/oauth/token',
    auth: 'post',
    format: 'form',
    rotation: 'always',
    reuse: 'dead',
    success: (t) => ({ body: { access_token: t.access, token_type: 'bearer', expires_in: 5400, refresh_token: t.refresh, created_at: 1_484_786_897 } }),
    // The message is Procore's ("The refresh token is invalid"); the body around it is RFC 6749's (UNVERIFIED).
    deadToken: () => ({ status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token is invalid.' } }),
    badClient: () => ({ status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed.' } })
  })
  const failures: Reply[] = []
  replica.route = (req) => {
    const failure = failures.shift()
    const client = req.form.get('client_id') === CLIENT_ID && req.form.get('client_secret') === CLIENT_SECRET
    if (!failure && client) return undefined
    if (req.form.get('refresh_token') === replica.current) replica.revokeAll()
    return failure ?? replica.spec.badClient()
  }
  return Object.assign(replica, { fail: (reply: Reply) => void failures.push(reply) })
}
