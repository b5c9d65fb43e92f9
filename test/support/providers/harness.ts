import { afterAll, beforeAll, expect } from 'vitest'
import { getInputs } from '../../../src/action/inputs.js'
import { reportRefreshTokenLifetime } from '../../../src/action/lifetime.js'
import { refreshStep } from '../../../src/action/obtain.js'
import type { Obtained } from '../../../src/oauth/obtained.js'
import { deps as runtime } from '../../../src/action/runtime.js'
import { ActionError } from '../../../src/errors.js'
import { resolveEndpoints } from '../../../src/oauth/endpoints.js'
import { runnerEnv, setInputs } from '../inputs.js'
import { MockServer } from '../token-server.js'
import { CLIENT_ID, CLIENT_SECRET, type Replica } from './replica.js'

/**
 * A preset's refresh in-process, through the same code as the action's main step (getInputs,
 * resolveEndpoints, refreshStep), against a replica on a loopback MockServer: fast, and open to
 * mutation testing of src/oauth. Call once at the top of a test file.
 */
export function presetHarness(provider: string) {
  const printed = runnerEnv()
  const box: { server?: MockServer } = {}
  beforeAll(async () => void (box.server = await MockServer.start()))
  afterAll(async () => box.server?.close())

  /** The inputs of a run of `provider` against the replica; the preset stays, only the URL is the replica's. */
  const inputs = (replica: Replica, extra: Record<string, string> = {}): Record<string, string> => ({
    provider,
    'token-url': `${box.server!.url}${replica.spec.path}`,
    'client-id': CLIENT_ID,
    'client-secret': CLIENT_SECRET,
    'refresh-token': replica.current ?? replica.first,
    'max-attempts': '1',
    ...extra
  })

  /** One main step's refresh, and what it printed; `now` fixes the clock the lifetimes are computed on. */
  const refresh = async (replica: Replica, extra: Record<string, string> = {}, now?: number): Promise<Outcome> => {
    box.server!.reply(replica.handler)
    setInputs(inputs(replica, extra))
    const from = printed.length
    const output = () => printed.slice(from).join('')
    const deps = now === undefined ? runtime : { ...runtime, now: () => now }
    try {
      const s = getInputs()
      const ep = await resolveEndpoints(s, deps)
      const r = await refreshStep(s, ep, {}, undefined, deps)
      if (r.invalid) throw r.invalid
      const lifetime = reportRefreshTokenLifetime(r.obtained!, s.refreshTokenWarnDays ?? 14, now ?? Date.now())
      return { obtained: r.obtained!, rotated: r.rotated, lifetime, printed: output() }
    } catch (e) {
      expect(e).toBeInstanceOf(ActionError)
      return { error: e as ActionError, printed: output() }
    }
  }

  /** Two refreshes in a row, the second presenting what the first left (a rotated token, or the same). */
  const chain = async (replica: Replica, extra: Record<string, string> = {}): Promise<[Obtained, Obtained]> => {
    const first = await refresh(replica, { ...extra, 'refresh-token': replica.first })
    expect(first.error?.message).toBeUndefined()
    const second = await refresh(replica, { ...extra, 'refresh-token': first.rotated ?? replica.first })
    expect(second.error?.message).toBeUndefined()
    expect(replica.refreshes).toBe(2)
    return [first.obtained!, second.obtained!]
  }

  /** A dead refresh token: the error, its stable code, the provider's own code in one line, no secret. */
  const dead = async (replica: Replica, code: string, providerCode: string): Promise<ActionError> => {
    const out = await refresh(replica, { 'refresh-token': replica.dead })
    const e = out.error!
    expect(e).toBeInstanceOf(ActionError)
    expect(e.code).toBe(code)
    expect(e.details.oauthError).toBe(providerCode)
    expect(e.message).toContain(` ${providerCode}`)
    expect(e.message).not.toMatch(/[\r\n]/)
    expect(leaks(out.printed + e.message, [...replica.secrets, replica.dead])).toEqual([])
    return e
  }

  return { printed, inputs, refresh, chain, dead, server: () => box.server! }
}

export interface Outcome {
  readonly obtained?: Obtained
  readonly rotated?: string
  readonly lifetime?: string
  readonly error?: ActionError
  readonly printed: string
}

/**
 * The secrets that appear anywhere but in their own ::add-mask:: line. (In-process, the runner's
 * masks are announced once per test file, so an earlier test may have announced one already:
 * runner-level tests check the order too, with secretLeaks.)
 */
export function leaks(text: string, secrets: readonly string[]): string[] {
  const lines = text.split('\n').filter((l) => !l.startsWith('::add-mask::'))
  return secrets.filter((s) => lines.some((l) => l.includes(s))).map((s) => `${s.slice(0, 6)}…`)
}
