import type { Provider } from './types.js'

/**
 * PagerDuty Scoped OAuth. Only a blog post and REFERENCE.md stand behind these facts
 * (research/providers/pagerduty.md): the token endpoint, body credentials and rotation are
 * UNVERIFIED against PagerDuty's developer docs. Everything else is RFC 6749's default.
 */
export const pagerduty: Provider = {
  id: 'pagerduty',
  name: 'PagerDuty',
  docs: ['https://www.pagerduty.com/blog/updating-your-tools-for-api-scopes'],
  tokenUrl: 'https://identity.pagerduty.com/oauth/token',
  // Credentials in the form body; Basic is unconfirmed. Tokens hold `+` (pdus+_…): form-encoding matters.
  authMethod: 'client_secret_post',
  // "ne sera valable que 24 heures".
  accessTokenLifetimeS: 86_400,
  rotation: 'always',
  reuseWindowS: 0,
  authorize: { url: 'https://identity.pagerduty.com/oauth/authorize', pkce: 'unknown', note: 'Path UNVERIFIED; only account admins create Scoped OAuth apps, and codes live 30 seconds.' }
}
