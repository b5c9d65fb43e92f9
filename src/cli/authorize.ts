import { ActionError, foreign } from '../errors.js'
import { validateTokenResponse } from '../oauth/token-response.js'
import type { ClientAuth } from '../oauth/token-request.js'
import type { CliSettings } from './args.js'
import { codeFlow } from './code-flow.js'
import { clientSecret } from './credentials.js'
import type { CliDeps } from './deps.js'
import { deviceFlow } from './device-flow.js'
import { resolveEndpoints, type AuthorizeEndpoints } from './endpoints.js'
import { prepareSink } from './sink.js'

/**
 * `authorize`: a first refresh token from a new consent, into the place --secret-name (or --out,
 * --print) names. In this order, so that a failure leaves nothing half-written:
 *   1. flags, the client secret, the endpoints (discovery);
 *   2. the place the token goes, with every permission proven (sink.ts), before anyone consents;
 *   3. the consent (a browser, or a device code) and the one code exchange, validated as the
 *      action validates a refresh (token-response.ts), a refresh token required;
 *   4. the secret written, then its rotation variables deleted, Ctrl-C held off meanwhile.
 * Until 4, nothing is written but the throw-away probes of 2, deleted at once.
 */
export async function authorize(s: CliSettings, d: CliDeps): Promise<void> {
  const secret = await clientSecret(s.secretFrom, d)
  if (!secret && s.secretFrom.kind === 'env') d.err(`No client secret (${s.secretFrom.name} is not set): the client is public, bound to this command by PKCE.`)
  const ep = await resolveEndpoints(s, secret !== '', d)
  for (const warning of ep.warnings) d.err(`Warning: ${warning}`)
  if (ep.note) d.err(`Note: ${ep.note}`)
  const sink = await prepareSink(s.sink, d)
  let stored = false
  try {
    const client: ClientAuth = { clientId: s.clientId, clientSecret: secret, authMethod: ep.authMethod, basicAuthEncoding: 'form' }
    const fields =
      s.flow.kind === 'device' ?
        await deviceFlow({ ...ep, deviceUrl: ep.deviceUrl! }, client, s.scope, d) :
        await codeFlow({ ...ep, authorizationUrl: ep.authorizationUrl! }, client, s.scope, s.params, s.flow, d)
    const tokens = validateTokenResponse(fields, ep.tokenUrl.host, ep.provider)
    for (const warning of tokens.warnings) d.err(`Warning: ${warning}`)
    if (!tokens.refreshToken) throw noRefreshToken(ep, s)
    const granted = tokens.scope ?? s.scope
    d.err(`The provider issued a refresh token${granted ? ` for the scope '${foreign(granted)}'` : ''}.`)
    const lines = await d.critically(() => sink.store(tokens.refreshToken!))
    stored = true
    for (const line of lines) d.err(line)
  } finally {
    if (!stored) await sink.abandon()
  }
}

/** A response without refresh_token: say what makes this provider issue one. */
function noRefreshToken(ep: AuthorizeEndpoints, s: CliSettings): ActionError {
  const asked = Object.entries({ ...ep.params, ...s.params }).map(([k, v]) => `${k}=${v}`)
  const offline = s.scope?.split(' ').includes('offline_access')
  const hint = offline || asked.length ?
    `The request asked for it (${[offline ? 'scope offline_access' : '', ...asked].filter(Boolean).join(', ')}); the app may not be allowed refresh tokens: enable them for the app at the provider.` :
    "Ask for offline access the provider's way: the scope offline_access (OpenID Connect servers, Okta, Auth0, Microsoft Entra, Keycloak: --scope \"… offline_access\"); " +
      'Google: --param access_type=offline --param prompt=consent; Dropbox: --param token_access_type=offline; GitHub Apps: keep user-token expiration on. Some providers issue refresh tokens only once refresh tokens are enabled for the app.'
  return new ActionError('no_refresh_token', `The provider at ${ep.tokenUrl.host} issued an access token but no refresh token, so there is nothing to store. ${hint} Nothing was stored.`)
}
