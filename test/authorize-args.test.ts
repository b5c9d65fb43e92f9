/**
 * The command line of `authorize`, table-driven: what is accepted, what each mistake says (one
 * line, code 'input', the flag named), and the recovery line the action prints, parsed back by the
 * command's own parser.
 */
import { describe, expect, it } from 'vitest'
import { authorizeAgain, authorizeCommand, shellWord } from '../src/action/authorize-command.js'
import type { Settings } from '../src/action/inputs.js'
import { parseCommand, type CliSettings } from '../src/cli/args.js'
import { PRESET_IDS } from '../src/cli/presets.js'
import { inFlagTerms } from '../src/cli/words.js'
import { ActionError } from '../src/errors.js'
import { runCli } from './support/cli.js'
import { shellWords } from './support/shell-words.js'

const ISSUER = ['authorize', '--issuer', 'https://id.example.com', '--client-id', 'cli']
const TO_REPO = ['--secret-name', 'RT', '--repo', 'octo/app']
const parse = (argv: string[], env: Record<string, string> = {}): CliSettings => {
  const c = parseCommand(argv, env)
  if (c.kind !== 'authorize') throw new Error('not authorize')
  return c.settings
}
function refused(argv: string[]): ActionError {
  try {
    parseCommand(argv, {})
  } catch (e) {
    if (e instanceof ActionError) return e
    throw e
  }
  throw new Error('accepted')
}

describe('accepted', () => {
  it('--help, with or without the command', () => {
    expect(parseCommand(['--help'], {})).toEqual({ kind: 'help' })
    expect(parseCommand(['authorize', '-h'], {})).toEqual({ kind: 'help' })
  })
  it('an issuer and a repository secret: the browser flow, a free port, OAUTH_CLIENT_SECRET, api.github.com', () => {
    const s = parse([...ISSUER, '--scope', 'openid  offline_access,openid', ...TO_REPO])
    expect(s).toMatchObject({
      preset: undefined,
      issuer: { issuer: 'https://id.example.com' },
      clientId: 'cli',
      scope: 'openid offline_access',
      secretFrom: { kind: 'env', name: 'OAUTH_CLIENT_SECRET', named: false },
      flow: { kind: 'browser', redirect: undefined, port: undefined, open: true, waitMs: 300_000 },
      sink: { kind: 'secret', name: 'RT', target: { kind: 'repository', repository: 'octo/app' } }
    })
    expect(s.sink.kind === 'secret' && s.sink.apiUrl.href).toBe('https://api.github.com/')
  })
  it('GITHUB_API_URL (GHES) unless --github-api-url says otherwise', () => {
    const at = (argv: string[], env: Record<string, string>) => {
      const s = parse(argv, env)
      return s.sink.kind === 'secret' ? s.sink.apiUrl.href : ''
    }
    expect(at([...ISSUER, ...TO_REPO], { GITHUB_API_URL: 'https://ghe.example.com/api/v3' })).toBe('https://ghe.example.com/api/v3')
    expect(at([...ISSUER, ...TO_REPO, '--github-api-url', 'https://other.example.com/api/v3'], { GITHUB_API_URL: 'https://ghe.example.com/api/v3' })).toBe('https://other.example.com/api/v3')
  })
  it('a preset adds its offline scopes; --param, --port, --device, --out, --org, an environment', () => {
    expect(parse(['authorize', '--provider', 'hp-techpulse', '--client-id', 'c', '--print']).scope).toBe('Read')
    expect(parse([...ISSUER, '--param', 'access_type=offline', '--param', 'prompt=consent', '--port', '8080', '--print'])).toMatchObject({ params: { access_type: 'offline', prompt: 'consent' }, flow: { port: 8080 }, sink: { kind: 'stdout' } })
    expect(parse([...ISSUER, '--device', '--out', 'rt.txt']).flow).toEqual({ kind: 'device' })
    expect(parse([...ISSUER, '--secret-name', 'RT', '--org', 'octo']).sink).toMatchObject({ target: { kind: 'organization', org: 'octo' } })
    expect(parse([...ISSUER, ...TO_REPO, '--environment', 'prod']).sink).toMatchObject({ target: { kind: 'environment', repository: 'octo/app', environment: 'prod' } })
    expect(parse([...ISSUER, '--redirect-uri', 'http://localhost:5000/callback', '--print']).flow).toMatchObject({ redirect: { text: 'http://localhost:5000/callback' } })
    expect(parse([...ISSUER, '--client-secret-stdin', '--print']).secretFrom).toEqual({ kind: 'stdin' })
  })
})

