import { Replica } from './replica.js'

/** Google: body credentials, no new refresh token ever, and invalid_grant for one that expired or was revoked. */
export const google = (): Replica =>
  new Replica({
    path: '/token',
    auth: 'post',
    format: 'form',
    prefix: { access: 'ya29.', refresh: '1//0g' },
    rotation: 'never',
    reuse: 'valid',
    success: (t) => ({ headers: { 'content-type': 'application/json; charset=utf-8' }, body: { access_token: t.access, expires_in: 3920, scope: 'https://www.googleapis.com/auth/drive.metadata.readonly', token_type: 'Bearer' } }),
    // The description is the one users report (UNVERIFIED); the preset keys on the code.
    deadToken: () => ({ status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } }),
    badClient: () => ({ status: 401, body: { error: 'invalid_client', error_description: 'Unauthorized' } })
  })
