import type { ErrorCode } from '../../errors.js'
import type { Fields } from '../../http.js'
import type { AuthMethod, RequestFormat } from '../token-request.js'

/**
 * One provider, described from its own documentation (each file cites the pages). Everything a
 * description leaves out falls back to RFC 6749 and its companions, which is also what the
 * provider gets when its documentation is silent. Explicit inputs always win over a description.
 */
export interface Provider {
  readonly id: string
  /** As the provider names itself, for messages and docs/providers.md. */
  readonly name: string
  /** The pages the facts below come from. */
  readonly docs: readonly string[]
  /**
   * The token endpoint, when the provider has one for everyone. Without it `token-url` (or, where
   * `discovery` is true, `issuer`) is required; `endpointExample` shows what it looks like.
   */
  readonly tokenUrl?: string
  readonly endpointExample?: { readonly tokenUrl: string; readonly issuer?: string }
  /** Whether `issuer` (RFC 8414 / OpenID Connect discovery) may name a per-tenant endpoint. */
  readonly discovery?: boolean
  /** The client authentication the provider documents; undefined leaves it to discovery or RFC 6749 §2.3.1 (Basic). */
  readonly authMethod?: AuthMethod
  /** The refresh request's body: RFC 6749 §6 says form; a few providers want JSON. */
  readonly format?: RequestFormat
  /** Headers the provider requires on the token request (Notion-Version). */
  readonly headers?: Readonly<Record<string, string>>
  /** `extra-params` names the provider requires, with why (shown when one is missing). */
  readonly requiredParams?: Readonly<Record<string, string>>
  /** RFC 7009 endpoint; relative to the token endpoint when the provider keeps them side by side. */
  readonly revocationUrl?: string
  /** The documented access-token lifetime: a cap on `expires_in`, and its value when absent. */
  readonly accessTokenLifetimeS?: number
  /** Said when `expires_in` exceeds that lifetime (why the provider's number is off). */
  readonly expiryNote?: string
  /** Token types the provider documents besides Bearer (Slack's bot and user): no warning for them. */
  readonly tokenTypes?: readonly string[]
  readonly rotation: Rotation
  /**
   * How long the previous refresh token stays usable after a rotation, in seconds: 'unlimited'
   * when the provider never rotates or never revokes the old one, 0 when it revokes at once (and
   * maybe the whole family on reuse) or its documentation does not say.
   */
  readonly reuseWindowS: number | 'unlimited'
  /** True when every refresh call spends the token, even one that fails. */
  readonly spendsOnError?: boolean
  readonly refreshTokenLifetime?: RefreshTokenLifetime
  /** Reads an error body that is not RFC 6749 §5.2's, or finds a finer code in one that is. */
  readonly readError?: (status: number, fields: Fields) => ProviderError | undefined
  /** Turns a success body into RFC 6749 §5.1's shape (Slack nests user tokens). */
  readonly readSuccess?: (fields: Fields) => Fields
  /** The provider's own error codes that mean one of ours (Slack's invalid_refresh_token is invalid_grant). */
  readonly codes?: Readonly<Record<string, ErrorCode>>
  /** What to do, in the provider's words, by its error code or by the finer code readError found. */
  readonly hints?: Readonly<Record<string, string>>
  /** How to get the first refresh token, for a later `authorize` command. */
  readonly authorize: Authorize
}

export type Rotation = 'always' | 'sometimes' | 'never' | 'configurable'

export interface RefreshTokenLifetime {
  /** Lifetime of each newly issued refresh token, used when a response issues one without saying. */
  readonly absoluteS?: number
  /** Unused this long, it expires; each refresh starts the count again. */
  readonly idleS?: number
  /** What keeps it alive longer, in the provider's words (Keycloak's offline_access). */
  readonly keepAlive?: string
  /** The rest, in words (policies the app's admin sets, special cases). */
  readonly note?: string
}

export interface Authorize {
  readonly url: string
  /** Query parameters that make the provider issue a refresh token. */
  readonly params?: Readonly<Record<string, string>>
  /** Scopes that make it issue one (offline_access). */
  readonly scopes?: readonly string[]
  readonly pkce: 'S256' | 'plain' | 'unsupported' | 'unknown'
  /** RFC 8628 device authorization endpoint, where documented. */
  readonly deviceUrl?: string
  readonly note?: string
}

/**
 * A preset's reuse window in milliseconds, as the rotation layer compares elapsed time with it:
 * Infinity for 'unlimited', 0 without a preset (RFC 9700 §4.14.2 is then the assumption).
 */
export function reuseWindowMs(p: Pick<Provider, 'reuseWindowS'> | undefined): number {
  const w = p?.reuseWindowS
  return w === 'unlimited' ? Infinity : (w ?? 0) * 1000
}

/** An error as the provider said it, before it becomes an ActionError. */
export interface ProviderError {
  /** The provider's own code (RFC 6749 §5.2 `error`, Notion's `code`, Slack's `error`). */
  readonly error: string
  readonly description?: string
  /** A finer code beside `error` (Entra's AADSTS number), for choosing a hint. */
  readonly subcode?: string
}

/** RFC 6749 §5.2: `error` and `error_description`, in any status (GitHub and Zoho send them with 200). */
export function rfcError(fields: Fields | undefined): ProviderError | undefined {
  const error = fields?.error
  if (typeof error !== 'string' || !error) return undefined
  const description = fields?.error_description
  return { error, description: typeof description === 'string' ? description : undefined }
}
