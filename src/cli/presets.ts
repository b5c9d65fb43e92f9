import type { Authorize } from '../oauth/authorization.js'
import { isProviderName, PROVIDERS, type Provider } from '../oauth/providers/index.js'
import type { RequestShape } from '../oauth/token-request.js'

/**
 * The one adapter between a provider preset (src/oauth/providers/, one file each) and the
 * authorize command: its `authorize` block (where the user consents, what makes the provider issue
 * a refresh token, PKCE, the device endpoint), the token endpoint and client authentication the
 * action uses too, and the provider itself (its error shapes, its response reading).
 */
export interface AuthorizePreset {
  readonly id: string
  readonly provider: Provider
  /** Undefined for a provider whose endpoint is per tenant (--token-url or --issuer then). */
  readonly tokenUrl: URL | undefined
  /** Whether --issuer may name its (per-tenant) server. */
  readonly discovery: boolean
  /** The token request's body format and headers (Notion's JSON and Notion-Version). */
  readonly shape: RequestShape
  /** The preset's block, with a `scope` parameter (HP's Read) merged into the scopes. */
  readonly authorize: Authorize
}

export const PRESET_IDS: readonly string[] = Object.keys(PROVIDERS)

/** `https://{yourDomain}/authorize`: a documented shape, never an address to send anyone to. */
export function isTemplate(url: string | undefined): boolean {
  return url !== undefined && /\{[^}]*\}/.test(url)
}

export function authorizePreset(id: string): AuthorizePreset | undefined {
  if (!isProviderName(id)) return undefined
  const p: Provider = PROVIDERS[id]
  const { scope, ...params } = p.authorize.params ?? {}
  const authorize: Authorize = { ...p.authorize, params, scopes: [...(p.authorize.scopes ?? []), ...(scope ? scope.split(' ') : [])] }
  return {
    id,
    provider: p,
    tokenUrl: p.tokenUrl && !isTemplate(p.tokenUrl) ? new URL(p.tokenUrl) : undefined,
    discovery: p.discovery === true,
    shape: { format: p.format ?? 'form', headers: p.headers ?? {} },
    authorize
  }
}
