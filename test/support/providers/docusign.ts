import { Replica } from './replica.js'

/**
 * DocuSign's account server: Basic credentials (integration key and secret key), a new refresh
 * token with every refresh and the used one dead (the docs are silent: RFC 6749's default). Its
 * error bodies are not documented: RFC 6749 §5.2's.
 */
export const docusign = (): Replica =>
  new Replica({
    path: '/oauth/token',
    auth: 'basic',
    format: 'form',
    prefix: { access: 'eyJ0eXAiOiJNVCIsImFsZyI6IlJTMjU2In0.at', refresh: 'eyJ0eXAiOiJNVCIsImFsZyI6IlJTMjU2In0.rt' },
    rotation: 'always',
    reuse: 'dead',
    // The blog's sample: no scope, no refresh-token lifetime field.
    success: (t) => ({ body: { access_token: t.access, token_type: 'Bearer', refresh_token: t.refresh, expires_in: 28_800 } }),
    deadToken: () => ({ status: 400, body: { error: 'invalid_grant' } }),
    badClient: () => ({ status: 401, body: { error: 'invalid_client' } })
  })
