import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { getInputs } from '../src/inputs.js'

const base = {
  'token-url': 'https://auth.example.com/token',
  'client-id': 'cid',
  'client-secret': 'csecret',
  'refresh-token': 'rt'
}

let printed: string[]
const saved = { repo: process.env.GITHUB_REPOSITORY, api: process.env.GITHUB_API_URL }
function setInputs(inputs: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key]
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value
}
beforeEach(() => {
  // Present on every runner; getInputs refuses to run without it.
  vi.stubEnv('GITHUB_OUTPUT', '/dev/null')
  printed = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (printed.push(String(chunk)), true))
  process.env.GITHUB_REPOSITORY = 'octo/app'
  delete process.env.GITHUB_API_URL
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
  setInputs({})
  for (const [k, v] of [['GITHUB_REPOSITORY', saved.repo], ['GITHUB_API_URL', saved.api]] as const) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
})

describe('write-back inputs', () => {
  it('are absent unless secret-name is set', () => {
    setInputs(base)
    expect(getInputs().secret).toBeUndefined()
  })

  it('default to the current repository and api.github.com, guard off; github-token masked first', () => {
    setInputs({ ...base, 'secret-name': 'HP_RT', 'github-token': 'github_pat_secret' })
    expect(getInputs().secret).toEqual({
      name: 'HP_RT',
      githubToken: 'github_pat_secret',
      target: { kind: 'repository', repository: 'octo/app' },
      apiUrl: new URL('https://api.github.com'),
      staleTokenGuard: false
    })
    expect(printed).toContain('::add-mask::github_pat_secret\n')
  })

  it('take GITHUB_API_URL (GHES), an environment, or an organization', () => {
    process.env.GITHUB_API_URL = 'https://ghe.example.com/api/v3'
    setInputs({ ...base, 'secret-name': 'S', 'github-token': 't', 'secret-environment': 'production', 'stale-token-guard': 'TRUE' })
    expect(getInputs().secret).toMatchObject({ target: { kind: 'environment', repository: 'octo/app', environment: 'production' }, apiUrl: new URL('https://ghe.example.com/api/v3'), staleTokenGuard: true })
    setInputs({ ...base, 'secret-name': 'S', 'github-token': 't', 'secret-org': 'octo-org', 'github-api-url': 'http://127.0.0.1:8080' })
    expect(getInputs().secret).toMatchObject({ target: { kind: 'organization', org: 'octo-org' }, apiUrl: new URL('http://127.0.0.1:8080') })
  })

  it.each([
    [{ 'github-token': 't' }, "Input 'secret-name' is required with 'github-token': it names the secret that holds the refresh token."],
    [{ 'stale-token-guard': 'true' }, "Input 'secret-name' is required with 'stale-token-guard': it names the secret that holds the refresh token."],
    [{ 'secret-name': 'S' }, `Input 'github-token' is required with 'secret-name': a fine-grained personal access token or GitHub App token that may write S ("Secrets: Read and write"). The workflow's GITHUB_TOKEN cannot write secrets.`],
    [{ 'secret-name': '1ABC', 'github-token': 't' }, "Input 'secret-name' must be a GitHub secret name (letters, digits and underscores, not starting with a digit or GITHUB_); got '1ABC'."],
    [{ 'secret-name': 'github_token', 'github-token': 't' }, "Input 'secret-name' must be a GitHub secret name (letters, digits and underscores, not starting with a digit or GITHUB_); got 'github_token'."],
    [{ 'secret-name': 'S', 'github-token': 't', 'secret-org': 'o', 'secret-environment': 'e' }, "Input 'secret-org' names an organization secret; leave 'secret-repository' and 'secret-environment' empty with it."],
    [{ 'secret-name': 'S', 'github-token': 't', 'secret-repository': 'just-a-name' }, "Input 'secret-repository' must be owner/repo; got 'just-a-name'."],
    [{ 'secret-name': 'S', 'github-token': 't', 'stale-token-guard': 'yes' }, "Input 'stale-token-guard' must be 'true' or 'false'; got 'yes'."],
    [{ 'secret-name': 'S', 'github-token': 't', 'github-api-url': 'http://ghe.example.com/api/v3' }, "Input 'github-api-url' must use https (plain http only for localhost, 127.0.0.0/8 and [::1]); got 'http://ghe.example.com'."]
  ])('rejects %o', (inputs, message) => {
    setInputs({ ...base, ...inputs })
    expect(() => getInputs()).toThrow(message)
  })

  it('needs secret-repository outside Actions', () => {
    delete process.env.GITHUB_REPOSITORY
    setInputs({ ...base, 'secret-name': 'S', 'github-token': 't' })
    expect(() => getInputs()).toThrow("Input 'secret-repository' is required outside GitHub Actions (GITHUB_REPOSITORY is not set): owner/repo.")
  })
})
