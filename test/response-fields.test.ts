/** Issue 18: which parts of a token response are credentials, masked and kept out of `response-fields`. */
import { describe, expect, it } from 'vitest'
import { responseFields, secretsIn } from '../src/oauth/response-fields.js'

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'

describe('secretsIn', () => {
  it('finds tokens at any depth, in body order (Slack nests a user token in authed_user)', () => {
    const body = { ok: true, access_token: 'xoxe.xoxb-1', token_type: 'bot', authed_user: { id: 'U1', access_token: 'xoxe.xoxp-1', refresh_token: 'xoxe-1-user' }, refresh_token: 'xoxe-1-bot' }
    expect(secretsIn(body)).toEqual(['xoxe.xoxb-1', 'xoxe.xoxp-1', 'xoxe-1-user', 'xoxe-1-bot'])
  })
  it.each([
    ['a secret under another name', { bot_token: 'xoxb-123456789' }, ['xoxb-123456789']],
    ['a JWT under any name', { claims: JWT }, [JWT]],
    ['not what describes a token', { token_type: 'bearer-long-type', x_refresh_token_expires_in: '8726400', token_type_hint: 'refresh_token' }, []],
    ['not a short value under a non-standard name (the runner would hide it everywhere)', { api_key: 'abc' }, []],
    ['the standard three whatever their length', { access_token: 'a', id_token: 'b' }, ['a', 'b']],
    ['in arrays too', { tokens: [{ access_token: 'in-array-1' }] }, ['in-array-1']]
  ])('%s', (_, body, found) => expect(secretsIn(body)).toEqual(found))
})

describe('responseFields', () => {
  it.each([
    [
      'Salesforce: instance_url and id stay; the HMAC signature goes',
      { access_token: 'at', signature: 'sig=', scope: 'api refresh_token', instance_url: 'https://x.my.salesforce.com', id: 'https://login.salesforce.com/id/00D/005', token_type: 'Bearer', issued_at: '1700000000000' },
      { scope: 'api refresh_token', instance_url: 'https://x.my.salesforce.com', id: 'https://login.salesforce.com/id/00D/005', token_type: 'Bearer', issued_at: '1700000000000' }
    ],
    [
      'Slack: team, bot and user ids stay; every token and the webhook URL go',
      { ok: true, app_id: 'A1', access_token: 'xoxe.xoxb-1', token_type: 'bot', bot_user_id: 'U0', team: { id: 'T1', name: 'Acme' }, enterprise: null, incoming_webhook: { url: 'https://hooks.slack.com/x' }, authed_user: { id: 'U1', access_token: 'xoxe.xoxp-1', token_type: 'user' } },
      { ok: true, app_id: 'A1', token_type: 'bot', bot_user_id: 'U0', team: { id: 'T1', name: 'Acme' }, enterprise: null, authed_user: { id: 'U1', token_type: 'user' } }
    ],
    [
      'Keycloak: the lifetimes stay; session_state goes',
      { access_token: 'at', refresh_token: 'rt', expires_in: 300, refresh_expires_in: 1800, 'not-before-policy': 0, session_state: 'abc-def', scope: 'openid' },
      { expires_in: 300, refresh_expires_in: 1800, 'not-before-policy': 0, scope: 'openid' }
    ],
    [
      'a JWT or a copy of a token under an innocent name goes',
      { access_token: 'at-copied-value', note: 'at-copied-value', claims: JWT, workspace_id: 'w1', device_code: 'dc', list: ['at-copied-value', 'ok'] },
      { workspace_id: 'w1', list: ['ok'] }
    ]
  ])('%s', (_, body, kept) => expect(responseFields(body)).toEqual(kept))

  it('a server-chosen __proto__ stays an ordinary field', () => {
    const kept = responseFields(JSON.parse('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>)
    expect(Object.getPrototypeOf(kept)).toBe(Object.prototype)
    expect(Object.keys(kept)).toEqual(['__proto__', 'a'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
