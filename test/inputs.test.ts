import { describe, expect, it, vi } from 'vitest'
import { getInputs } from '../src/action/inputs.js'
import { ActionError } from '../src/errors.js'
import { endpointUrl } from '../src/action/read-input.js'
import { minimalInputs, runnerEnv, setInputs } from './support/inputs.js'
import { actionError } from './support/errors.js'

const printed = runnerEnv()

function thrown(f: () => unknown): unknown {
  try {
    f()
  } catch (e) {
    return e
  }
  return undefined
}

describe('getInputs', () => {
  it('applies the documented defaults', () => {
    setInputs(minimalInputs)
    expect(getInputs()).toEqual({
      source: { kind: 'token-url', url: new URL('https://auth.example.com/token') },
      provider: undefined,
      clientId: 'cid',
      clientSecret: 'csecret',
      refreshToken: 'rt',
      authMethod: undefined,
      basicAuthEncoding: 'auto',
      requestFormat: undefined,
      extraParams: {},
      scope: undefined,
      requiredScopes: [],
      timeoutMs: 30_000,
      maxAttempts: 3,
      exportEnv: undefined,
      verifyUrl: undefined,
      revoke: false,
      revocationUrl: undefined,
      reuseWindowMs: 0,
      spendsOnError: false,
      refreshTokenWarnDays: 14,
      secret: undefined
    })
  })

  it.each([
    [{ 'token-url': '', issuer: 'https://id.example.com/t1' }, { kind: 'issuer', issuer: 'https://id.example.com/t1', url: new URL('https://id.example.com/t1') }, undefined],
    [{ 'token-url': '', provider: 'pagerduty' }, { kind: 'provider' }, 'pagerduty'],
    [{ provider: 'github' }, { kind: 'token-url', url: new URL('https://auth.example.com/token') }, 'github'],
    [{ issuer: 'https://id.example.com' }, { kind: 'token-url', url: new URL('https://auth.example.com/token') }, undefined]
  ])('the token endpoint source of %j', (override, source, provider) => {
    setInputs({ ...minimalInputs, ...override })
    expect(getInputs()).toMatchObject({ source, provider })
  })

  it('reads verify-url, revoke and revocation-url', () => {
    setInputs({ ...minimalInputs, 'verify-url': 'https://api.example.com/me', revoke: 'True', 'revocation-url': 'https://auth.example.com/revoke' })
    vi.stubEnv('GITHUB_STATE', '/dev/null')
    expect(getInputs()).toMatchObject({ verifyUrl: new URL('https://api.example.com/me'), revoke: true, revocationUrl: new URL('https://auth.example.com/revoke') })
  })

  it('reads every optional input', () => {
    setInputs({ ...minimalInputs, 'auth-method': 'client_secret_post', 'basic-auth-encoding': 'raw', scope: ' read   write ', 'required-scopes': 'read, write', 'timeout-seconds': '2.5', 'max-attempts': '1', 'export-env': 'API_TOKEN' })
    expect(getInputs()).toMatchObject({ authMethod: 'client_secret_post', basicAuthEncoding: 'raw', scope: 'read write', requiredScopes: ['read', 'write'], timeoutMs: 2500, maxAttempts: 1, exportEnv: 'API_TOKEN' })
  })

  it('allows a public client without a secret', () => {
    setInputs({ ...minimalInputs, 'client-secret': '', 'auth-method': 'none' })
    expect(getInputs().clientSecret).toBe('')
    // Without auth-method too: the endpoints then choose none (test/endpoints.test.ts).
    setInputs({ ...minimalInputs, 'client-secret': '' })
    expect(getInputs()).toMatchObject({ clientSecret: '', authMethod: undefined })
  })

  it('reads request-format and extra-params, keeping order, = in values and skipping blank lines', () => {
    setInputs({ ...minimalInputs, 'request-format': 'json', 'extra-params': 'redirect_uri=https://example.com/cb?a=b\n\n  audience = https://api.example.com  \n' })
    expect(getInputs()).toMatchObject({ requestFormat: 'json', extraParams: { redirect_uri: 'https://example.com/cb?a=b', audience: 'https://api.example.com' } })
    expect(printed.join('')).toBe('::add-mask::csecret\n::add-mask::rt\n')
  })

  it('masks extra-params values that look secret, in each form a request carries them, and never short ones', () => {
    setInputs({ ...minimalInputs, 'extra-params': 'client_key=k3y with space\nresource=https://graph.example.com\nnonce=AbCdEf0123456789xyzW\ncode=123' })
    expect(getInputs().extraParams).toEqual({ client_key: 'k3y with space', resource: 'https://graph.example.com', nonce: 'AbCdEf0123456789xyzW', code: '123' })
    expect(printed.join('')).toBe('::add-mask::csecret\n::add-mask::rt\n::add-mask::k3y with space\n::add-mask::k3y+with+space\n::add-mask::AbCdEf0123456789xyzW\n')
  })

  it('a value that fails validation is masked before the error, and the error does not show it', () => {
    setInputs({ ...minimalInputs, 'extra-params': 'password=hunter2-long\npassword=again-and-again' })
    const e = thrown(() => getInputs())
    expect(e).toBeInstanceOf(ActionError)
    expect((e as ActionError).code).toBe('input')
    expect((e as ActionError).message).not.toContain('again')
    expect(printed.join('')).toContain('::add-mask::again-and-again\n')
  })

  it('masks the secret inputs before validation can fail', () => {
    setInputs({ ...minimalInputs, 'token-url': 'ftp://x' })
    expect(() => getInputs()).toThrow()
    expect(printed.join('')).toBe('::add-mask::csecret\n::add-mask::rt\n')
  })

  it.each([
    [{ 'token-url': '' }, "Input 'token-url' is required unless 'issuer' or 'provider' says where the token endpoint is; none of the three was set."],
    [{ 'token-url': '', issuer: 'https://a.example.com', provider: 'github' }, "Input 'issuer' and provider 'github' were both set: GitHub has a fixed token endpoint. To use another host (a region, sandbox or your own server), set 'token-url' instead; the preset's behaviour stays."],
    [{ provider: 'Okta' }, "Input 'provider' must be one of hp-techpulse, hp-techpulse-eu, pagerduty, github, microsoft-entra, google, salesforce, okta, auth0, keycloak, xero, quickbooks, slack, notion; got 'Okta'."],
    [{ 'token-url': '', issuer: 'http://id.example.com' }, "Input 'issuer' must use https"],
    [{ 'verify-url': 'http://api.example.com/me' }, "Input 'verify-url' must use https"],
    [{ 'revocation-url': 'nope' }, "Input 'revocation-url' must be an absolute https URL; got 'nope'."],
    [{ revoke: 'yes' }, "Input 'revoke' must be 'true' or 'false'; got 'yes'."],
    [{ 'token-url': 'not a url' }, "Input 'token-url' must be an absolute https URL; got 'not a url'."],
    [{ 'token-url': 'http://auth.example.com/token' }, "Input 'token-url' must use https (plain http only for localhost, 127.0.0.0/8 and [::1]); got 'http://auth.example.com'."],
    [{ 'token-url': 'https://u:p@auth.example.com/token' }, "Input 'token-url' must not carry credentials in the URL; use client-id and client-secret."],
    [{ 'client-id': '' }, "Input 'client-id' is required and was empty."],
    [{ 'refresh-token': '' }, "Input 'refresh-token' is required and was empty. If it comes from a secret"],
    [{ 'client-secret': '', 'auth-method': 'client_secret_basic' }, "Input 'client-secret' is required with auth-method 'client_secret_basic' and was empty. If it comes from a secret, check the secret name; for a public client leave out 'auth-method' (or set it to none)."],
    [{ 'auth-method': 'private_key_jwt' }, "Input 'auth-method' must be one of client_secret_basic, client_secret_post, none; got 'private_key_jwt'."],
    [{ 'basic-auth-encoding': 'base64' }, "Input 'basic-auth-encoding' must be 'auto' (the default: form, then raw after invalid_client), 'form' (RFC 6749 §2.3.1) or 'raw'; got 'base64'."],
    [{ 'timeout-seconds': '0' }, "Input 'timeout-seconds' must be a number from 1 to 600; got '0'."],
    [{ 'timeout-seconds': 'ten' }, "Input 'timeout-seconds' must be a number from 1 to 600; got 'ten'."],
    [{ 'max-attempts': '2.5' }, "Input 'max-attempts' must be a whole number from 1 to 10; got '2.5'."],
    [{ 'max-attempts': '11' }, "Input 'max-attempts' must be a whole number from 1 to 10; got '11'."],
    [{ 'export-env': 'MY-TOKEN' }, "Input 'export-env' must be an environment variable name"],
    [{ 'request-format': 'xml' }, "Input 'request-format' must be 'form' (RFC 6749 §6, the default) or 'json'; got 'xml'."],
    [{ 'extra-params': 'audience' }, "Input 'extra-params' entry 1 is not name=value with a name of letters, digits, _ . : or -."],
    [{ 'extra-params': 'a=1\n=2' }, "Input 'extra-params' entry 2 is not name=value"],
    [{ 'extra-params': 'bad name=1' }, "Input 'extra-params' entry 1 is not name=value"],
    [{ 'extra-params': 'refresh_token=x' }, "Input 'extra-params' entry 1 sets 'refresh_token', which the action sets itself."],
    [{ 'extra-params': 'scope=a b' }, "Input 'extra-params' entry 1 sets 'scope', which the action sets itself (use the 'scope' input)."],
    [{ 'extra-params': 'a=1\na=2' }, "Input 'extra-params' entry 2 repeats 'a'."]
  ])('rejects %j', (override, message) => {
    setInputs({ ...minimalInputs, ...override })
    // The class and the stable code, not only the text (toThrow('text') also passes on a thrown undefined).
    const e = thrown(() => getInputs())
    expect(e).toBeInstanceOf(ActionError)
    expect((e as ActionError).code).toBe('input')
    expect((e as ActionError).message).toContain(message)
  })
})

