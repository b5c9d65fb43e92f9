import { openValue, sealValue } from '../github/sealed-value.js'
import { describeSecret, type SecretTarget } from '../github/targets.js'
import { parseScopes, type GrantedScopes } from '../oauth/scopes.js'
import type { TokenSet } from '../oauth/token-response.js'

/**
 * The access token one run shares with every run that starts while it is valid, kept sealed in the
 * rotation state next to the secret. The key comes from the client secret (sealed-value.ts): anyone
 * who can open it holds the client secret, which sits in the same secret store as the refresh
 * token, so it opens nothing to anyone who could not already refresh. A public client has no
 * secret, so it never shares.
 */
export interface SharedToken {
  readonly tokens: TokenSet
  readonly granted: GrantedScopes
  /** Epoch milliseconds. A token whose lifetime was not reported is never shared. */
  readonly expiresAt: number
}

export interface ShareKey {
  readonly secret: string
  readonly context: string
}

/** Binds a sealed token to its secret and client: one sealed for another secret or app does not open. */
export function shareKey(clientSecret: string, clientId: string, t: SecretTarget, secretName: string): ShareKey {
  return { secret: clientSecret, context: `${describeSecret(t, secretName)}\nclient_id=${clientId}` }
}

export function sealShared(tokens: TokenSet, granted: GrantedScopes, expiresAt: number, key: ShareKey): string {
  const payload = {
    access_token: tokens.accessToken,
    token_type: tokens.tokenType,
    expires_at: expiresAt,
    scope: granted.scopes.join(' '),
    scope_source: granted.source
  }
  return sealValue(JSON.stringify(payload), key.secret, key.context)
}

/** Opens a shared token; the access token is masked before anything else can see it. */
export function openShared(sealed: string | undefined, key: ShareKey, mask: (secret: string) => void): SharedToken | undefined {
  const text = sealed === undefined ? undefined : openValue(sealed, key.secret, key.context)
  if (text === undefined) return undefined
  let p: Record<string, unknown>
  try {
    p = JSON.parse(text) as Record<string, unknown>
  } catch {
    return undefined
  }
  const { access_token: token, token_type: type, expires_at: expiresAt, scope, scope_source: source } = p
  if (typeof token !== 'string' || !token || typeof type !== 'string' || typeof expiresAt !== 'number' || typeof scope !== 'string') return undefined
  mask(token)
  const granted: GrantedScopes = { scopes: parseScopes(scope), source: source === 'response' || source === 'requested' || source === 'jwt' ? source : 'unknown' }
  return { tokens: { accessToken: token, tokenType: type, expiresIn: undefined, refreshToken: undefined, scope, warnings: [] }, granted, expiresAt }
}

export interface ShareNeeds {
  readonly minValidityMs: number
  readonly requiredScopes: readonly string[]
  /** The `scope` input: a run that narrows the grant takes only a token of exactly that scope. */
  readonly scope: string | undefined
}

/** Whether this run may use the shared token instead of refreshing. */
export function usable(shared: SharedToken, now: number, needs: ShareNeeds): boolean {
  if (shared.expiresAt - now < needs.minValidityMs) return false
  const held = new Set(shared.granted.scopes)
  if (!needs.requiredScopes.every((s) => held.has(s))) return false
  if (needs.scope === undefined) return true
  const asked = parseScopes(needs.scope)
  return asked.length === held.size && asked.every((s) => held.has(s))
}
