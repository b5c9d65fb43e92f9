import { Replica } from './replica.js'

const error = (error: string, code: number, text: string) => ({
  error,
  error_description: `AADSTS${code}: ${text} Trace ID: 0d9c7f3e-1111-2222-3333-444455556666 Correlation ID: 7a1b2c3d-aaaa-bbbb-cccc-ddddeeeeffff Timestamp: 2030-01-01 00:00:00Z`,
  error_codes: [code],
  timestamp: '2030-01-01 00:00:00Z',
  trace_id: '0d9c7f3e-1111-2222-3333-444455556666',
  correlation_id: '7a1b2c3d-aaaa-bbbb-cccc-ddddeeeeffff',
  error_uri: `https://login.microsoftonline.com/error?code=${code}`
})

/**
 * Microsoft Entra, one tenant: body or Basic credentials, a new refresh token on every use, and
 * the old ones never revoked. Errors carry error_codes and an AADSTS-prefixed description.
 */
export const microsoftEntra = (): Replica =>
  new Replica({
    path: '/contoso.onmicrosoft.com/oauth2/v2.0/token',
    auth: 'either',
    format: 'form',
    prefix: { access: 'eyJ0eXAiOiJKV1QifQ.eyJzY3AiOiJNYWlsLlJlYWQifQ.sig', refresh: '0.ARoA' },
    rotation: 'always',
    reuse: 'valid',
    success: (t) => ({ body: { token_type: 'Bearer', scope: 'https://graph.microsoft.com/Mail.Read', expires_in: 3599, ext_expires_in: 3599, access_token: t.access, refresh_token: t.refresh } }),
    deadToken: () => ({ status: 400, body: error('invalid_grant', 700082, 'The refresh token has expired due to inactivity. The token was issued on 2029-09-01 and was inactive for 90.00:00:00.') }),
    badClient: () => ({ status: 401, body: error('invalid_client', 7000222, 'The provided client secret keys for app are expired.') })
  })
