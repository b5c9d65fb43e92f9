/**
 * The errors that stop a run before it presents a refresh token (src/rotation/messages.ts), word for
 * word: each says what happened, that nothing was sent, and what to do, for every kind of target.
 */
import { describe, expect, it } from 'vitest'
import type { SecretTarget } from '../src/github/targets.js'
import type { ClaimSeen } from '../src/rotation/claims.js'
import { outcomeUnknown, secretMissing, spentToken, stillPresenting } from '../src/rotation/messages.js'

const repo: SecretTarget = { kind: 'repository', repository: 'octo/app' }
const env: SecretTarget = { kind: 'environment', repository: 'octo/app', environment: 'prod' }
const org: SecretTarget = { kind: 'organization', org: 'octo' }
const seen = (over: Partial<ClaimSeen> = {}): ClaimSeen => ({ value: 'v', holder: 'octo/app run 7 attempt 1 job refresh', nonce: 'n', status: 'presenting', ttlMs: 60_000, createdAt: Date.parse('2026-12-01T12:34:56.789Z'), serverNow: undefined, ...over })
const CLAIM = 'RT_CLAIM_0123456789ABCDEF'

describe('spentToken', () => {
  it('says it was not sent, and whether a shared token was looked for', () => {
    const start = 'The refresh token given to this run was already presented by another run, and the provider rotated it: presenting it again could make the provider revoke the whole grant (RFC 9700 §4.14.2), so it was not sent. '
    const end = 'Start a new run: it reads the repository secret RT of octo/app as it is now. A refresh token you stored by hand (a fallback step, or after authorizing again) is presented normally.'
    expect(spentToken(repo, 'RT', false)).toMatchObject({ code: 'stale_token', message: start + end })
    expect(spentToken(repo, 'RT', true).message).toBe(`${start}No shared access token valid for 'min-validity' with the needed scopes was there to use instead. ${end}`)
  })
})

describe('outcomeUnknown', () => {
  const tail = ` If that run's log shows it never reached the refresh, or the provider shows no refresh at that time, delete the repository variable ${CLAIM} of octo/app and run again; otherwise authorize again and store the new refresh token in the secret.`
  it('names the run, the time to the second, and why the outcome is unknown', () => {
    expect(outcomeUnknown(repo, CLAIM, seen({ status: 'uncertain' }), 0)).toMatchObject({
      code: 'outcome_unknown',
      message: `The refresh token given to this run was presented at 2026-12-01T12:34:56Z by octo/app run 7 attempt 1 job refresh, which got no answer from the provider. The provider may have rotated it, and presenting a spent refresh token can make it revoke the whole grant (RFC 9700 §4.14.2), so it was not sent.${tail}`
    })
    expect(outcomeUnknown(repo, CLAIM, seen(), 0).message).toContain(', which was stopped before it said what came of it. ')
  })

  it('an unknown run at an unknown time, when the claim cannot say', () => {
    const m = outcomeUnknown(repo, CLAIM, seen({ holder: undefined, createdAt: undefined }), 0).message
    expect(m).toMatch(/^The refresh token given to this run was presented at an unknown time by a run whose claim is unreadable, which /)
    expect(outcomeUnknown(repo, CLAIM, seen({ createdAt: Number.NaN }), 0).message).toContain('presented at an unknown time by')
  })

  it('a holder name that carries a workflow command is defused', () => {
    expect(outcomeUnknown(repo, CLAIM, seen({ holder: 'x\n::stop-commands::y' }), 0).message).not.toMatch(/\n|::stop-commands::/)
  })

  it('says the reuse window has passed only when there is a finite one', () => {
    const passed = " The provider's reuse window (30 s) has passed, and it was presented again once already or too late."
    expect(outcomeUnknown(repo, CLAIM, seen(), 30_000).message).toContain(`so it was not sent.${passed}${tail}`)
    expect(outcomeUnknown(repo, CLAIM, seen(), 29_600).message).toContain('(30 s)')
    expect(outcomeUnknown(repo, CLAIM, seen(), 0).message).toContain(`so it was not sent.${tail}`)
    expect(outcomeUnknown(repo, CLAIM, seen(), Infinity).message).toContain(`so it was not sent.${tail}`)
  })
})

describe('stillPresenting', () => {
  it('names the run, when, and the claim, and says to run again in a few minutes', () => {
    expect(stillPresenting(env, CLAIM, seen())).toMatchObject({
      code: 'lock_timeout',
      message: `The refresh token given to this run was claimed by octo/app run 7 attempt 1 job refresh at 2026-12-01T12:34:56Z (the variable ${CLAIM} of environment 'prod' in octo/app), which has not recorded what came of it: it may still be presenting it, or its record is late. It was not sent. Run again in a few minutes: by then that run has shared its access token or recorded the token as spent.`
    })
  })
})

describe('secretMissing', () => {
  const end = (name: string) => ` Otherwise create ${name} there with the current refresh token, and read it with 'refresh-token: \${{ secrets.${name} }}'.`
  it('a repository secret: points at secret-org', () => {
    expect(secretMissing(repo, 'RT')).toMatchObject({
      code: 'secret_missing',
      message: `The repository secret RT of octo/app does not exist: the repository octo/app holds no secret by that name, so the token given to this run comes from somewhere else. Nothing was refreshed. If RT is an organization secret, set 'secret-org': its claims and lock must live where the secret does, or two scopes would each let a run present the same token.${end('RT')}`
    })
  })
  it('an environment secret: secret-org, without secret-environment', () => {
    expect(secretMissing(env, 'RT').message).toBe(`The secret RT of environment 'prod' in octo/app does not exist: the environment 'prod' of octo/app holds no secret by that name, so the token given to this run comes from somewhere else. Nothing was refreshed. If RT is an organization secret, set 'secret-org' and leave out secret-environment: its claims and lock must live where the secret does, or two scopes would each let a run present the same token.${end('RT')}`)
  })
  it('an organization secret: no hint', () => {
    expect(secretMissing(org, 'RT').message).toBe(`The organization secret RT of octo does not exist: the organization octo holds no secret by that name, so the token given to this run comes from somewhere else. Nothing was refreshed.${end('RT')}`)
  })
})
