import { Replica } from './replica.js'

/**
 * HubSpot at /oauth/2026-03/token: body credentials, form only, a refresh_token in every answer
 * (the same one unless `rotation` says otherwise: not documented), hub_id beside the tokens, and a
 * dead token as the legacy status/message body (UNVERIFIED) with RFC 6749's fields added.
 */
export const hubspot = (rotation: 'same' | 'always' = 'same'): Replica =>
  new Replica({
    path: '/oauth/2026-03/token',
    auth: 'post',
    format: 'form',
    prefix: { access: 'CJSP', refresh: 'na1-' },
    rotation,
    reuse: 'dead',
    success: (t) => ({
      body: { token_use: 'access_token', token_type: 'bearer', refresh_token: t.refresh, access_token: t.access, expires_in: 1800, hub_id: 62515, scopes: ['oauth', 'crm.objects.contacts.read'], user_id: 1234567 }
    }),
    deadToken: () => ({
      status: 400,
      body: { status: 'BAD_REFRESH_TOKEN', message: 'missing or invalid refresh token', correlationId: 'a1b2c3d4-0000-4000-8000-000000000000', error: 'invalid_grant', error_description: 'missing or invalid refresh token' }
    }),
    // Docs silent: RFC 6749's invalid_client, with the standard error object around it (UNVERIFIED).
    badClient: () => ({ status: 400, body: { status: 'error', message: 'Invalid client_id or client_secret', correlationId: 'c0ffee00-0000-4000-8000-000000000000', category: 'VALIDATION_ERROR', error: 'invalid_client' } })
  })
