import { createHash } from 'node:crypto'

/**
 * A non-secret name for a refresh token: SHA-256 over a domain-separation label and the token, cut
 * to 64 bits, in upper-case hex (GitHub stores variable names upper-case). Refresh tokens carry at
 * least 128 bits of entropy (RFC 6749 §10.10), so it cannot be turned back into a token; the label
 * keeps it from matching any other hash of the same token. 64 bits tell apart the few thousand
 * tokens one chain ever spends (a collision between two of them: about n²/2⁶⁵). It names the
 * token's claim variable and its entry in the spent list (claims.ts, state.ts).
 */
export function tokenId(refreshToken: string): string {
  return createHash('sha256').update('oauth-refresh-action/refresh-token-fingerprint/v1\n').update(refreshToken).digest('hex').slice(0, 16).toUpperCase()
}

/** Version 1 of the state recorded 128 bits as `v1:<32 hex>`; its first 64 bits are the same id. */
export function idFromV1(fingerprint: string): string | undefined {
  return /^v1:[0-9a-f]{32}$/.test(fingerprint) ? fingerprint.slice(3, 19).toUpperCase() : undefined
}
