import type { AuthMethod } from './inputs.js'

/**
 * Known providers. A preset only fills defaults: an explicit input always wins. Adding a provider is
 * adding a row; each fact is from the provider's documentation (see ../shared/REFERENCE.md).
 */
export interface Preset {
  /** How messages and the summary name it. */
  readonly label: string
  readonly tokenUrl: string
  readonly authMethod: AuthMethod
  /** RFC 7009 endpoint, when the provider has one. */
  readonly revocationUrl?: string
  /** Said when `expires_in` is implausibly long: the provider's unit is not what RFC 6749 says. */
  readonly expiryNote?: string
  /** Said with an invalid_grant-like failure: how this provider's refresh tokens behave. */
  readonly refreshNote?: string
}

const HP_EXPIRY =
  "HP TechPulse documents 30-minute access tokens but its sample response says 1799999: the value reads as milliseconds. 'expires-at' follows RFC 6749 (seconds); plan on the token living 30 minutes."
const HP_REFRESH = 'HP TechPulse issues a new refresh token on every refresh and invalidates the previous one.'

export const PROVIDERS = {
  'hp-techpulse': {
    label: 'HP TechPulse (US)',
    tokenUrl: 'https://daas.api.hp.com/oauth/v1/token',
    authMethod: 'client_secret_basic',
    expiryNote: HP_EXPIRY,
    refreshNote: HP_REFRESH
  },
  'hp-techpulse-eu': {
    label: 'HP TechPulse (EU)',
    tokenUrl: 'https://eu.daas.api.hp.com/oauth/v1/token',
    authMethod: 'client_secret_basic',
    expiryNote: HP_EXPIRY,
    refreshNote: HP_REFRESH
  },
  pagerduty: {
    label: 'PagerDuty',
    tokenUrl: 'https://identity.pagerduty.com/oauth/token',
    // PagerDuty's documentation sends the client credentials in the form body; Basic is unconfirmed.
    authMethod: 'client_secret_post',
    refreshNote: 'PagerDuty issues a new refresh token on every refresh.'
  },
  github: {
    label: 'GitHub App user tokens',
    tokenUrl: 'https://github.com/login/oauth/access_token',
    // GitHub's documentation passes client_id and client_secret as parameters of the POST.
    authMethod: 'client_secret_post',
    refreshNote:
      'GitHub App refresh tokens (ghr_…) are single-use and expire after six months; GitHub reports a rejected one with HTTP 200 and error bad_refresh_token.'
  }
} as const satisfies Record<string, Preset>

export type ProviderName = keyof typeof PROVIDERS

export function isProviderName(name: string): name is ProviderName {
  return Object.hasOwn(PROVIDERS, name)
}