describe('export-env refuses names the runner, Node or the shells give meaning to', () => {
  it.each(['PATH', 'path', 'HOME', 'BASH_ENV', 'ENV', 'SHELLOPTS', 'IFS', 'LD_PRELOAD', 'DYLD_INSERT_LIBRARIES', 'NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS', 'GITHUB_ENV', 'GITHUB_TOKEN', 'RUNNER_TEMP', 'ACTIONS_RUNTIME_TOKEN', 'INPUT_X', 'HTTPS_PROXY', 'NO_PROXY', 'GIT_SSH_COMMAND', 'PYTHONPATH', 'JAVA_TOOL_OPTIONS', 'PERL5OPT', 'GLIBC_TUNABLES'])('%s', (name) => {
    setInputs({ ...minimalInputs, 'export-env': name })
    expect(actionError(() => getInputs(), 'input').message).toContain(`Input 'export-env' may not be '${name}': the runner, Node or the shells give that name meaning`)
  })
  it.each(['API_TOKEN', 'MY_PATH', 'PATHS', 'HOMEPAGE_TOKEN', 'token'])('accepts %s', (name) => {
    vi.stubEnv('GITHUB_ENV', '/dev/null')
    setInputs({ ...minimalInputs, 'export-env': name })
    expect(getInputs().exportEnv).toBe(name)
  })
})

describe('endpointUrl', () => {
  it.each(['http://localhost:8080/t', 'http://127.0.0.1/t', 'http://127.1.2.3:9/t', 'http://[::1]:3000/t', 'https://auth.example.com/t'])('accepts %s', (url) => {
    expect(endpointUrl('token-url', url).href).toBe(new URL(url).href)
  })
  it.each(['http://localhost.evil.com/t', 'http://128.0.0.1/t', 'http://10.0.0.1/t', 'https://a.example.com/t#frag'])('rejects %s', (url) => {
    expect(actionError(() => endpointUrl('token-url', url), 'input').message).toMatch(/^Input 'token-url' must/)
  })
})