describe('refused, each with one line naming the flag (exit status 2)', () => {
  it.each([
    [[], 'No command given: the command is `authorize`.'],
    [['login'], "Unknown command 'login'"],
    [['authorize', '--bogus'], "Unknown option '--bogus'. See --help."],
    [['authorize', '--issuer', 'https://id.example.com', '--print'], '--client-id is required'],
    [['authorize', '--provider', 'nope', '--client-id', 'c', '--print'], `--provider must be one of ${PRESET_IDS.join(', ')}; got 'nope'.`],
    [['authorize', '--provider', 'github', '--issuer', 'https://id.example.com', '--client-id', 'c', '--print'], '--issuer and --provider github were both given: GitHub has a fixed token endpoint.'],
    [['authorize', '--provider', 'okta', '--client-id', 'c', '--print'], '--token-url is required with --provider okta: Okta has no token endpoint common to all its users. Give --issuer (its discovery, e.g. https://{yourOktaDomain}/oauth2/default) or --token-url'],
    [['authorize', '--client-id', 'c', '--print'], '--token-url is required unless --provider'],
    [['authorize', '--token-url', 'http://x.example/token', '--authorization-url', 'https://x.example/a', '--client-id', 'c', '--print'], "--token-url must use https (plain http only for localhost, 127.0.0.0/8 and [::1]); got 'http://x.example'."],
    [[...ISSUER, '--client-secret', 'hunter2', '--print'], '--client-secret is not accepted: a secret on the command line lands in shell history'],
    [[...ISSUER, '--client-secret-env', 'A', '--client-secret-stdin', '--print'], 'were both given: choose one'],
    [[...ISSUER], 'Say where the refresh token goes'],
    [[...ISSUER, '--out', 'f', '--print'], '--out and --print were both given'],
    [[...ISSUER, '--print', '--repo', 'octo/app'], '--repo only means something with --secret-name.'],
    [[...ISSUER, '--secret-name', 'RT'], '--repo or --org is required with --secret-name'],
    [[...ISSUER, '--secret-name', 'GITHUB_X', '--repo', 'octo/app'], '--secret-name must be a GitHub secret name'],
    [[...ISSUER, '--secret-name', 'RT', '--repo', 'octo'], "--repo must be OWNER/REPO; got 'octo'."],
    [[...ISSUER, '--secret-name', 'RT', '--org', 'octo', '--repo', 'octo/app'], '--org names an organization secret'],
    [[...ISSUER, '--port', '0', '--print'], "--port must be a whole number from 1 to 65535; got '0'."],
    [[...ISSUER, '--port', '80', '--redirect-uri', 'http://127.0.0.1:80/cb', '--print'], '--port and --redirect-uri were both given'],
    [[...ISSUER, '--redirect-uri', 'https://app.example.com/callback', '--print'], '--redirect-uri must be a loopback address'],
    [[...ISSUER, '--device', '--port', '8080', '--print'], '--port is for the browser flow'],
    [[...ISSUER, '--param', 'state=x', '--print'], '--param may not set state: the command sets it'],
    [[...ISSUER, '--param', 'novalue', '--print'], "--param must be NAME=VALUE; got 'novalue'."],
    [[...ISSUER, '--auth-method', 'private_key_jwt', '--print'], '--auth-method must be one of client_secret_basic, client_secret_post, none']
  ])('%j', (argv, text) => {
    const e = refused(argv)
    expect(e.code).toBe('input')
    expect(e.message).toContain(text)
    expect(e.message).not.toMatch(/\n/)
  })
})

describe('refused once the endpoints are weighed, before anything is sent (exit status 2)', () => {
  it.each([
    [['--token-url', 'https://x.example/token'], '--authorization-url is required: the command line names no authorization endpoint (or use --device).'],
    [['--token-url', 'https://x.example/token', '--device'], '--device-authorization-url is required for --device: the command line names no device authorization endpoint (RFC 8628)'],
    [['--provider', 'okta', '--token-url', 'https://acme.okta.com/oauth2/default/v1/token'], "--authorization-url is required: the preset okta names no authorization endpoint (Okta's is per tenant, e.g. https://{yourOktaDomain}/oauth2/default/v1/authorize; or give --issuer)"],
    [['--provider', 'pagerduty', '--device'], '--device-authorization-url is required for --device: the preset pagerduty names no device authorization endpoint (RFC 8628)'],
    [['--provider', 'google', '--auth-method', 'client_secret_post'], '--auth-method client_secret_post needs a client secret']
  ])('%j', async (argv, text) => {
    const run = await runCli(['authorize', '--client-id', 'c', '--print', ...argv], { env: {} })
    expect(run.code).toBe(2)
    expect(run.err.at(-1)).toBe(`Error: ${text}${run.err.at(-1)!.slice(`Error: ${text}`.length)}`)
    expect(run.opened).toEqual([])
  })
})

