import { Replica } from './replica.js'

/**
 * Zoho: body credentials, form, never a new refresh token, api_domain in the answer, and a dead
 * refresh token as {"error":"invalid_code"} with HTTP 200 (UNVERIFIED, third-party reports).
 */
export const zoho = (apiDomain = 'https://www.zohoapis.com'): Replica =>
  new Replica({
    path: '/oauth/v2/token',
    auth: 'post',
    format: 'form',
    prefix: { access: '1000.', refresh: '1000.r' },
    rotation: 'never',
    reuse: 'valid',
    success: (t) => ({ body: { access_token: t.access, scope: 'ZohoCRM.modules.ALL', api_domain: apiDomain, token_type: 'Bearer', expires_in: 3600 } }),
    deadToken: () => ({ body: { error: 'invalid_code' } }),
    // Docs silent: RFC 6749's 400 invalid_client.
    badClient: () => ({ status: 400, body: { error: 'invalid_client' } })
  })
