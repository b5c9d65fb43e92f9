/**
 * `npm run demo`: many jobs on one rotating refresh token, in miniature, with no account, network or
 * configuration. A real authorization server (node oidc-provider, rotating refresh tokens with reuse
 * detection) and a stand-in for GitHub's secrets and variables API run on loopback; the bundled
 * action runs the way a runner runs it, reading the secret's current value each time.
 */
import { GitHubApi } from './support/github-api.ts'
import { startAuthServer } from './support/oidc-server.ts'
import { shorten, workflowLog } from './support/demo-log.ts'
import { runAction, type RunResult } from './support/runner.ts'

const SECRET_OUTPUTS = new Set(['access-token', 'refresh-token'])
const PAT = 'github_pat_demo_0123456789abcdefghij'
const KEY = 'repo:octo/reports:REPORTS_REFRESH_TOKEN'

function show(title: string, run: RunResult): void {
  console.log(`\n── ${title} ── exit code ${run.code}`)
  console.log('  workflow log:')
  for (const line of workflowLog(run.stdout)) console.log(`    ${line}`)
  const outputs = Object.entries(run.outputs)
  if (outputs.length === 0) return
  console.log('  outputs:')
  for (const [name, value] of outputs) console.log(`    ${name.padEnd(22)} ${SECRET_OUTPUTS.has(name) ? shorten(value) : value}`)
}

const [server, github] = await Promise.all([startAuthServer(), GitHubApi.start()])
try {
  console.log(`Authorization server: node oidc-provider at ${server.issuer} (rotating refresh tokens, reuse revokes the grant)`)
  console.log(`GitHub API stand-in:  ${github.url} (secrets sealed and write-only, variables, 409 on a taken name)`)
  const first = await server.seedRefreshToken()
  github.token(PAT, 'secrets', 'variables').repo('octo/reports').seed(KEY, first)
  console.log(`The secret REPORTS_REFRESH_TOKEN holds a refresh token, as a user's consent gave it: ${shorten(first)}`)

  /** A job of the workflow: what `${{ secrets.REPORTS_REFRESH_TOKEN }}` gives it is the secret's value now. */
  const job = (refreshToken: string, over: Record<string, string> = {}) =>
    runAction(
      {
        'token-url': server.tokenUrl,
        'client-id': server.clientId,
        'client-secret': server.clientSecret,
        'refresh-token': refreshToken,
        'required-scopes': 'openid',
        'secret-name': 'REPORTS_REFRESH_TOKEN',
        'github-token': PAT,
        ...over
      },
      { env: { GITHUB_REPOSITORY: 'octo/reports', GITHUB_API_URL: github.url } }
    )

  console.log('\n═══ Three jobs start at the same moment (a cron run, a manual dispatch, a matrix leg), all holding the same token')
  const runs = await Promise.all([job(first), job(first), job(first)])
  runs.forEach((run, i) => show(`job ${i + 1}`, run))
  if (runs.some((run) => run.code !== 0)) throw new Error('a simultaneous run failed')
  console.log(`\n  The authorization server saw ${server.refreshRequests()} refresh: one job held the lock and refreshed; the others waited, then took the access token it shared.`)
  for (const [i, run] of runs.entries()) console.log(`  job ${i + 1}: token-source ${run.outputs['token-source']}; userinfo answers its access token with HTTP ${await server.userinfoStatus(run.outputs['access-token']!)}`)
  // A claim's name carries a 64-bit fingerprint of the spent token: shown cut short, like the tokens.
  const variables = [...github.variables.keys()].map((k) => k.split(':').pop()!.replace(/_CLAIM_([0-9A-F]{4})[0-9A-F]{12}$/, '_CLAIM_$1… (the claim on the spent token)'))
  console.log(`  The secret now holds the rotated refresh token ${shorten(github.secrets.get(KEY)!.value)}; next to it: ${variables.join(', ')} (no lock left behind).`)

  console.log('\n═══ A re-run of an old job starts with the first token, which the refresh above already spent')
  const stale = await job(first)
  show('the re-run', stale)
  if (stale.code !== 0) throw new Error('the stale run failed')
  console.log(`\n  It never presented the spent token (the server still saw ${server.refreshRequests()} refresh), so reuse detection did not fire: it took the shared access token.`)

  console.log('\n═══ The next scheduled run, when the shared token is too close to expiry (min-validity), refreshes with what the secret holds')
  const next = await job(github.secrets.get(KEY)!.value, { 'min-validity': '86400' })
  show('the next scheduled run', next)
  if (next.code !== 0) throw new Error('the next run failed')
  console.log(`\n  ${server.refreshRequests()} refreshes in all; the chain is alive.`)

  console.log('\n═══ What the lock and the guard prevent: the spent first token presented directly, without secret-name')
  const replay = await runAction({ 'token-url': server.tokenUrl, 'client-id': server.clientId, 'client-secret': server.clientSecret, 'refresh-token': first })
  show('a run without write-back, replaying the first token', replay)
  if (replay.code === 0) throw new Error('the replayed token was accepted')
  const after = await job(github.secrets.get(KEY)!.value, { 'min-validity': '86400' })
  console.log(`\n  The server saw a used refresh token and revoked the whole grant (RFC 9700 §4.14.2): the next run, with the newest token, now exits ${after.code}.`)
} finally {
  await Promise.all([server.close(), github.close()])
}
