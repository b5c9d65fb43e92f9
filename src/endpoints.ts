import { discover, chooseAuthMethod } from './discovery.js'
import type { Send } from './http.js'
import type { AuthMethod, Settings } from './inputs.js'
import { PROVIDERS, type Preset } from './providers.js'
import type { RetryDeps } from './retry.js'

/** Where to refresh and revoke, and how to authenticate, once inputs, preset and metadata are weighed. */
export interface Endpoints {
  readonly tokenUrl: URL
  readonly authMethod: AuthMethod
  readonly revocationUrl: URL | undefined
  readonly preset: Preset | undefined
  /** For messages: which input decided the token endpoint. */
  readonly source: 'token-url' | 'issuer' | 'provider'
}

/**
 * Explicit inputs win, then the preset, then the server's metadata, then RFC defaults. Discovery is
 * the only network call here, made only when `issuer` is the source.
 */
export async function resolveEndpoints(s: Settings, deps: RetryDeps & { send: Send }): Promise<Endpoints> {
  const preset: Preset | undefined = s.provider ? PROVIDERS[s.provider] : undefined
  const src = s.source
  if (src.kind === 'issuer') {
    const meta = await discover(src.issuer, src.url, s, deps)
    return {
      tokenUrl: meta.tokenEndpoint,
      authMethod: s.authMethod ?? chooseAuthMethod(meta.authMethods, meta.tokenEndpoint),
      revocationUrl: s.revocationUrl ?? meta.revocationEndpoint,
      preset,
      source: 'issuer'
    }
  }
  const presetRevocation = preset?.revocationUrl ? new URL(preset.revocationUrl) : undefined
  return {
    tokenUrl: src.kind === 'token-url' ? src.url : new URL(preset!.tokenUrl),
    authMethod: s.authMethod ?? preset?.authMethod ?? 'client_secret_basic',
    revocationUrl: s.revocationUrl ?? presetRevocation,
    preset,
    source: src.kind
  }
}
