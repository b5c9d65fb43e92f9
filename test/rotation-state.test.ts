/**
 * The rotation state (`<secret>_STATE`, src/rotation/state.ts) on its own: what is read back as
 * state and what is refused, and what a rotation writes next (which claims are pruned, how long a
 * spent token stays blocked). A value read as empty or half-read would switch the stale-token guard
 * off, so every malformed shape must be refused, not skipped. The protocol around it is in
 * test/protocol*.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ActionError } from '../src/errors.js'
import type { Api } from '../src/github/api.js'
import { afterRotation, CLAIM_KEEP_S, decodeState, EMPTY_STATE, encodeState, MAX_SPENT, readState, SPENT_KEEP_S, writeState, type RotationState, type Spent } from '../src/rotation/state.js'
import { GitHubApi } from './support/github-api.js'
import { standInApi } from './support/stand-in-api.js'

const A = '0123456789ABCDEF'
const B = 'FEDCBA9876543210'
const C = 'AAAAAAAAAAAAAAAA'
const V2 = 'oauth-refresh-action:state:v2 '
const V1 = 'oauth-refresh-action:state:v1 '
const WHERE = 'the repository variable RT_STATE of octo/app'

function refused(value: string): ActionError {
  try {
    decodeState(value, WHERE)
  } catch (e) {
    if (e instanceof ActionError) return e
    throw e
  }
  throw new Error(`read as state: ${value}`)
}

describe('decodeState', () => {
  it('reads back what encodeState wrote, claims of all three kinds included', () => {
    const s: RotationState = {
      current: A,
      spent: [
        { id: B, at: 100, claim: false },
        { id: C, at: 200, claim: true },
        { id: A, at: 300, claim: true, again: true }
      ],
      shared: ['sealed-1', 'sealed-2']
    }
    const text = encodeState(s)
    expect(text.startsWith(V2)).toBe(true)
    expect(JSON.parse(text.slice(V2.length))).toEqual({ current: A, spent: [[B, 100, 0], [C, 200, 1], [A, 300, 2]], shared: ['sealed-1', 'sealed-2'] })
    expect(decodeState(text, WHERE)).toEqual(s)
    expect(decodeState(`${V2}{"spent":[],"shared":[]}`, WHERE)).toEqual({ current: undefined, spent: [], shared: [] })
  })

  it("refuses a value the action did not write, and says whose it is not (never 'empty state')", () => {
    const e = refused('{"current":null}')
    expect(e.code).toBe('foreign_variable')
    expect(e.message).toMatch(/^The repository variable RT_STATE of octo\/app exists but was not written by this action \(its value does not start with 'oauth-refresh-action:state:v2'; it starts '\{"current":null\}'\)/)
    expect(refused(` ${V2}{}`).code).toBe('foreign_variable')
  })

  it.each([
    ['text that is not JSON', `${V2}not json`],
    ['a JSON array', `${V2}[]`],
    ['JSON null', `${V2}null`],
    ['a JSON string', `${V2}"x"`],
    ['current not a fingerprint', `${V2}{"current":"0123","spent":[],"shared":[]}`],
    ['current in lower case', `${V2}{"current":"0123456789abcdef","spent":[],"shared":[]}`],
    ['current with a prefix', `${V2}{"current":"x0123456789ABCDEF","spent":[],"shared":[]}`],
    ['current with a suffix', `${V2}{"current":"0123456789ABCDEFx","spent":[],"shared":[]}`],
    ['current a number', `${V2}{"current":5,"spent":[],"shared":[]}`],
    ['no spent list', `${V2}{"current":"${A}","shared":[]}`],
    ['no shared list', `${V2}{"current":"${A}","spent":[]}`],
    ['a shared entry not a string', `${V2}{"current":"${A}","spent":[],"shared":[1]}`],
    ['a spent entry not a list', `${V2}{"spent":["${B}"],"shared":[]}`],
    ['a spent entry of two', `${V2}{"spent":[["${B}",1]],"shared":[]}`],
    ['a spent entry of four', `${V2}{"spent":[["${B}",1,0,0]],"shared":[]}`],
    ['a spent id not a fingerprint', `${V2}{"spent":[["xyz",1,0]],"shared":[]}`],
    ['a spent id a number', `${V2}{"spent":[[7,1,0]],"shared":[]}`],
    ['a negative time', `${V2}{"spent":[["${B}",-1,0]],"shared":[]}`],
    ['a fractional time', `${V2}{"spent":[["${B}",1.5,0]],"shared":[]}`],
    ['a time as text', `${V2}{"spent":[["${B}","1",0]],"shared":[]}`],
    ['a claim flag of 3', `${V2}{"spent":[["${B}",1,3]],"shared":[]}`],
    ['a claim flag of true', `${V2}{"spent":[["${B}",1,true]],"shared":[]}`],
    ['one bad entry after a good one', `${V2}{"spent":[["${B}",1,0],["${C}",1,7]],"shared":[]}`],
    ['version 1 with a malformed fingerprint', `${V1}{"fingerprint":"v1:abc"}`],
    ['version 1 with a fingerprint not text', `${V1}{"fingerprint":5}`],
    ['version 1, not JSON', `${V1}{`]
  ])('refuses %s as unreadable: the guard never runs on half a state', (_, value) => {
    const e = refused(value)
    expect(e.code).toBe('state_unreadable')
    expect(e.message).toMatch(/^The repository variable RT_STATE of octo\/app holds state this action cannot read, so this run cannot tell which refresh tokens were spent\. Nothing was refreshed\. If no other run is active/)
  })

  it('a time of 0 is a time (the epoch), not a missing one', () => {
    expect(decodeState(`${V2}{"spent":[["${B}",0,1]],"shared":[]}`, WHERE).spent).toEqual([{ id: B, at: 0, claim: true }])
  })

  it('version 1: only the fingerprint of the token the secret holds carries over', () => {
    expect(decodeState(`${V1}{"fingerprint":"v1:0123456789abcdef0123456789abcdef","shared":"x"}`, WHERE)).toEqual({ current: A, spent: [], shared: [] })
    expect(decodeState(`${V1}{"shared":"x"}`, WHERE)).toEqual({ current: undefined, spent: [], shared: [] })
  })
})

describe('afterRotation', () => {
  const NOW = 10_000_000
  const base = { at: NOW - 10, currentId: C, shared: ['s'], nowS: NOW }

  it('records the presented token as spent with its claim, and the new one as current', () => {
    const { state, prune } = afterRotation({ current: A, spent: [], shared: [] }, { ...base, spentId: A })
    expect(state).toEqual({ current: C, spent: [{ id: A, at: NOW - 10, claim: true }], shared: ['s'] })
    expect(prune).toEqual([])
    expect(afterRotation({ current: A, spent: [], shared: [] }, { ...base, spentId: A, again: true }).state.spent).toEqual([{ id: A, at: NOW - 10, claim: true, again: true }])
  })

  it('a token already recorded as spent is not recorded twice', () => {
    const prev: RotationState = { current: A, spent: [{ id: A, at: 5, claim: false }], shared: [] }
    expect(afterRotation(prev, { ...base, spentId: A, nowS: 6 }).state.spent).toEqual([{ id: A, at: 5, claim: false }])
  })

  it('the token the state last named, replaced since by another, is spent too', () => {
    const { state } = afterRotation({ current: B, spent: [], shared: [] }, { ...base, spentId: A })
    expect(state.spent).toEqual([{ id: A, at: NOW - 10, claim: true }, { id: B, at: NOW, claim: true }])
    // Not when it is the token this run presented, or the one it stored, or already spent.
    expect(afterRotation({ current: C, spent: [], shared: [] }, { ...base, spentId: A }).state.spent).toEqual([{ id: A, at: NOW - 10, claim: true }])
    expect(afterRotation({ current: B, spent: [{ id: B, at: 1, claim: true }], shared: [] }, { ...base, spentId: A, nowS: 2 }).state.spent.map((e) => e.id)).toEqual([B, A])
    expect(afterRotation({ current: undefined, spent: [], shared: [] }, { ...base, spentId: undefined }).state.spent).toEqual([])
  })

  it('prunes one claim a run, once it has been recorded for CLAIM_KEEP_S, keeping the entry blocked', () => {
    const old = (id: string, age: number, again?: boolean): Spent => ({ id, at: NOW - age, claim: true, ...(again ? { again } : {}) })
    const prev: RotationState = { current: C, spent: [old(A, CLAIM_KEEP_S, true), old(B, CLAIM_KEEP_S + 5)], shared: [] }
    const { state, prune } = afterRotation(prev, { ...base, spentId: undefined, currentId: C })
    expect(prune).toEqual([{ id: A, again: true }])
    expect(state.spent).toEqual([{ id: A, at: NOW - CLAIM_KEEP_S, claim: false }, old(B, CLAIM_KEEP_S + 5)])
    const young = afterRotation({ current: C, spent: [old(A, CLAIM_KEEP_S - 1)], shared: [] }, { ...base, spentId: undefined })
    expect(young.prune).toEqual([])
    expect(young.state.spent).toEqual([old(A, CLAIM_KEEP_S - 1)])
    expect(afterRotation({ current: C, spent: [old(B, CLAIM_KEEP_S)], shared: [] }, { ...base, spentId: undefined }).prune).toEqual([{ id: B, again: false }])
    // An entry whose claim is gone is never pruned again.
    expect(afterRotation({ current: C, spent: [{ id: A, at: 0, claim: false }], shared: [] }, { ...base, spentId: undefined, nowS: 100 }).prune).toEqual([])
  })

  it('keeps a spent token blocked for SPENT_KEEP_S after its claim is gone, and a claimed one until pruned', () => {
    const prev: RotationState = {
      current: C,
      spent: [
        { id: A, at: NOW - SPENT_KEEP_S, claim: false },
        { id: B, at: NOW - SPENT_KEEP_S + 1, claim: false },
        { id: C, at: NOW - SPENT_KEEP_S - 1, claim: true, again: true }
      ],
      shared: []
    }
    // The claimed entry is pruned first (its claim deleted), the run after drops it.
    const { state, prune } = afterRotation(prev, { ...base, spentId: undefined, currentId: C })
    expect(prune).toEqual([{ id: C, again: true }])
    expect(state.spent).toEqual([{ id: B, at: NOW - SPENT_KEEP_S + 1, claim: false }])
    expect(SPENT_KEEP_S).toBe(30 * 24 * 3600)
  })

  it('keeps at most MAX_SPENT entries, dropping the oldest whose claim is gone, never one whose claim may exist', () => {
    const spent: Spent[] = Array.from({ length: MAX_SPENT }, (_, i) => ({ id: (i + 1).toString(16).toUpperCase().padStart(16, '0'), at: NOW - 100 + (i % 50), claim: i < 2 }))
    const { state } = afterRotation({ current: undefined, spent, shared: [] }, { ...base, spentId: A, at: NOW })
    expect(state.spent).toHaveLength(MAX_SPENT)
    expect(state.spent.slice(0, 2)).toEqual(spent.slice(0, 2))
    expect(state.spent[2]).toEqual(spent[3])
    expect(state.spent.at(-1)).toEqual({ id: A, at: NOW, claim: true })
    const allClaimed = spent.map((e) => ({ ...e, claim: true }))
    expect(afterRotation({ current: undefined, spent: allClaimed, shared: [] }, { ...base, spentId: A, at: NOW, nowS: NOW - 1 }).state.spent).toHaveLength(MAX_SPENT + 1)
  })
})

describe('readState and writeState against the GitHub stand-in', () => {
  const PAT = 'github_pat_state_0123456789'
  const KEY = 'repo:octo/app:RT_STATE'
  const t = { kind: 'repository', repository: 'octo/app' } as const
  let gh: GitHubApi
  let api: Api
  beforeAll(async () => {
    gh = await GitHubApi.start()
    api = standInApi(gh, PAT)
  })
  afterAll(async () => gh.close())
  beforeEach(() => void gh.reset().token(PAT, 'secrets', 'variables').repo('octo/app'))

  it('no variable: the empty state, marked as not existing', async () => {
    expect(await readState(api, t, 'RT')).toBe(EMPTY_STATE)
    expect(EMPTY_STATE).toEqual({ exists: false, current: undefined, spent: [], shared: [] })
  })

  it('a variable: its state, marked as existing, with GitHub clock', async () => {
    gh.setVariable(KEY, encodeState({ current: A, spent: [], shared: [] }))
    const s = await readState(api, t, 'RT')
    expect(s).toMatchObject({ exists: true, current: A, spent: [], shared: [] })
    expect(s.serverNow).toBeGreaterThan(0)
    gh.setVariable(KEY, 'junk')
    await expect(readState(api, t, 'RT')).rejects.toMatchObject({ code: 'foreign_variable', message: expect.stringContaining('The repository variable RT_STATE of octo/app exists') as string })
  })

  it('writes with POST when absent, PATCH when present, and falls back to the other when the guess was wrong', async () => {
    const s: RotationState = { current: A, spent: [], shared: ['x'] }
    expect(await writeState(api, t, 'RT', s, false)).toBe(true)
    expect(gh.variables.get(KEY)).toBe(encodeState(s))
    const s2 = { ...s, current: B }
    expect(await writeState(api, t, 'RT', s2, false)).toBe(true)
    expect(gh.variables.get(KEY)).toBe(encodeState(s2))
    gh.variables.delete(KEY)
    expect(await writeState(api, t, 'RT', s, true)).toBe(true)
    expect(gh.variables.get(KEY)).toBe(encodeState(s))
    // Created since by someone else: never overwritten.
    gh.setVariable(KEY, 'not ours')
    await expect(writeState(api, t, 'RT', s, false)).rejects.toMatchObject({ code: 'foreign_variable' })
    expect(gh.variables.get(KEY)).toBe('not ours')
  })

  it('too large for a variable: the shared token goes first, then the oldest spent entries whose claims are gone', async () => {
    const spent: Spent[] = Array.from({ length: 900 }, (_, i) => ({ id: (i + 1).toString(16).toUpperCase().padStart(16, '0'), at: 1000 + i, claim: i % 2 === 0 }))
    const big: RotationState = { current: A, spent, shared: ['s'.repeat(30_000)] }
    expect(await writeState(api, t, 'RT', big, false)).toBe(false)
    const written = decodeState(gh.variables.get(KEY)!, WHERE)
    expect(written.shared).toEqual([])
    expect(written.spent).toEqual(spent)
    const bigger: RotationState = { current: A, spent: Array.from({ length: 2400 }, (_, i) => ({ id: (i + 1).toString(16).toUpperCase().padStart(16, '0'), at: 1000 + i, claim: i >= 2000 })), shared: [] }
    expect(await writeState(api, t, 'RT', bigger, true)).toBe(true)
    const kept = decodeState(gh.variables.get(KEY)!, WHERE)
    expect(Buffer.byteLength(gh.variables.get(KEY)!)).toBeLessThanOrEqual(48 * 1024)
    expect(kept.spent.filter((e) => e.claim)).toHaveLength(400)
    expect(kept.spent.length).toBeLessThan(2400)
    // The oldest went: what is left is a tail of the list.
    expect(kept.spent).toEqual(bigger.spent.slice(2400 - kept.spent.length))
  })
})
