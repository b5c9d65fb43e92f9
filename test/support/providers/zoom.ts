import { Replica } from './replica.js'

/**
 * Zoom: Basic, form, a new refresh token every time and the prior one refused with "Invalid
 * Token!" under error invalid_request (the body as users report it, UNVERIFIED); api_url beside
 * the tokens (UNVERIFIED).
 */
export const zoom = (): Replica =>
  new Replica({
    path: '/oauth/token',
    auth: 'basic',
    format: 'form',
    prefix: { access: 'eyJzdiI6IjAwMDAwMSJ9.at-', refresh: 'eyJzdiI6IjAwMDAwMSJ9.rt-' },
    rotation: 'always',
    reuse: 'dead',
    success: (t) => ({ body: { access_token: t.access, token_type: 'bearer', refresh_token: t.refresh, expires_in: 3599, scope: 'user:read:user', api_url: 'https://api.zoom.us' } }),
    deadToken: () => ({ status: 400, body: { reason: 'Invalid Token!', error: 'invalid_request' } }),
    badClient: () => ({ status: 401, body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' } })
  })
