/** Okta against a replica of a default custom authorization server (research/providers/okta.md). */
import { describe, expect, it } from 'vitest'
import { getInputs } from '../../src/action/inputs.js'
import { ActionError } from '../../src/errors.js'
import { setInputs } from '../support/inputs.js'
import { presetHarness } from '../support/providers/harness.js'
import { okta } from '../support/providers/okta.js'
import { CLIENT_ID, CLIENT_SECRET } from '../support/providers/replica.js'
import { decodeBasic } from '../support/token-server.js'

const h = presetHarness('okta')

describe('okta', () => {
  it('refreshes twice in a row with the RFC 6749 default, Basic, as Okta\'s refresh example does', async () => {
    const replica = okta()
    await h.chain(replica)
    expect(replica.seen.map((r) => decodeBasic(r.headers.authorization))).toEqual([[CLIENT_ID, CLIENT_SECRET], [CLIENT_ID, CLIENT_SECRET]])
  })

  it('a dead refresh token: invalid_grant, naming the 7-day idle default and reuse detection', async () => {
    const e = await h.dead(okta(), 'invalid_grant', 'invalid_grant')
    expect(e.message).toContain('(The refresh token is invalid or expired.). Okta says the refresh token is invalid or expired: by default it expires after 7 days unused')
  })

  it('has no endpoint of its own: without token-url or issuer, an input error naming both, before any request', () => {
    setInputs({ provider: 'okta', 'client-id': CLIENT_ID, 'client-secret': CLIENT_SECRET, 'refresh-token': 'rt' })
    const e = (() => {
      try {
        return getInputs()
      } catch (err) {
        return err
      }
    })()
    expect(e).toBeInstanceOf(ActionError)
    expect((e as ActionError).code).toBe('input')
    expect((e as ActionError).message).toBe(
      "Input 'token-url' is required with provider 'okta': Okta has no token endpoint common to all its users. Set 'token-url' (e.g. https://{yourOktaDomain}/oauth2/default/v1/token) or 'issuer' (its discovery, e.g. https://{yourOktaDomain}/oauth2/default)."
    )
  })

  it('takes issuer: discovery finds the token endpoint, the preset keeps its errors', async () => {
    const replica = okta()
    const issuer = `${h.server().url}/oauth2/default`
    replica.route = (req) =>
      req.url === '/oauth2/default/.well-known/openid-configuration' ? { body: { issuer, token_endpoint: `${issuer}/v1/token`, revocation_endpoint: `${issuer}/v1/revoke`, token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'] } } : req.method === 'GET' ? { status: 404, body: '' } : undefined
    const out = await h.refresh(replica, { 'token-url': '', issuer })
    expect(out.error).toBeUndefined()
    expect(out.obtained!.endpoints).toMatchObject({ source: 'issuer', authMethod: 'client_secret_basic', revocationUrl: new URL(`${issuer}/v1/revoke`) })
    const dead = await h.refresh(replica, { 'token-url': '', issuer, 'refresh-token': replica.dead })
    expect(dead.error!.message).toContain('Okta says the refresh token is invalid or expired')
  })

  it('an app set to client_secret_post refuses Basic: the advice is to match the app\'s method', async () => {
    const replica = okta()
    const out = await h.refresh(replica, { 'client-secret': 'not-the-secret' })
    expect(out.error!.code).toBe('invalid_client')
    expect(out.error!.message).toContain("Okta accepts only the client authentication configured for the app (token_endpoint_auth_method): set 'auth-method' to match it")
  })
})
