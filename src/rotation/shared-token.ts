import { describeSecret, type SecretTarget } from '../github/targets.js'
import { parseScopes, type GrantedScopes } from '../oauth/scopes.js'
import type { TokenSet } from '../oauth/token-response.js'
import { openValue, sealValue } from './sealed-value.js'

/**
 * The access token one run shares with the runs that start while it is valid, sealed in the state
 * next to the secret. Each copy is sealed under a key derived from a refresh token (sealed-value.ts):
 * the new one, for runs that start after the rotation, and the one presented, for runs that started
 * with it and found it spent. So it opens only for someone who could read the refresh token secret at
 * some point, never for someone who merely reads variables or holds the client secret.
 */
export interface SharedToken {
  readonly tokens: TokenSet
  readonly granted: GrantedScopes
  /** Epoch milliseconds on GitHub's clock (claims.ts githubTime), never on a runner's. */
  readonly expiresAt: number
  /** The `scope` input of the run that refreshed it: undefined for the full grant. */
  readonly requested: string | undefined
}

/** Where the token lives and for which client: a copy sealed for another secret or app does not open. */
export interface ShareContext {
  readonly clientId: string
  readonly target: SecretTarget
  readonly secretName: string
}

/** The longest a shared token is taken to live, whatever the provider said: a day. */
export const MAX_SHARE_MS = 86_400_000
/** GitHub's `Date` has whole seconds: a reader's "now" may be up to a second early. */
const DATE_RESOLUTION_MS = 1000

const context = (c: ShareContext): string => `${describeSecret(c.target, c.secretName)}\nclient_id=${c.clientId}`

/** One sealed copy per refresh token that may open it. */
export function sealShared(s: SharedToken, refreshTokens: readonly string[], c: ShareContext): string[] {
  const payload = JSON.stringify({
    access_token: s.tokens.accessToken,
    token_type: s.tokens.tokenType,
    expires_at: s.expiresAt,
    scope: s.granted.scopes.join(' '),
    scope_source: s.granted.source,
    requested: s.requested ?? null
  })
  return [...new Set(refreshTokens)].map((rt) => sealValue(payload, rt, context(c)))
}

/** Opens the copy this refresh token's key opens; the access token is masked before anything else sees it. */
export function openShared(sealed: readonly string[], refreshToken: string, c: ShareContext, mask: (secret: string) => void): SharedToken | undefined {
  for (const value of sealed) {
    const text = openValue(value, refreshToken, context(c))
    if (text !== undefined) return parsePayload(text, mask)
  }
  return undefined
}

function parsePayload(text: string, mask: (secret: string) => void): SharedToken | undefined {
  let p: Record<string, unknown>
  try {
    p = JSON.parse(text) as Record<string, unknown>
  } catch {
    return undefined
  }
  const { access_token: token, token_type: type, expires_at: expiresAt, scope, scope_source: source, requested } = p
  if (typeof token !== 'string' || !token || typeof type !== 'string' || typeof expiresAt !== 'number' || typeof scope !== 'string') return undefined
  if (requested !== null && typeof requested !== 'string') return undefined
  mask(token)
  const granted: GrantedScopes = { scopes: parseScopes(scope), source: source === 'response' || source === 'requested' || source === 'jwt' ? source : 'unknown' }
  return { tokens: { accessToken: token, tokenType: type, expiresIn: undefined, refreshToken: undefined, scope, warnings: [] }, granted, expiresAt, requested: requested ?? undefined }
}

export interface ShareNeeds {
  readonly minValidityMs: number
  readonly requiredScopes: readonly string[]
  /** The `scope` input, normalized: only a token refreshed for exactly this request will do. */
  readonly scope: string | undefined
}

/** Whether this run may use the shared token instead of refreshing; `githubNow` is GitHub's clock. */
export function usable(shared: SharedToken, githubNow: number, needs: ShareNeeds): boolean {
  if (shared.expiresAt - githubNow - DATE_RESOLUTION_MS < needs.minValidityMs) return false
  const held = new Set(shared.granted.scopes)
  if (!needs.requiredScopes.every((s) => held.has(s))) return false
  return sameScope(shared.requested, needs.scope)
}

/** A token narrowed with `scope` serves only runs asking for that same scope, and a full one only runs asking for none. */
function sameScope(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  const x = new Set(parseScopes(a))
  const y = parseScopes(b)
  return x.size === y.length && y.every((s) => x.has(s))
}
