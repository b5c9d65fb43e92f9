import type { Authorize } from '../oauth/authorization.js'
import { isProviderName, PROVIDERS, type ProviderName } from '../oauth/providers.js'
import type { AuthMethod } from '../oauth/token-request.js'

/**
 * The one adapter between a provider preset and the authorize command: where the user consents,
 * what makes the provider issue a refresh token (parameters, offline scopes), whether it takes
 * PKCE, its device endpoint, and the token endpoint and client authentication the action uses too.
 */
export interface AuthorizePreset {
  readonly id: string
  readonly tokenUrl: URL
  readonly authMethod: AuthMethod
  readonly expiryNote: string | undefined
  readonly authorize: Authorize
}

/**
 * The presets of src/oauth/providers.ts have no `authorize` block yet; these are from
 * research/providers/<id>.md, in the shape of src/oauth/providers/'s blocks. When the presets
 * carry their own, `authorizePreset` reads `PROVIDERS[id].authorize` and this table goes.
 */
const AUTHORIZE: Record<ProviderName, Authorize> = {
  // HP's page: client_id, redirect_uri, response_type=code, scope (Read) and state, all required.
  'hp-techpulse': { url: 'https://daas.api.hp.com/oauth/v1/authorize', scopes: ['Read'], pkce: 'unknown', note: 'HP approves each app before it can authorize; the redirect URI must be one registered for the app.' },
  'hp-techpulse-eu': { url: 'https://eu.daas.api.hp.com/oauth/v1/authorize', scopes: ['Read'], pkce: 'unknown', note: 'HP approves each app before it can authorize; the redirect URI must be one registered for the app.' },
  // The path is UNVERIFIED (only the host is in PagerDuty's post); codes live 30 seconds.
  pagerduty: { url: 'https://identity.pagerduty.com/oauth/authorize', pkce: 'unknown', note: 'Only account admins create Scoped OAuth apps; the redirect URI must match the registered one, port included (--port).' },
  github: {
    url: 'https://github.com/login/oauth/authorize',
    pkce: 'unknown',
    deviceUrl: 'https://github.com/login/device/code',
    note: 'Expiration of user access tokens must stay enabled (the default); an app that opted out gets no refresh token. The device flow must be enabled in the app settings.'
  }
}

export const PRESET_IDS: readonly string[] = Object.keys(PROVIDERS)

export function authorizePreset(id: string): AuthorizePreset | undefined {
  if (!isProviderName(id)) return undefined
  const p = PROVIDERS[id]
  return { id, tokenUrl: new URL(p.tokenUrl), authMethod: p.authMethod, expiryNote: 'expiryNote' in p ? p.expiryNote : undefined, authorize: AUTHORIZE[id] }
}
