/** GitLab against a replica of /oauth/token (research/providers/gitlab.md): redirect_uri on refresh. */
import { describe, expect, it } from 'vitest'
import { getInputs } from '../../src/action/inputs.js'
import { ActionError } from '../../src/errors.js'
import { setInputs } from '../support/inputs.js'
import { GITLAB_REDIRECT, gitlab } from '../support/providers/gitlab.js'
import { leaks, presetHarness } from '../support/providers/harness.js'
import { CLIENT_ID, CLIENT_SECRET } from '../support/providers/replica.js'

const h = presetHarness('gitlab')
const redirect = { 'extra-params': `redirect_uri=${GITLAB_REDIRECT}` }

describe('gitlab', () => {
  it('refreshes twice in a row with body credentials and the redirect_uri of the authorization', async () => {
    const replica = gitlab()
    await h.chain(replica, redirect)
    expect(replica.seen.map((r) => [r.form.get('client_secret'), r.form.get('redirect_uri'), r.headers.authorization])).toEqual([
      [CLIENT_SECRET, GITLAB_REDIRECT, undefined],
      [CLIENT_SECRET, GITLAB_REDIRECT, undefined]
    ])
  })

  it('a dead refresh token: invalid_grant, naming the spent token and the redirect_uri', async () => {
    const replica = gitlab()
    const out = await h.refresh(replica, { ...redirect, 'refresh-token': replica.dead })
    expect(out.error!.code).toBe('invalid_grant')
    expect(out.error!.message).toContain("GitLab refused the refresh token: every refresh invalidates the one used (so an earlier run may have spent it), the authorization was revoked, or redirect_uri in 'extra-params' differs")
    expect([out.error!.details.oauthError, out.error!.message]).toEqual(['invalid_grant', expect.stringContaining('HTTP 400 invalid_grant (The provided authorization grant is invalid')])
    expect(out.error!.message).not.toMatch(/[\r\n]/)
    expect(leaks(out.printed + out.error!.message, [...replica.secrets, replica.dead])).toEqual([])
  })

  it('a rotated-out refresh token is refused: GitLab invalidates it at once', async () => {
    const replica = gitlab()
    await h.chain(replica, redirect)
    expect((await h.refresh(replica, { ...redirect, 'refresh-token': replica.first })).error!.code).toBe('invalid_grant')
  })

  it('without redirect_uri in extra-params: an input error naming it, and nothing sent', () => {
    const sent = h.server().requests.length
    setInputs({ provider: 'gitlab', 'client-id': CLIENT_ID, 'client-secret': CLIENT_SECRET, 'refresh-token': 'rt' })
    let e: unknown
    try {
      getInputs()
    } catch (err) {
      e = err
    }
    expect(e).toBeInstanceOf(ActionError)
    expect((e as ActionError).code).toBe('input')
    expect((e as ActionError).message).toBe(
      "Input 'extra-params' must set redirect_uri with provider 'gitlab': GitLab's refresh request must carry the redirect_uri of the original authorization request, and it must match. Add a line 'redirect_uri=<the app's callback URL>' to 'extra-params'."
    )
    expect(h.server().requests).toHaveLength(sent)
  })

  it('a redirect_uri other than the authorization\'s: GitLab\'s invalid_grant, with the advice to check it', async () => {
    const replica = gitlab()
    const out = await h.refresh(replica, { 'extra-params': 'redirect_uri=https://elsewhere.example.com/cb' })
    expect(out.error!.code).toBe('invalid_grant')
    expect(out.error!.message).toContain('does not match the redirection URI used in the authorization request')
    expect(out.error!.message).toContain('Check redirect_uri')
    expect(replica.current).toBe(replica.first)
  })
})
