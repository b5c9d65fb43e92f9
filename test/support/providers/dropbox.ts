import { CLIENT_ID, Replica } from './replica.js'

/**
 * Dropbox: body credentials, form, never a new refresh token, 400 invalid_grant for a dead one;
 * a PKCE app (no secret) refreshes with client_id alone [sdk, not docs].
 */
export const dropbox = (): Replica => {
  const replica: Replica = new Replica({
    path: '/oauth2/token',
    auth: 'post',
    format: 'form',
    prefix: { access: 'sl.u.', refresh: 'dbx-rt-' },
    rotation: 'never',
    reuse: 'valid',
    // expires_in 14400 (four hours) as third parties show it (UNVERIFIED).
    success: (t) => ({ body: { access_token: t.access, token_type: 'bearer', expires_in: 14_400 } }),
    deadToken: () => ({ status: 400, body: { error: 'invalid_grant' } }),
    badClient: () => ({ status: 400, body: { error: 'invalid_client' } })
  })
  // A public (PKCE) client: client_id and no client_secret at all.
  replica.route = (req) => {
    if (req.form.get('client_id') !== CLIENT_ID || req.form.has('client_secret') || req.headers.authorization) return undefined
    if (req.form.get('refresh_token') !== replica.first) return { status: 400, body: { error: 'invalid_grant' } }
    const access = `sl.u.public-${replica.issuedAccess.length}-0123456789`
    replica.issuedAccess.push(access)
    return { body: { access_token: access, token_type: 'bearer', expires_in: 14_400 } }
  }
  return replica
}
