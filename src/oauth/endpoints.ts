import { inputError } from '../errors.js'
import type { NetDeps } from '../retry.js'
import { chooseAuthMethod, discover } from './discovery.js'
import { PROVIDERS, type Provider, type ProviderName } from './providers/index.js'
import type { Limits } from './refresh.js'
import type { AuthMethod, RequestFormat, RequestShape } from './token-request.js'

/**
 * Where the token endpoint comes from: `token-url` wins over both others; else `issuer` (RFC 8414
 * discovery), which a preset without a fixed endpoint accepts too; else the preset's own.
 */
export type EndpointSource =
  | { readonly kind: 'token-url'; readonly url: URL }
  | { readonly kind: 'issuer'; readonly issuer: string; readonly url: URL }
  | { readonly kind: 'provider' }

/** What the inputs say about endpoints; undefined leaves the choice to the preset or the metadata. */
export interface EndpointChoice extends Limits {
  readonly source: EndpointSource
  readonly provider: ProviderName | undefined
  readonly authMethod: AuthMethod | undefined
  readonly revocationUrl: URL | undefined
  /** Empty for a public client, which then authenticates with `none` unless told otherwise. */
  readonly clientSecret: string
  /** `request-format`; undefined leaves it to the preset, else form (RFC 6749 §6). */
  readonly requestFormat?: RequestFormat
  /** `extra-params`, added to the refresh request after the preset's. */
  readonly extraParams?: Readonly<Record<string, string>>
}

/** Where to refresh and revoke, and how to authenticate, once inputs, preset and metadata are weighed. */
export interface Endpoints {
  readonly tokenUrl: URL
  readonly authMethod: AuthMethod
  readonly revocationUrl: URL | undefined
  /** The provider's description: behaviour that stays whichever input named the URL (rotation, reuse, errors). */
  readonly preset: Provider | undefined
  /** Body format, headers and extra parameters of the refresh request. */
  readonly shape: RequestShape
  /** For messages: which input decided the token endpoint. */
  readonly source: 'token-url' | 'issuer' | 'provider'
  /** Said once, as warnings: a choice made against what the server's metadata lists. */
  readonly warnings: readonly string[]
}

/**
 * Explicit inputs win, then the preset, then the server's metadata, then RFC defaults. Discovery is
 * the only network call here, made only when `issuer` is the source.
 */
export async function resolveEndpoints(s: EndpointChoice, deps: NetDeps): Promise<Endpoints> {
  const preset: Provider | undefined = s.provider ? PROVIDERS[s.provider] : undefined
  const src = s.source
  const shape: RequestShape = { format: s.requestFormat ?? preset?.format ?? 'form', headers: preset?.headers ?? {}, params: { ...s.extraParams } }
  // RFC 6749 §2.1: a client without a secret is public and only identifies itself (RFC 6749 §3.2.1).
  const publicClient = s.clientSecret === '' ? 'none' : undefined
  if (src.kind === 'issuer') {
    const meta = await discover(src.issuer, src.url, s, deps)
    const chosen = s.authMethod ?? publicClient ?? preset?.authMethod ?? chooseAuthMethod(meta.authMethods, meta.tokenEndpoint)
    const [authMethod, warnings] = typeof chosen === 'string' ? [chosen, []] : [chosen.method, [chosen.warning]]
    return { tokenUrl: meta.tokenEndpoint, authMethod, revocationUrl: s.revocationUrl ?? meta.revocationEndpoint, preset, shape, source: 'issuer', warnings }
  }
  const fixed = preset?.tokenUrl
  // getInputs refuses this first (providers/index.ts presetInputError); said again for other callers.
  if (src.kind !== 'token-url' && !fixed) throw inputError('token-url', `is required: provider '${s.provider}' has no fixed token endpoint.`)
  const tokenUrl = src.kind === 'token-url' ? src.url : new URL(fixed!)
  // Relative to the token endpoint, so a sandbox or region set through 'token-url' revokes on its own host.
  const presetRevocation = preset?.revocationUrl ? new URL(preset.revocationUrl, tokenUrl) : undefined
  return {
    tokenUrl,
    authMethod: s.authMethod ?? publicClient ?? preset?.authMethod ?? 'client_secret_basic',
    revocationUrl: s.revocationUrl ?? presetRevocation,
    preset,
    shape,
    source: src.kind,
    warnings: []
  }
}