describe('the recovery line the action prints', () => {
  const settings = (over: Partial<Settings>): Settings =>
    ({
      source: { kind: 'issuer', issuer: 'https://id.example.com', url: new URL('https://id.example.com') },
      provider: undefined,
      clientId: 'reports app',
      clientSecret: 's3cret',
      authMethod: undefined,
      scope: "openid offline_access o'brien",
      secret: { name: 'RT', githubToken: 'ghp_x', target: { kind: 'environment', repository: 'octo/app', environment: 'prod' }, apiUrl: new URL('https://api.github.com') },
      ...over
    }) as Settings

  it('names every argument that run used, quoted for a POSIX shell, and never a secret', () => {
    const s = settings({})
    const { line } = authorizeCommand(s)
    expect(line).toBe(`npx oauth-refresh-action authorize --issuer https://id.example.com --client-id 'reports app' --scope 'openid offline_access o'\\''brien' --secret-name RT --repo octo/app --environment prod`)
    expect(authorizeAgain(s)).toBe(`To authorize again, run on your machine: ${line} (with the client secret in OAUTH_CLIENT_SECRET).`)
    expect(authorizeAgain(s)).not.toContain('s3cret')
    expect(authorizeAgain(s)).not.toContain('ghp_x')
  })

  it.each([
    ['an issuer', settings({})],
    ['a preset with a token-url override, on GHES, an org secret', settings({ provider: 'github', source: { kind: 'token-url', url: new URL('https://ghe.example.com/login/oauth/access_token') }, authMethod: 'client_secret_post', secret: { name: 'RT', githubToken: 'x', target: { kind: 'organization', org: 'octo' }, apiUrl: new URL('https://ghe.example.com/api/v3') } as Settings['secret'] })],
    ['a bare token-url (a placeholder for the authorization endpoint)', settings({ source: { kind: 'token-url', url: new URL('https://x.example/token?a=1') }, scope: undefined })],
    ['no secret-name: to a file', settings({ secret: undefined, clientSecret: '' })]
  ])('%s: the command parses it back to the same place', (_, s) => {
    const words = shellWords(authorizeCommand(s).line)
    expect(words.slice(0, 2)).toEqual(['npx', 'oauth-refresh-action'])
    const AUTH_URL = 'https://x.example/authorize'
    const parsed = parse(words.slice(2).map((w) => (w === 'AUTHORIZATION_URL' ? AUTH_URL : w)))
    expect(parsed.clientId).toBe(s.clientId)
    expect(parsed.authMethod).toBe(s.authMethod)
    if (s.provider) expect(parsed.preset?.id).toBe(s.provider)
    if (s.source.kind === 'token-url') expect(parsed.tokenUrl?.href).toBe(s.source.url.href)
    if (s.source.kind === 'issuer') expect(parsed.issuer?.issuer).toBe(s.source.issuer)
    if (s.secret) expect(parsed.sink).toMatchObject({ kind: 'secret', name: s.secret.name, target: s.secret.target, apiUrl: s.secret.apiUrl })
    else expect(parsed.sink).toEqual({ kind: 'file', path: 'refresh-token.txt' })
  })

  it('a preset whose authorization endpoint is per tenant, with a token-url: a placeholder, which the command refuses until filled in', () => {
    const s = settings({ provider: 'okta', source: { kind: 'token-url', url: new URL('https://acme.okta.com/oauth2/default/v1/token') } })
    expect(authorizeCommand(s)).toMatchObject({ placeholder: true, line: expect.stringContaining('--provider okta --token-url https://acme.okta.com/oauth2/default/v1/token --authorization-url AUTHORIZATION_URL') })
    expect(authorizeCommand(settings({ provider: 'okta' })).placeholder).toBe(false)
  })

  it('says what to fill in', () => {
    expect(authorizeAgain(settings({ source: { kind: 'token-url', url: new URL('https://x.example/token') } }))).toContain("AUTHORIZATION_URL replaced by the provider's authorization endpoint")
    expect(authorizeAgain(settings({ scope: undefined }))).toMatch(/ \(with the client secret in OAUTH_CLIENT_SECRET, and --scope and the scopes the app needs added\)\.$/)
    expect(authorizeAgain(settings({ secret: undefined, clientSecret: '' }))).toMatch(/--out refresh-token\.txt\. Then store the file's content where 'refresh-token' reads it, and delete the file\.$/)
  })

  it.each([
    ['plain', 'plain'],
    ['https://x.example/a?b=c&d', `'https://x.example/a?b=c&d'`],
    ["it's", `'it'\\''s'`],
    ['$(rm -rf /)', `'$(rm -rf /)'`]
  ])('shellWord(%j)', (word, quoted) => {
    expect(shellWord(word)).toBe(quoted)
    expect(shellWords(quoted)).toEqual([word])
  })
})

describe('inFlagTerms: the action\'s advice in the command\'s flags', () => {
  it.each([
    ["Check 'token-url', or set 'issuer'.", 'Check --token-url, or set --issuer.'],
    ["try 'auth-method: client_secret_post', or 'basic-auth-encoding: raw' for a server that does not decode Basic credentials.", 'try --auth-method client_secret_post.'],
    ["Give 'github-token' the permission", 'Give the GitHub token (GH_TOKEN, GITHUB_TOKEN or gh auth token) the permission'],
    ["or fix 'secret-environment'", 'or fix --environment']
  ])('%s', (said, meant) => expect(inFlagTerms(said)).toBe(meant))
})
