/**
 * Every preset through the bundled action, as the runner runs it: a dead refresh token fails in
 * exactly one ::error line naming the provider's own code, with no secret printed; and the special
 * cases that only the runner shows (outputs, annotations, the job summary).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { annotations, runAction, secretLeaks } from '../support/runner.js'
import { MockServer } from '../support/token-server.js'
import { auth0 } from '../support/providers/auth0.js'
import { github } from '../support/providers/github.js'
import { google } from '../support/providers/google.js'
import { hpTechPulse } from '../support/providers/hp-techpulse.js'
import { keycloak } from '../support/providers/keycloak.js'
import { microsoftEntra } from '../support/providers/microsoft-entra.js'
import { notion } from '../support/providers/notion.js'
import { okta } from '../support/providers/okta.js'
import { pagerduty } from '../support/providers/pagerduty.js'
import { quickbooks } from '../support/providers/quickbooks.js'
import { CLIENT_ID, CLIENT_SECRET, type Replica } from '../support/providers/replica.js'
import { salesforce } from '../support/providers/salesforce.js'
import { slack } from '../support/providers/slack.js'
import { xero } from '../support/providers/xero.js'

let server: MockServer
beforeAll(async () => (server = await MockServer.start()))
afterAll(async () => server.close())

const run = (provider: string, replica: Replica, extra: Record<string, string> = {}) => {
  server.reply(replica.handler)
  return runAction({ provider, 'token-url': `${server.url}${replica.spec.path}`, 'client-id': CLIENT_ID, 'client-secret': CLIENT_SECRET, 'refresh-token': replica.first, 'max-attempts': '1', ...extra })
}

describe('a dead refresh token, for every preset', () => {
  it.each<[string, () => Replica, string, string]>([
    ['hp-techpulse', hpTechPulse, 'invalid_grant', 'HTTP 400 invalid_grant.'],
    ['hp-techpulse-eu', hpTechPulse, 'invalid_grant', 'HTTP 400 invalid_grant.'],
    ['pagerduty', pagerduty, 'invalid_grant', 'HTTP 400 invalid_grant.'],
    ['github', github, 'bad_refresh_token', 'HTTP 200 bad_refresh_token (The refresh token passed is incorrect or expired.). GitHub refresh tokens'],
    ['microsoft-entra', microsoftEntra, 'AADSTS700082', 'HTTP 400 invalid_grant (AADSTS700082: The refresh token has expired due to inactivity.'],
    ['google', google, 'invalid_grant', 'HTTP 400 invalid_grant (Token has been expired or revoked.). Google says'],
    ['salesforce', salesforce, 'invalid_grant', 'HTTP 400 invalid_grant (expired access/refresh token). Salesforce refused'],
    ['okta', okta, 'invalid_grant', 'HTTP 400 invalid_grant (The refresh token is invalid or expired.). Okta says'],
    ['auth0', auth0, 'invalid_grant', 'HTTP 403 invalid_grant (Unknown or invalid refresh token.). Auth0 says'],
    ['keycloak', keycloak, 'invalid_grant', 'HTTP 400 invalid_grant (Maximum allowed refresh token reuse exceeded). Keycloak says'],
    ['xero', xero, 'invalid_grant', 'HTTP 400 invalid_grant. Xero refused'],
    ['quickbooks', quickbooks, 'invalid_grant', 'HTTP 400 invalid_grant (Token invalid). Intuit says'],
    ['slack', slack, 'invalid_refresh_token', 'HTTP 200 invalid_refresh_token. Slack says'],
    ['notion', notion, 'invalid_grant', 'HTTP 400 invalid_grant (Invalid refresh token.). Notion says']
  ])('%s: one ::error naming %s, no secret printed', async (provider, make, code, says) => {
    const replica = make()
    const r = await run(provider, replica, { 'refresh-token': replica.dead })
    expect(r.code).toBe(1)
    const errors = annotations(r.stdout)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain(code)
    expect(errors[0]).toContain(says)
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error'))).toHaveLength(1)
    expect(secretLeaks(r, [CLIENT_SECRET, replica.dead])).toEqual([])
    expect(r.outputs).toEqual({})
  })
})

describe('special cases only the runner shows', () => {
  it('slack: token-type bot without a warning, the ids in response-fields, the rotated token output and masked', async () => {
    const replica = slack()
    const r = await run('slack', replica)
    expect(r.code, r.stdout).toBe(0)
    expect(annotations(r.stdout, 'warning')).toEqual([])
    expect(r.outputs['token-type']).toBe('bot')
    expect(r.outputs['refresh-token']).toBe(replica.current)
    expect(JSON.parse(r.outputs['response-fields']!)).toMatchObject({ team: { id: 'T9TK3CUKW' }, bot_user_id: 'U0KRQLJ9H', authed_user: { id: 'U1234' } })
    expect(r.outputs['response-fields']).not.toMatch(/xoxe/)
    expect(secretLeaks(r, replica.secrets)).toEqual([])
  })

  it('quickbooks: a near hard end warns once with its date, which is the output and in the summary', async () => {
    const replica = quickbooks(3 * 86_400)
    const r = await run('quickbooks', replica)
    expect(r.code, r.stdout).toBe(0)
    const at = r.outputs['refresh-token-expires-at']!
    expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(annotations(r.stdout, 'warning')).toEqual([`The refresh token stops working at ${at}, in 3 days, and refreshing does not extend it: authorize again before then and store the new refresh token. (Said while fewer than 14 days remain: 'refresh-token-warn-days'.)`])
    expect(r.summary).toContain(`<th>Refresh token expires</th><td>${at}</td>`)
    expect(secretLeaks(r, replica.secrets)).toEqual([])
  })

  it('keycloak: the idle end is the output, but no warning; the log says what keeps it alive', async () => {
    const r = await run('keycloak', keycloak())
    expect(r.code, r.stdout).toBe(0)
    expect(annotations(r.stdout, 'warning')).toEqual([])
    expect(r.stdout).toContain('The refresh token expires after 30 minutes unused')
    expect(r.summary).toContain(`<td>${r.outputs['refresh-token-expires-at']} (if unused until then)</td>`)
  })

  it('okta without token-url or issuer: an input error, and nothing sent', async () => {
    server.reply(okta().handler)
    const r = await runAction({ provider: 'okta', 'client-id': CLIENT_ID, 'client-secret': CLIENT_SECRET, 'refresh-token': 'rt-okta-0123456789' })
    expect(r.code).toBe(1)
    expect(annotations(r.stdout)).toEqual([expect.stringMatching(/^Input 'token-url' is required with provider 'okta'/)])
    expect(server.requests).toEqual([])
  })

  it('notion: a JSON body with the Notion-Version header, workspace_id out, no expiry', async () => {
    const replica = notion()
    const r = await run('notion', replica)
    expect(r.code, r.stdout).toBe(0)
    expect(replica.seen[0]!.headers['content-type']).toBe('application/json')
    expect(JSON.parse(r.outputs['response-fields']!)).toMatchObject({ workspace_id: 'a8f5c2de-9b1e-4f3c-8d2a-6e7f1b9c0d3e' })
    expect([r.outputs['expires-at'], r.outputs['refresh-token-expires-at']]).toEqual(['', ''])
  })
})
