import { ActionError, foreign } from '../errors.js'

/**
 * Splits a scope list. RFC 6749 §3.3 says space-delimited; some providers (GitHub) answer with
 * commas, and users write either in `required-scopes`, so both separate.
 */
export function parseScopes(value: string | undefined): string[] {
  if (!value) return []
  return [...new Set(value.split(/[\s,]+/).filter(Boolean))]
}

/**
 * Reads the `scope` (RFC 9068 §2.2.3, space-delimited string) or `scp` (string or array, used by
 * Azure AD and Okta) claim of a JWT access token. The signature is not checked: the token came from
 * the token endpoint over TLS, and the claim is only used to tell the user what it holds.
 */
export function jwtScopes(accessToken: string): string[] | undefined {
  const parts = accessToken.split('.')
  if (parts.length !== 3 || !parts[1]) return undefined
  let claims: unknown
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
  if (typeof claims !== 'object' || claims === null) return undefined
  for (const name of ['scope', 'scp'] as const) {
    const claim = (claims as Record<string, unknown>)[name]
    if (typeof claim === 'string') return parseScopes(claim)
    if (Array.isArray(claim) && claim.every((s) => typeof s === 'string')) return parseScopes(claim.join(' '))
  }
  return undefined
}

export interface GrantedScopes {
  scopes: string[]
  /** Where the list came from, for messages and the summary. */
  source: 'response' | 'requested' | 'jwt' | 'unknown'
}

/**
 * RFC 6749 §5.1: `scope` may be omitted when it equals what was requested. When neither the response
 * nor the request names one, a JWT access token's claim is the last place to learn it.
 */
export function grantedScopes(responseScope: string | undefined, requested: string | undefined, accessToken: string): GrantedScopes {
  if (responseScope !== undefined) return { scopes: parseScopes(responseScope), source: 'response' }
  if (requested) return { scopes: parseScopes(requested), source: 'requested' }
  const fromJwt = jwtScopes(accessToken)
  if (fromJwt) return { scopes: fromJwt, source: 'jwt' }
  return { scopes: [], source: 'unknown' }
}

/** Throws unless every required scope was granted. */
export function checkRequiredScopes(required: readonly string[], granted: GrantedScopes): void {
  if (required.length === 0) return
  if (granted.source === 'unknown') {
    throw new ActionError(
      'unknown_scopes',
      `The granted scopes cannot be known, so 'required-scopes' (${required.join(' ')}) cannot be checked: ` +
        `the token response has no 'scope', no 'scope' input was sent, and the access token is not a JWT with a scope claim. ` +
        `Set the 'scope' input to the scopes you need (the server then must grant them or name what it granted), or remove 'required-scopes'.`
    )
  }
  const have = new Set(granted.scopes)
  const missing = required.filter((s) => !have.has(s))
  if (missing.length === 0) return
  throw new ActionError(
    'missing_scopes',
    `The new access token lacks required scopes: missing ${missing.join(' ')}; granted ${foreign(granted.scopes.join(' ')) || '(none)'}. ` +
      `Authorize the OAuth app for the missing scopes (this usually means a new consent and a new refresh token), ` +
      `or drop them from 'required-scopes'.`
  )
}
