import { Replica } from './replica.js'

const error = (status: number, code: string, message: string) => ({ status, body: { object: 'error', status, code, message } })

/** Notion: JSON body, Basic, the Notion-Version header, errors as code and message, no expires_in. */
export const notion = (): Replica =>
  new Replica({
    path: '/v1/oauth/token',
    auth: 'basic',
    format: 'json',
    headers: { 'notion-version': '2026-03-11' },
    prefix: { access: 'ntn_', refresh: 'nrt_' },
    rotation: 'always',
    reuse: 'dead',
    success: (t) => ({
      body: {
        access_token: t.access,
        token_type: 'bearer',
        refresh_token: t.refresh,
        bot_id: 'b3414d65-1224-4f74-b7e3-4fae7a6c4a2b',
        workspace_icon: null,
        workspace_name: 'Acme',
        workspace_id: 'a8f5c2de-9b1e-4f3c-8d2a-6e7f1b9c0d3e',
        owner: { type: 'workspace', workspace: true },
        duplicated_template_id: null,
        request_id: 'f4a1d2c3-0000-4000-8000-000000000000'
      }
    }),
    deadToken: () => error(400, 'invalid_grant', 'Invalid refresh token.'),
    badClient: () => error(401, 'unauthorized', 'API token is invalid.'),
    badRequest: (why) => error(400, why.startsWith('missing header') ? 'missing_version' : 'validation_error', why)
  })
