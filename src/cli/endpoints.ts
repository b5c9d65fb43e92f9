import { ActionError } from '../errors.js'
import type { Authorize } from '../oauth/authorization.js'
import { chooseAuthMethod, discover } from '../oauth/discovery.js'
import type { AuthMethod } from '../oauth/token-request.js'
import type { CliSettings } from './args.js'
import { flagError } from './flags.js'
import type { CliDeps } from './deps.js'

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
  readonly expiryNote: string | undefined
  /** Said once, as warnings. */
  readonly warnings: readonly string[]
}

export const LIMITS = { maxAttempts: 3, timeoutMs: 30_000 } as const

/**
 * The action's order: explicit URLs win, then the preset, then the server's metadata, then RFC
 * defaults (oauth/endpoints.ts). A client without a secret is public and authenticates with `none`
 * (RFC 6749 §2.1). Discovery is the only network call, made only with --issuer.
 */
export async function resolveEndpoints(s: CliSettings, hasSecret: boolean, d: CliDeps): Promise<AuthorizeEndpoints> {
  const publicClient = hasSecret ? undefined : 'none'
  const warnings: string[] = []
  let found: Omit<AuthorizeEndpoints, 'warnings' | 'authMethod'> & { readonly authMethod: AuthMethod | undefined }
  if (s.source.kind === 'issuer') {
    const meta = await discover(s.source.issuer, s.source.url, LIMITS, d)
    const chosen = s.authMethod ?? publicClient ?? chooseAuthMethod(meta.authMethods, meta.tokenEndpoint)
    if (typeof chosen !== 'string') warnings.push(chosen.warning)
    found = {
      authorizationUrl: s.authorizationUrl ?? meta.authorizationEndpoint,
      tokenUrl: s.tokenUrl ?? meta.tokenEndpoint,
      deviceUrl: s.deviceUrl ?? meta.deviceAuthorizationEndpoint,
      authMethod: typeof chosen === 'string' ? chosen : chosen.method,
      issuer: s.source.issuer,
      params: {},
      pkce: 'unknown',
      note: undefined,
      expiryNote: undefined
    }
  } else {
    const p = s.source.kind === 'provider' ? s.source.preset : undefined
    found = {
      authorizationUrl: s.authorizationUrl ?? (p ? new URL(p.authorize.url) : undefined),
      tokenUrl: s.tokenUrl ?? p!.tokenUrl,
      deviceUrl: s.deviceUrl ?? (p?.authorize.deviceUrl ? new URL(p.authorize.deviceUrl) : undefined),
      authMethod: s.authMethod ?? publicClient ?? p?.authMethod,
      issuer: undefined,
      params: p?.authorize.params ?? {},
      pkce: p?.authorize.pkce ?? 'unknown',
      note: p?.authorize.note,
      expiryNote: p?.expiryNote
    }
  }
  const from = s.source.kind === 'issuer' ? `the metadata of ${s.source.issuer}` : s.source.kind === 'provider' ? `the preset ${s.source.preset.id}` : 'the flags'
  if (s.flow.kind === 'browser' && !found.authorizationUrl) throw flagError('authorization-url', `is required: ${from} names no authorization endpoint (or use --device).`)
  if (s.flow.kind === 'device' && !found.deviceUrl) {
    throw flagError('device-authorization-url', `is required for --device: ${from} names no device authorization endpoint (RFC 8628), so the provider may not support the device flow; leave out --device to authorize in a browser.`)
  }
  if (found.authMethod !== 'none' && !hasSecret && s.authMethod) throw new ActionError('input', `--auth-method ${s.authMethod} needs a client secret: put it in OAUTH_CLIENT_SECRET, or pass --client-secret-env or --client-secret-stdin.`)
  if (!hasSecret && found.pkce === 'unsupported') warnings.push('This provider does not take PKCE, and no client secret was given: nothing binds the code to this command. Prefer a confidential client.')
  return { ...found, authMethod: found.authMethod ?? 'client_secret_basic', warnings }
}
