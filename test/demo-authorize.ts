/**
 * `npm run demo:authorize`: the whole life of a refresh token, with no account, network or browser.
 * `npx oauth-refresh-action authorize` (the bundled command) gets the first one from a consent and
 * stores it; three scheduled runs of the bundled action rotate it; a copy presented elsewhere gets
 * the grant revoked; the next run fails and prints the command that recovers; that command, run as
 * printed, starts a new chain; the next run works. A real authorization server (node oidc-provider,
 * rotating refresh tokens, reuse revokes the grant) and a stand-in for GitHub's API run on
 * loopback; a small HTTP client plays the user's browser.
 */
import { CONFIDENTIAL, startAuthorizeServer } from './support/authorize-server.ts'
import { spawnCli } from './support/cli-process.ts'
import { shorten, workflowLog } from './support/demo-log.ts'
import { GitHubApi } from './support/github-api.ts'
import { annotations, runAction, type RunResult } from './support/runner.ts'
import { shellWords } from './support/shell-words.ts'

const PAT = 'github_pat_demo_0123456789abcdefghij'
const NAME = 'REPORTS_REFRESH_TOKEN'
const KEY = `repo:octo/reports:${NAME}`

const [auth, github] = await Promise.all([startAuthorizeServer(), GitHubApi.start()])
const ENV = { OAUTH_CLIENT_SECRET: auth.clientSecret, GH_TOKEN: PAT }

/** Runs the command as a person at a terminal would, the demo's browser clicking through the consent. */
async function authorizeCommand(args: string[]): Promise<number | null> {
  console.log(`  $ npx oauth-refresh-action ${args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a}'`)).join(' ')}`)
  console.log('    (OAUTH_CLIENT_SECRET and GH_TOKEN are set; --no-browser here, as the demo clicks through the consent itself)')
  const cli = spawnCli([...args, '--no-browser'], ENV)
  const address = (await cli.line(/^ {2}http:\/\/127\.0\.0\.1:\d+\/auth\?/)).trim()
  const landed = await auth.browse(address)
  const { code, stderr } = await cli.done
  for (const line of stderr.trimEnd().split('\n')) console.log(`    ${line.length > 150 ? `${line.slice(0, 150)}…` : line}`)
  console.log(`  [the browser: logged in, consented, came back to ${landed.origin}${landed.pathname}]`)
  console.log(`  exit code ${code}; the secret holds ${github.secrets.has(KEY) ? shorten(github.secrets.get(KEY)!.value) : 'nothing'}; variables next to it: ${[...github.variables.keys()].map((k) => k.split(':').pop()).join(', ') || 'none'}`)
  return code
}

/** A scheduled run of the workflow: `${{ secrets.REPORTS_REFRESH_TOKEN }}` is what the secret holds now. */
async function scheduledRun(title: string): Promise<RunResult> {
  const before = github.secrets.get(KEY)!.value
  const run = await runAction(
    { issuer: auth.issuer, 'client-id': CONFIDENTIAL, 'client-secret': auth.clientSecret, 'refresh-token': before, scope: 'openid offline_access', 'secret-name': NAME, 'github-token': PAT, 'min-validity': '86400' },
    { env: { GITHUB_REPOSITORY: 'octo/reports', GITHUB_API_URL: github.url } }
  )
  console.log(`\n── ${title} ── exit code ${run.code}`)
  for (const line of workflowLog(run.stdout)) console.log(`    ${line}`)
  if (run.code === 0) console.log(`  refresh-token-rotated ${run.outputs['refresh-token-rotated']}: ${shorten(before)} → ${shorten(github.secrets.get(KEY)!.value)}; userinfo answers the access token with HTTP ${await auth.userinfoStatus(run.outputs['access-token']!)}`)
  return run
}

try {
  console.log(`Authorization server: node oidc-provider at ${auth.issuer} (PKCE required, rotating refresh tokens, reuse revokes the grant)`)
  console.log(`GitHub API stand-in:  ${github.url} (secrets sealed and write-only, variables)`)
  github.token(PAT, 'secrets', 'variables').repo('octo/reports')

  console.log('\n═══ 1. The first refresh token: authorize, and store it in the secret')
  const first = await authorizeCommand(['authorize', '--issuer', auth.issuer, '--client-id', CONFIDENTIAL, '--scope', 'openid offline_access', '--secret-name', NAME, '--repo', 'octo/reports', '--github-api-url', github.url])
  if (first !== 0) throw new Error('authorize failed')
  const original = github.secrets.get(KEY)!.value

  console.log('\n═══ 2. Three scheduled runs, each rotating the refresh token and storing the new one')
  for (const n of [1, 2, 3]) if ((await scheduledRun(`scheduled run ${n}`)).code !== 0) throw new Error(`scheduled run ${n} failed`)

  console.log('\n═══ 3. The chain is lost: a copy of the first refresh token, kept in a .env file, is presented elsewhere')
  const replay = await runAction({ issuer: auth.issuer, 'client-id': CONFIDENTIAL, 'client-secret': auth.clientSecret, 'refresh-token': original })
  console.log(`  exit code ${replay.code}: the server saw a spent refresh token and revoked the whole grant (RFC 9700 §4.14.2), the newest token included.`)
  const lost = await scheduledRun('the next scheduled run')
  if (lost.code === 0) throw new Error('the lost chain still worked')
  const printed = /To authorize again, run on your machine: (npx oauth-refresh-action authorize .*?)(?: \(with [^)]*\))?\.$/.exec(annotations(lost.stdout)[0] ?? '')?.[1]
  if (!printed) throw new Error('the error did not say how to authorize again')

  console.log('\n═══ 4. Recovery: the command the error printed, copied and pasted')
  const words = shellWords(printed)
  if ((await authorizeCommand(words.slice(2))) !== 0) throw new Error('recovery failed')

  console.log('\n═══ 5. The next scheduled run starts the new chain')
  if ((await scheduledRun('scheduled run after recovery')).code !== 0) throw new Error('the run after recovery failed')
  console.log('\n  The chain is alive again: one consent, no token pasted anywhere, none printed.')
} finally {
  await Promise.all([auth.close(), github.close()])
}
