/**
 * `npm run demo`: a scheduled rotation in miniature, with no account, network or configuration.
 * Starts a real authorization server (node oidc-provider) on loopback, runs the bundled action three
 * times in a row, each run fed the refresh token the previous run output, then replays a used token.
 */
import { startAuthServer } from './support/oidc-server.ts'
import { runAction, type RunResult } from './support/runner.ts'

const SECRET_OUTPUTS = new Set(['access-token', 'refresh-token'])

/** What the runner would show of a step's stdout: masks applied, workflow commands rendered. */
function workflowLog(stdout: string): string[] {
  const masks: string[] = []
  const shown: string[] = []
  for (const line of stdout.split('\n')) {
    if (line.startsWith('::add-mask::')) masks.push(line.slice('::add-mask::'.length))
    else if (line && !line.startsWith('::debug::')) shown.push(line)
  }
  return shown.map((line) => {
    let text = line.replace(/^::(error|warning|notice)::/, (_, kind: string) => `${kind[0]!.toUpperCase()}${kind.slice(1)}: `)
    for (const mask of masks) text = text.split(mask).join('***')
    return text.replace(/%0A/g, '\n').replace(/%25/g, '%')
  })
}

/** A secret shortened so a person can tell tokens apart without the demo printing one. */
const shorten = (value: string): string => `${value.slice(0, 4)}…(${value.length} chars)`

function show(title: string, run: RunResult): void {
  console.log(`\n── ${title} ── exit code ${run.code}`)
  console.log('  workflow log:')
  for (const line of workflowLog(run.stdout)) console.log(`    ${line}`)
  const outputs = Object.entries(run.outputs)
  if (outputs.length === 0) return
  console.log('  outputs:')
  for (const [name, value] of outputs) console.log(`    ${name.padEnd(22)} ${SECRET_OUTPUTS.has(name) ? shorten(value) : value}`)
}

const server = await startAuthServer()
try {
  console.log(`Authorization server: node oidc-provider at ${server.issuer} (rotating refresh tokens, client_secret_basic)`)
  const first = await server.seedRefreshToken()
  console.log(`Seeded refresh token, as a user's consent would give: ${shorten(first)}`)

  let token = first
  for (let n = 1; n <= 3; n++) {
    const run = await runAction({
      'token-url': server.tokenUrl,
      'client-id': server.clientId,
      'client-secret': server.clientSecret,
      'refresh-token': token,
      'required-scopes': 'openid'
    })
    show(`scheduled run ${n}: refresh-token ${shorten(token)}`, run)
    if (run.code !== 0) throw new Error(`run ${n} failed`)
    const status = await server.userinfoStatus(run.outputs['access-token']!)
    console.log(`  the server's userinfo endpoint answers the new access token with HTTP ${status}`)
    token = run.outputs['refresh-token']!
  }

  const replay = await runAction({ 'token-url': server.tokenUrl, 'client-id': server.clientId, 'client-secret': server.clientSecret, 'refresh-token': first })
  show(`a run that presents the already-rotated first token ${shorten(first)}`, replay)
  if (replay.code === 0) throw new Error('the replayed token was accepted')
  console.log('\nThe server saw a used refresh token and revoked the grant (RFC 9700 §4.14.2): the chain is gone.')
  console.log('In a real workflow, store each run\'s refresh-token output and serialize runs with concurrency:.')
} finally {
  await server.close()
}
