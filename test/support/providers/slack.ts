import { Replica } from './replica.js'

/**
 * Slack with token rotation: Basic or body credentials, form or JSON, errors as ok:false with
 * HTTP 200, token_type bot (or user, nested in authed_user when `user` is set).
 */
export const slack = (user = false): Replica =>
  new Replica({
    path: '/api/oauth.v2.access',
    auth: 'either',
    format: 'either',
    prefix: user ? { access: 'xoxe.xoxp-1-', refresh: 'xoxe-1-' } : { access: 'xoxe.xoxb-1-', refresh: 'xoxe-1-' },
    rotation: 'always',
    reuse: 'dead',
    success: (t) => {
      const token = { access_token: t.access, token_type: user ? 'user' : 'bot', scope: user ? 'chat:write' : 'commands,chat:write', expires_in: 43_200, refresh_token: t.refresh }
      const common = { ok: true, app_id: 'A0KRD7HC3', team: { id: 'T9TK3CUKW', name: 'Slack Softworks' }, enterprise: null, is_enterprise_install: false }
      return { body: user ? { ...common, authed_user: { id: 'U1234', ...token } } : { ...common, ...token, bot_user_id: 'U0KRQLJ9H', authed_user: { id: 'U1234' } } }
    },
    deadToken: () => ({ body: { ok: false, error: 'invalid_refresh_token' } }),
    badClient: () => ({ body: { ok: false, error: 'bad_client_secret' } })
  })
