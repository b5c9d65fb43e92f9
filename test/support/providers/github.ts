import { Replica } from './replica.js'
import type { Reply, SeenRequest } from '../token-server.js'

/**
 * GitHub: client_id and client_secret as parameters, errors with HTTP 200, and a form-encoded
 * answer unless the request says Accept: application/json.
 */
export const github = (): Replica => {
  const answer = (body: Record<string, unknown>): Reply => ({ body })
  const replica = new Replica({
    path: '/login/oauth/access_token',
    auth: 'post',
    format: 'form',
    prefix: { access: 'ghu_', refresh: 'ghr_' },
    rotation: 'always',
    reuse: 'dead',
    success: (t) => answer({ access_token: t.access, expires_in: 28_800, refresh_token: t.refresh, refresh_token_expires_in: 15_811_200, scope: '', token_type: 'bearer' }),
    deadToken: () => answer({ error: 'bad_refresh_token', error_description: 'The refresh token passed is incorrect or expired.', error_uri: 'https://docs.github.com/apps' }),
    badClient: () => answer({ error: 'incorrect_client_credentials', error_description: 'The client_id and/or client_secret passed are incorrect.' })
  })
  const handler = replica.handler
  // "By default, the response takes the following form: access_token=…&scope=…&token_type=bearer".
  replica.route = (req: SeenRequest) => {
    if (req.headers.accept === 'application/json') return undefined
    const reply = handler({ ...req, headers: { ...req.headers, accept: 'application/json' } })
    return { ...reply, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(reply.body as Record<string, string>).toString() }
  }
  return replica
}
