import type { Fields } from '../http.js'
import type { Endpoints } from '../oauth/endpoints.js'
import type { RefreshTokenExpiry } from '../oauth/refresh-lifetime.js'
import type { BasicAuthEncoding } from '../oauth/token-request.js'
import type { GrantedScopes } from '../oauth/scopes.js'
import type { TokenSet } from '../oauth/token-response.js'

/** An access token this run can hand on, and where it came from. */
export interface Obtained {
  readonly source: 'refreshed' | 'shared'
  readonly tokens: TokenSet
  readonly granted: GrantedScopes
  /** Epoch milliseconds; undefined when the server did not say. */
  readonly expiresAt: number | undefined
  readonly attempts: number
  /** Host of the token endpoint, for messages and the summary. */
  readonly host: string
  readonly endpoints: Endpoints | undefined
  /** The Basic encoding the token endpoint accepted (client_secret_basic), for the revocation. */
  readonly basicAuthEncoding?: BasicAuthEncoding
  /** When the refresh token in hand stops working, as far as the response or the preset says (refreshed only). */
  readonly refreshExpiry?: RefreshTokenExpiry
  /** The response's fields that are not credentials, for the `response-fields` output (refreshed only). */
  readonly responseFields?: Fields
}

/** What the main step learns as it goes, so a failure message can say where a new refresh token is. */
export interface Progress {
  /** The refresh token the provider issued, once it has. */
  rotated?: string
  /** Where it was stored, once it was ("the repository secret X of o/r"). */
  storedIn?: string
}
