/**
 * Issue 19: every default action.yml declares is the code's own. The runner passes a declared
 * default as if the workflow had set it; getInputs() must then read exactly what it reads when the
 * input is absent (a test run, @github/local-action), or one of the two is wrong.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { getInputs } from '../src/action/inputs.js'
import { minimalInputs, runnerEnv, setInputs } from './support/inputs.js'

runnerEnv({ GITHUB_STATE: '/dev/null', GITHUB_REPOSITORY: 'octo/app' })

const yml = readFileSync(new URL('../action.yml', import.meta.url), 'utf8')
const section = yml.slice(yml.indexOf('\ninputs:\n'), yml.indexOf('\noutputs:\n'))
const declared = section
  .split(/\n(?= {2}[a-z])/)
  .map((block) => [/^ {2}([a-z][\w-]*):/.exec(block)?.[1], /\n {4}default: '?([^'\n]*)'?/.exec(block)?.[1]] as const)
  .filter((d): d is readonly [string, string] => d[0] !== undefined && d[1] !== undefined)

describe('action.yml defaults', () => {
  it('declares one for every input the code gives a fixed default', () => {
    expect(Object.fromEntries(declared)).toEqual({
      'basic-auth-encoding': 'auto',
      'timeout-seconds': '30',
      'max-attempts': '3',
      revoke: 'false',
      'refresh-token-warn-days': '14',
      'stale-token-guard': 'true',
      lock: 'true',
      'lock-timeout-seconds': '600',
      'share-token': 'auto',
      'min-validity': '300'
    })
  })

  // With and without write-back: the write-back defaults must not look like a write-back asked for.
  const bases = [minimalInputs, { ...minimalInputs, 'secret-name': 'RT', 'github-token': 'github_pat_x' }]
  it.each(declared)('%s: given as %j, read as when it is absent', (name, value) => {
    for (const base of bases) {
      setInputs(base)
      const absent = getInputs()
      setInputs({ ...base, [name]: value })
      expect(getInputs()).toEqual(absent)
    }
  })

  it('all at once, as the runner passes them, change nothing either', () => {
    for (const base of bases) {
      setInputs(base)
      const absent = getInputs()
      setInputs({ ...base, ...Object.fromEntries(declared) })
      expect(getInputs()).toEqual(absent)
    }
  })
})
