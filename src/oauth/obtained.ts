import type { ActionError } from '../errors.js'
import type { Fields } from '../http.js'
import type { Endpoints } from './endpoints.js'
import type { RefreshTokenExpiry } from './refresh-lifetime.js'
import type { BasicAuthEncoding } from './token-request.js'
import type { GrantedScopes } from './scopes.js'
import type { TokenSet } from './token-response.js'

/** An access token this run can hand on, and where it came from. */
export interface Obtained {
  readonly source: 'refreshed' | 'shared'
  readonly tokens: TokenSet
  readonly granted: GrantedScopes
  /** Epoch milliseconds; undefined when the server did not say. */
  readonly expiresAt: number | undefined
  /** When the token response arrived, by this runner's clock (a shared token's expiry starts there). */
  readonly receivedAt?: number
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

/** What one presentation of the refresh token brought back. */
export interface Refreshed {
  readonly obtained?: Obtained
  /** Why the response, although it carried tokens, is not usable; thrown only after the rotated token is kept. */
  readonly invalid?: ActionError
  /** The rotated refresh token, when the provider issued one that differs from the input. */
  readonly rotated: string | undefined
}
