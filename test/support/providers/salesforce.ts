import { Replica } from './replica.js'

/**
 * Salesforce with refresh token rotation on: body credentials, no expires_in, instance_url and a
 * signature, and a rotated-out token presented again invalidates the current one.
 */
export const salesforce = (): Replica =>
  new Replica({
    path: '/services/oauth2/token',
    auth: 'post',
    format: 'form',
    prefix: { access: '00D5g000004ABCD!AQ0A', refresh: '5Aep861' },
    rotation: 'always',
    reuse: 'revoke-family',
    success: (t) => ({
      body: {
        access_token: t.access,
        refresh_token: t.refresh,
        signature: 'SSSbLO/gBhmmyNUvN18ODBDFYHzakxOMgqYtu+hDPsc=',
        scope: 'refresh_token web api',
        instance_url: 'https://acme.my.salesforce.com',
        id: 'https://login.salesforce.com/id/00D5g000004ABCD/0055g00000ABCDE',
        token_type: 'Bearer',
        issued_at: '1893456000000'
      }
    }),
    deadToken: () => ({ status: 400, body: { error: 'invalid_grant', error_description: 'expired access/refresh token' } }),
    badClient: () => ({ status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } })
  })
