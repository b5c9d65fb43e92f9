import type { Provider } from './types.js'

/**
 * HP TechPulse (HP DaaS Proactive Management). Facts from HP's "Authenticating with OAuth 2.0"
 * (research/providers/hp-techpulse.md: "Para atualizar o token você deve usar a autenticação básica
 * HTTP"). Docs silent on error bodies, reuse and refresh-token lifetime: RFC 6749 defaults.
 */
const hp = {
  name: 'HP TechPulse',
  docs: ['https://developers.hp.com/hp-proactive-management/authenticating-oauth-20'],
  // Refresh is documented with HTTP Basic only (the code exchange puts credentials in the body).
  authMethod: 'client_secret_basic',
  // "todos os tokens de acesso são emitidos com uma vida útil de 30 minutos", yet the sample says 1799999.
  accessTokenLifetimeS: 1800,
  expiryNote: 'HP\'s own sample response says 1799999 for a 30-minute token: the value reads as milliseconds',
  // The sample returns a new refresh token; the old one's fate is not documented (RFC 6749 §6: discard it).
  rotation: 'always',
  reuseWindowS: 0,
  hints: {
    invalid_client:
      "The client credentials were rejected. HP TechPulse client secrets expire 365 days after they are created: if this app's is older, create a new secret in the HP Developers portal (My Apps) and update 'client-secret'; otherwise check 'client-id' and 'client-secret'."
  }
} as const

export const hpTechPulse: Provider = {
  ...hp,
  id: 'hp-techpulse',
  tokenUrl: 'https://daas.api.hp.com/oauth/v1/token',
  authorize: { url: 'https://daas.api.hp.com/oauth/v1/authorize', params: { scope: 'Read' }, pkce: 'unknown', note: 'HP approves each app before it can authorize.' }
}

/** The EU host is inferred from the EU authorize URL: the page prints the US token URL for EU too (UNVERIFIED). */
export const hpTechPulseEu: Provider = {
  ...hp,
  id: 'hp-techpulse-eu',
  name: 'HP TechPulse (EU)',
  tokenUrl: 'https://eu.daas.api.hp.com/oauth/v1/token',
  authorize: { url: 'https://eu.daas.api.hp.com/oauth/v1/authorize', params: { scope: 'Read' }, pkce: 'unknown', note: 'HP approves each app before it can authorize.' }
}
