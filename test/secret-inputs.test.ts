import { describe, expect, it, vi } from 'vitest'
import { getInputs } from '../src/action/inputs.js'
import { minimalInputs, runnerEnv, setInputs } from './support/inputs.js'
import { actionError } from './support/errors.js'

const printed = runnerEnv({ GITHUB_REPOSITORY: 'octo/app', GITHUB_API_URL: undefined, GITHUB_STATE: '/dev/null' })

describe('write-back inputs', () => {
  it('are absent unless secret-name is set', () => {
    setInputs(minimalInputs)
    expect(getInputs().secret).toBeUndefined()
  })

  it('default to the current repository and api.github.com, every safety switch on; github-token masked first', () => {
    setInputs({ ...minimalInputs, 'secret-name': 'HP_RT', 'github-token': 'github_pat_secret' })
    expect(getInputs().secret).toEqual({
      name: 'HP_RT',
      githubToken: 'github_pat_secret',
      target: { kind: 'repository', repository: 'octo/app' },
      apiUrl: new URL('https://api.github.com'),
      staleTokenGuard: true,
      lock: true,
      lockWaitMs: 600_000,
      shareToken: true,
      minValidityMs: 300_000
    })
    expect(printed).toContain('::add-mask::github_pat_secret\n')
  })

  it('take GITHUB_API_URL (GHES), an environment, or an organization', () => {
    vi.stubEnv('GITHUB_API_URL', 'https://ghe.example.com/api/v3')
    setInputs({ ...minimalInputs, 'secret-name': 'S', 'github-token': 't', 'secret-environment': 'production', 'stale-token-guard': 'TRUE' })
    expect(getInputs().secret).toMatchObject({ target: { kind: 'environment', repository: 'octo/app', environment: 'production' }, apiUrl: new URL('https://ghe.example.com/api/v3'), staleTokenGuard: true })
    setInputs({ ...minimalInputs, 'secret-name': 'S', 'github-token': 't', 'secret-org': 'octo-org', 'github-api-url': 'http://127.0.0.1:8080' })
    expect(getInputs().secret).toMatchObject({ target: { kind: 'organization', org: 'octo-org' }, apiUrl: new URL('http://127.0.0.1:8080') })
  })

  it.each([
    [{ 'github-token': 't' }, "Input 'secret-name' is required with 'github-token': it names the secret that holds the refresh token."],
    [{ 'secret-name': 'S', 'github-token': 't', 'share-token': 'maybe' }, "Input 'share-token' must be 'auto' (the default: true unless 'revoke' is), 'true' or 'false'; got 'maybe'."],
    // A value equal to action.yml's default is what the runner passes anyway: only another is a sign.
    [{ 'stale-token-guard': 'false' }, "Input 'secret-name' is required with 'stale-token-guard': it names the secret that holds the refresh token."],
    [{ 'secret-name': 'S' }, `Input 'github-token' is required with 'secret-name': a fine-grained personal access token or GitHub App token that may write S ("Secrets: Read and write", and "Variables: Read and write" for the lock and the rotation state). The workflow's GITHUB_TOKEN cannot write secrets.`],
    [{ lock: 'false' }, "Input 'secret-name' is required with 'lock': it names the secret that holds the refresh token."],
    [{ 'min-validity': '60' }, "Input 'secret-name' is required with 'min-validity': it names the secret that holds the refresh token."],
    [{ 'secret-name': 'S', 'github-token': 't', lock: 'no' }, "Input 'lock' must be 'true' or 'false'; got 'no'."],
    [{ 'secret-name': 'S', 'github-token': 't', 'lock-timeout-seconds': '7200' }, "Input 'lock-timeout-seconds' must be a number from 0 to 3600; got '7200'."],
    [{ 'secret-name': 'S', 'github-token': 't', 'min-validity': '-1' }, "Input 'min-validity' must be a number from 0 to 86400; got '-1'."],
    [{ 'secret-name': 'S', 'github-token': 't', 'share-token': 'true', revoke: 'true' }, "Input 'share-token' and 'revoke' are both true: a token revoked when one job ends cannot serve the other runs sharing it. Turn one off."],
    [{ 'secret-name': '1ABC', 'github-token': 't' }, "Input 'secret-name' must be a GitHub secret name (letters, digits and underscores, not starting with a digit or GITHUB_); got '1ABC'."],
    [{ 'secret-name': 'github_token', 'github-token': 't' }, "Input 'secret-name' must be a GitHub secret name (letters, digits and underscores, not starting with a digit or GITHUB_); got 'github_token'."],
    [{ 'secret-name': 'S', 'github-token': 't', 'secret-org': 'o', 'secret-environment': 'e' }, "Input 'secret-org' names an organization secret; leave 'secret-repository' and 'secret-environment' empty with it."],
    [{ 'secret-name': 'S', 'github-token': 't', 'secret-repository': 'just-a-name' }, "Input 'secret-repository' must be owner/repo (a login, then letters, digits, '.', '-' and '_', at most 100); got 'just-a-name'."],
    [{ 'secret-name': 'S', 'github-token': 't', 'secret-repository': 'octo/..' }, "Input 'secret-repository' must be owner/repo"],
    [{ 'secret-name': 'S', 'github-token': 't', 'secret-repository': 'octo/app/extra' }, "Input 'secret-repository' must be owner/repo"],
    [{ 'secret-name': 'S', 'github-token': 't', 'secret-org': 'a'.repeat(40) }, "Input 'secret-org' must be an organization login"],
    [{ 'secret-name': 'S', 'github-token': 't', 'secret-environment': 'e'.repeat(256) }, "Input 'secret-environment' must be an environment name (at most 255 characters, no control characters)"],
    [{ 'secret-name': 'S', 'github-token': 't', 'stale-token-guard': 'yes' }, "Input 'stale-token-guard' must be 'true' or 'false'; got 'yes'."],
    [{ 'secret-name': 'S', 'github-token': 't', 'github-api-url': 'http://ghe.example.com/api/v3' }, "Input 'github-api-url' must use https (plain http only for localhost, 127.0.0.0/8 and [::1]); got 'http://ghe.example.com'."]
  ])('rejects %o', (inputs, message) => {
    setInputs({ ...minimalInputs, ...inputs })
    expect(actionError(() => getInputs(), 'input').message).toContain(message)
  })

  it('do not share a token that revoke will kill; a public client shares too (the key comes from the refresh token)', () => {
    setInputs({ ...minimalInputs, 'secret-name': 'S', 'github-token': 't', revoke: 'true' })
    expect(getInputs().secret).toMatchObject({ shareToken: false, lock: true, staleTokenGuard: true })
    setInputs({ ...minimalInputs, 'secret-name': 'S', 'github-token': 't', 'client-secret': '', 'auth-method': 'none' })
    expect(getInputs().secret).toMatchObject({ shareToken: true, lock: true, staleTokenGuard: true })
  })

  it('turn each safety switch off on request', () => {
    setInputs({ ...minimalInputs, 'secret-name': 'S', 'github-token': 't', 'stale-token-guard': 'false', lock: 'FALSE', 'share-token': 'false', 'lock-timeout-seconds': '30', 'min-validity': '0' })
    expect(getInputs().secret).toMatchObject({ staleTokenGuard: false, lock: false, shareToken: false, lockWaitMs: 30_000, minValidityMs: 0 })
  })

  it('needs secret-repository outside Actions', () => {
    vi.stubEnv('GITHUB_REPOSITORY', undefined)
    setInputs({ ...minimalInputs, 'secret-name': 'S', 'github-token': 't' })
    expect(actionError(() => getInputs(), 'input').message).toBe("Input 'secret-repository' is required outside GitHub Actions (GITHUB_REPOSITORY is not set): owner/repo.")
  })
})
