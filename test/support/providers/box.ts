import { Replica } from './replica.js'

/**
 * Box: body credentials, form, a single-use refresh token replaced on every refresh and dead once
 * used, 400 invalid_grant "Refresh token has expired" (Box staff), restricted_to beside the tokens.
 */
export const box = (): Replica =>
  new Replica({
    path: '/oauth2/token',
    auth: 'post',
    format: 'form',
    rotation: 'always',
    reuse: 'dead',
    success: (t) => ({ body: { access_token: t.access, expires_in: 3600, restricted_to: [], refresh_token: t.refresh, token_type: 'bearer' } }),
    deadToken: () => ({ status: 400, body: { error: 'invalid_grant', error_description: 'Refresh token has expired' } }),
    badClient: () => ({ status: 400, body: { error: 'invalid_client', error_description: 'The client credentials are not valid' } })
  })
