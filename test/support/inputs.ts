import { afterEach, beforeEach, vi } from 'vitest'

/** The fewest inputs that make a valid refresh step. */
export const minimalInputs = {
  'token-url': 'https://auth.example.com/token',
  'client-id': 'cid',
  'client-secret': 'csecret',
  'refresh-token': 'rt'
}

/** Replaces every INPUT_* variable, as the runner sets them for a `with:` block. */
export function setInputs(inputs: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key]
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value
}

/**
 * For tests that call getInputs() in-process: the runner's files (getInputs refuses to run without
 * them), the given variables (undefined removes one), and what @actions/core prints, collected in the
 * returned array and restored after each test.
 */
export function runnerEnv(env: Record<string, string | undefined> = {}): string[] {
  const printed: string[] = []
  beforeEach(() => {
    vi.stubEnv('GITHUB_OUTPUT', '/dev/null')
    vi.stubEnv('GITHUB_ENV', '/dev/null')
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
    printed.length = 0
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (printed.push(String(chunk)), true))
  })
  afterEach(() => {
    vi.restoreAllMocks()
    vi.unstubAllEnvs()
    setInputs({})
  })
  return printed
}
