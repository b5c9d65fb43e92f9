import type { AuthMethod } from './token-request.js'

/**
 * Known providers. A preset only fills defaults: an explicit input always wins. Adding a provider is
 * adding a row; each fact is from the provider's documentation (see the README's preset table).
 * What a provider's refresh tokens do on failure is said once, by the error hints of
 * token-response.ts (GitHub's `bad_refresh_token` among them), not here.
 */
export interface Preset {
  readonly tokenUrl: string
  readonly authMethod: AuthMethod
  /** RFC 7009 endpoint, when the provider has one. */
  readonly revocationUrl?: string
  /** Said when `expires_in` is implausibly long: the provider's unit is not what RFC 6749 says. */
  readonly expiryNote?: string
  /**
   * Seconds the provider documents accepting a refresh token again after rotating it (Infinity when
   * it never spends one); 0 or absent when it revokes on reuse or says nothing (oauth/outcome.ts).
   */
  readonly reuseWindowS?: number
  /** Any answer of the token endpoint spends the refresh token, an error included. */
  readonly spendsOnError?: boolean
}

const HP_EXPIRY =
  "HP TechPulse documents 30-minute access tokens but its sample response says 1799999: the value reads as milliseconds. 'expires-at' follows RFC 6749 (seconds); plan on the token living 30 minutes."

export const PROVIDERS = {
  'hp-techpulse': {
    tokenUrl: 'https://daas.api.hp.com/oauth/v1/token',
    authMethod: 'client_secret_basic',
    expiryNote: HP_EXPIRY
  },
  'hp-techpulse-eu': {
    tokenUrl: 'https://eu.daas.api.hp.com/oauth/v1/token',
    authMethod: 'client_secret_basic',
    expiryNote: HP_EXPIRY
  },
  pagerduty: {
    tokenUrl: 'https://identity.pagerduty.com/oauth/token',
    // PagerDuty's documentation sends the client credentials in the form body; Basic is unconfirmed.
    authMethod: 'client_secret_post'
  },
  github: {
    tokenUrl: 'https://github.com/login/oauth/access_token',
    // GitHub's documentation passes client_id and client_secret as parameters of the POST.
    authMethod: 'client_secret_post'
  }
} as const satisfies Record<string, Preset>

export type ProviderName = keyof typeof PROVIDERS

export function isProviderName(name: string): name is ProviderName {
  return Object.hasOwn(PROVIDERS, name)
}
