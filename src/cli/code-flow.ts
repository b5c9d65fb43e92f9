import { randomBytes } from 'node:crypto'
import type { Fields } from '../http.js'
import { authorizationUrl, pkcePair, probeAuthorization, readCallback } from '../oauth/authorization.js'
import { requestGrant, withBasicFallback } from '../oauth/grants.js'
import { buildAuthorizationCodeRequest, type ClientAuth } from '../oauth/token-request.js'
import type { Flow } from './args.js'
import type { CliDeps } from './deps.js'
import { LIMITS, type AuthorizeEndpoints } from './endpoints.js'
import { listenLoopback } from './loopback.js'

/**
 * The authorization code grant with PKCE (RFC 6749 §4.1, RFC 7636) and a loopback redirect
 * (RFC 8252 §7.3): listen, send the user to the authorization endpoint, take the one answer that
 * carries this request's `state`, and exchange the code once. Returns the token response's fields.
 */
export async function codeFlow(ep: AuthorizeEndpoints & { readonly authorizationUrl: URL }, client: ClientAuth, scope: string | undefined, extra: Readonly<Record<string, string>>, flow: Flow & { readonly kind: 'browser' }, d: CliDeps): Promise<Fields> {
  // RFC 7636 §4.1 for the verifier; RFC 6749 §10.12 for the state: unguessable, bound to this run.
  const pkce = ep.pkce === 'unsupported' ? undefined : pkcePair()
  const state = randomBytes(16).toString('base64url')
  const loopback = await listenLoopback(flow.redirect, flow.port)
  try {
    const url = authorizationUrl({ endpoint: ep.authorizationUrl, clientId: client.clientId, redirectUri: loopback.redirectUri, scope, state, codeChallenge: pkce?.challenge, params: { ...ep.params, ...extra } })
    await probeAuthorization(url, loopback.redirectUri, { state, issuer: ep.issuer }, LIMITS.timeoutMs, d)
    d.err(`Open this address in a browser to authorize (waiting up to ${flow.waitMs / 1000} s; Ctrl-C stops):`)
    d.err(`  ${url.href}`)
    const opened = flow.open && d.openBrowser(url.href)
    if (flow.open && !opened) d.err(`No browser could be opened here. Open the address on a machine whose browser reaches ${loopback.redirectUri} (over SSH: ssh -L with that port), or use --device.`)
    const code = readCallback(await loopback.wait(flow.waitMs, d.signal), { state, issuer: ep.issuer, host: ep.authorizationUrl.host })
    d.err(`Authorization received; exchanging the code at ${ep.tokenUrl.host}.`)
    const { value } = await withBasicFallback(client, (c) => requestGrant(buildAuthorizationCodeRequest(ep.tokenUrl, c, code, loopback.redirectUri, pkce?.verifier, ep.shape), 'authorization_code', LIMITS, d, ep.provider))
    // requestGrant answers pending only to device polls.
    return value as Fields
  } finally {
    await loopback.close()
  }
}
