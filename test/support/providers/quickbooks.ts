import { Replica } from './replica.js'

/**
 * Intuit: Basic, the refresh token replaced about daily and the previous one good for 24 hours,
 * x_refresh_token_expires_in always and the hard five-year end only when asked by header.
 */
export const quickbooks = (hardLeftS = 5 * 365 * 86_400): Replica => {
  const replica: Replica = new Replica({
    path: '/oauth2/v1/tokens/bearer',
    auth: 'basic',
    format: 'form',
    rotation: { everyS: 86_400 },
    reuse: { windowS: 86_400 },
    success: (t) => ({
      body: {
        token_type: 'bearer',
        expires_in: 3600,
        refresh_token: t.refresh,
        x_refresh_token_expires_in: 8_726_400,
        access_token: t.access,
        ...(replica.seen.at(-1)?.headers['x-include-refresh-token-hard-expires-in'] === 'true' ? { x_refresh_token_hard_expires_in: hardLeftS } : {})
      }
    }),
    deadToken: () => ({ status: 400, headers: { intuit_tid: '1-abc' }, body: { error: 'invalid_grant', error_description: 'Token invalid' } }),
    badClient: () => ({ status: 401, body: { error: 'invalid_client' } })
  })
  return replica
}
