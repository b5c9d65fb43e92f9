import { inputError, type ActionError } from '../../errors.js'
import { auth0 } from './auth0.js'
import { github } from './github.js'
import { google } from './google.js'
import { hpTechPulse, hpTechPulseEu } from './hp-techpulse.js'
import { keycloak } from './keycloak.js'
import { microsoftEntra } from './microsoft-entra.js'
import { notion } from './notion.js'
import { okta } from './okta.js'
import { pagerduty } from './pagerduty.js'
import { quickbooks } from './quickbooks.js'
import { salesforce } from './salesforce.js'
import { slack } from './slack.js'
import { xero } from './xero.js'
import type { Provider } from './types.js'

export type { Provider } from './types.js'
export { reuseWindowMs } from './types.js'
/** The name the rotation layer knows a provider's description by (src/oauth/providers.ts before issue 18). */
export type Preset = Provider

/**
 * Every preset, by the id the `provider` input takes. Adding a provider is adding its file, a line
 * here, its replica test (test/providers/) and its row in docs/providers.md.
 */
export const PROVIDERS = {
  'hp-techpulse': hpTechPulse,
  'hp-techpulse-eu': hpTechPulseEu,
  pagerduty,
  github,
  'microsoft-entra': microsoftEntra,
  google,
  salesforce,
  okta,
  auth0,
  keycloak,
  xero,
  quickbooks,
  slack,
  notion
} as const satisfies Record<string, Provider>

export type ProviderName = keyof typeof PROVIDERS

export function isProviderName(name: string): name is ProviderName {
  return Object.hasOwn(PROVIDERS, name)
}

/** What the inputs say about where the token endpoint is and what the request carries. */
export interface PresetInputs {
  readonly tokenUrl: boolean
  readonly issuer: boolean
  readonly extraParams: Readonly<Record<string, string>>
}

/**
 * The input error a preset finds before anything is sent: no endpoint for a provider without a
 * fixed one, `issuer` for one that has a fixed one, or an `extra-params` entry it requires.
 */
export function presetInputError(p: Provider, given: PresetInputs): ActionError | undefined {
  const example = p.endpointExample
  if (!p.tokenUrl && !given.tokenUrl && !given.issuer) {
    const issuer = p.discovery && example?.issuer ? ` or 'issuer' (its discovery, e.g. ${example.issuer})` : ''
    return inputError('token-url', `is required with provider '${p.id}': ${p.name} has no token endpoint common to all its users. Set 'token-url'${example ? ` (e.g. ${example.tokenUrl})` : ''}${issuer}.`)
  }
  if (given.issuer && !given.tokenUrl && (p.tokenUrl || !p.discovery)) {
    return inputError('issuer', `and provider '${p.id}' were both set: ${p.name} ${p.tokenUrl ? 'has a fixed token endpoint' : 'is not found through discovery'}. To use another host (a region, sandbox or your own server), set 'token-url' instead; the preset's behaviour stays.`)
  }
  for (const [name, why] of Object.entries(p.requiredParams ?? {})) {
    if (!Object.hasOwn(given.extraParams, name)) return inputError('extra-params', `must set ${name} with provider '${p.id}': ${why}`)
  }
  return undefined
}
