import { ActionError } from '../errors.js'
import type { Authorize } from '../oauth/authorization.js'
import { chooseAuthMethod, discover, type Metadata } from '../oauth/discovery.js'
import type { Provider } from '../oauth/providers/index.js'
import type { AuthMethod, RequestShape } from '../oauth/token-request.js'
import type { CliSettings } from './args.js'
import type { CliDeps } from './deps.js'
import { flagError } from './flags.js'
import { isTemplate } from './presets.js'

/** Where the user consents, where the tokens come from, and how the client authenticates. */
export interface AuthorizeEndpoints {
  readonly authorizationUrl: URL | undefined
  readonly tokenUrl: URL
  readonly deviceUrl: URL | undefined
  readonly authMethod: AuthMethod
  /** Known from discovery: an `iss` in the answer must equal it (RFC 9207). */
  readonly issuer: string | undefined
  /** What the preset adds to the authorization request, and whether it takes PKCE. */
  readonly params: Readonly<Record<string, string>>
  readonly pkce: Authorize['pkce']
  readonly note: string | undefined
  /** The preset's provider: its error shapes, its response reading, its token facts. */
  readonly provider: Provider | undefined
  readonly shape: RequestShape
  /** Said once, as warnings. */
  readonly warnings: readonly string[]
}

export const LIMITS = { maxAttempts: 3, timeoutMs: 30_000 } as const

/**
 * The action's order: explicit URLs win, then the server's metadata (--issuer), then the preset's
 * own (a documented template such as `https://{yourDomain}/authorize` is never used), then RFC
 * defaults. A client without a secret is public and authenticates with `none` (RFC 6749 §2.1).
 * Discovery is the only network call, made only with --issuer.
 */
export async function resolveEndpoints(s: CliSettings, hasSecret: boolean, d: CliDeps): Promise<AuthorizeEndpoints> {
  const p = s.preset
  const meta: Metadata | undefined = s.issuer ? await discover(s.issuer.issuer, s.issuer.url, LIMITS, d) : undefined
  const fixed = (url: string | undefined): URL | undefined => (url && !isTemplate(url) ? new URL(url) : undefined)
  const warnings: string[] = []
  const chosen = s.authMethod ?? (hasSecret ? undefined : 'none') ?? p?.provider.authMethod ?? (meta ? chooseAuthMethod(meta.authMethods, meta.tokenEndpoint) : 'client_secret_basic')
  if (typeof chosen !== 'string') warnings.push(chosen.warning)
  const found = {
    authorizationUrl: s.authorizationUrl ?? meta?.authorizationEndpoint ?? fixed(p?.authorize.url),
    // The flags made sure one of these exists (args.ts).
    tokenUrl: (s.tokenUrl ?? meta?.tokenEndpoint ?? p?.tokenUrl)!,
    deviceUrl: s.deviceUrl ?? meta?.deviceAuthorizationEndpoint ?? fixed(p?.authorize.deviceUrl)
  }
  const from = s.issuer ? `the metadata of ${s.issuer.issuer}` : p ? `the preset ${p.id}` : 'the command line'
  const example = (url: string | undefined) => (isTemplate(url) ? ` (${p!.provider.name}'s is per tenant, e.g. ${url}; or give --issuer)` : '')
  if (s.flow.kind === 'browser' && !found.authorizationUrl) throw flagError('authorization-url', `is required: ${from} names no authorization endpoint${example(p?.authorize.url)} (or use --device).`)
  if (s.flow.kind === 'device' && !found.deviceUrl) {
    throw flagError('device-authorization-url', `is required for --device: ${from} names no device authorization endpoint (RFC 8628)${example(p?.authorize.deviceUrl)}, so the provider may not support the device flow; leave out --device to authorize in a browser.`)
  }
  const authMethod = typeof chosen === 'string' ? chosen : chosen.method
  if (authMethod !== 'none' && !hasSecret) throw new ActionError('input', `--auth-method ${authMethod} needs a client secret: put it in OAUTH_CLIENT_SECRET, or pass --client-secret-env or --client-secret-stdin.`)
  const pkce = p?.authorize.pkce ?? 'unknown'
  if (!hasSecret && pkce === 'unsupported') warnings.push('This provider does not take PKCE, and no client secret was given: nothing binds the code to this command. Prefer a confidential client.')
  return {
    ...found,
    authMethod,
    issuer: s.issuer?.issuer,
    params: p?.authorize.params ?? {},
    pkce,
    note: p?.authorize.note,
    provider: p?.provider,
    shape: p?.shape ?? {},
    warnings
  }
}
