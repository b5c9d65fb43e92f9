import { CLIENT_ID, Replica } from './replica.js'

/**
 * Atlassian: a JSON body with the client's id and secret, a new refresh token every time, the
 * previous one good for 10 minutes, and after that a reuse that revokes every refresh token of
 * the grant [Atlassian staff, community]; 403 invalid_grant for a dead one, no token_type.
 */
export const atlassian = (): Replica => {
  let rotatedAt = 0
  const replica: Replica = new Replica({
    path: '/oauth/token',
    auth: 'post',
    format: 'json',
    rotation: 'always',
    reuse: { windowS: 600 },
    success: (t) => {
      rotatedAt = replica.clock
      return { body: { access_token: t.access, refresh_token: t.refresh, expires_in: 3600, scope: 'read:jira-work offline_access' } }
    },
    deadToken: () => ({ status: 403, body: { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' } }),
    // Docs silent; jira.js reports access_denied for a wrong secret (UNVERIFIED).
    badClient: () => ({ status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } })
  })
  // "Reuse of old tokens outside the leeway interval invalidates all refresh tokens."
  replica.route = (req) => {
    let body: Record<string, unknown>
    try {
      body = JSON.parse(req.body) as Record<string, unknown>
    } catch {
      return undefined
    }
    const token = body.refresh_token as string
    const i = replica.issuedRefresh.indexOf(token)
    const previous = i === replica.issuedRefresh.length - 2 && replica.clock - rotatedAt <= 600
    if (body.client_id === CLIENT_ID && i >= 0 && token !== replica.current && !previous) replica.revokeAll()
    return undefined
  }
  return replica
}
