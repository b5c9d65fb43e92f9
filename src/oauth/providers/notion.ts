import { rfcError, type Provider } from './types.js'

/**
 * Notion public connections (research/providers/notion.md): JSON body, Basic credentials, the
 * Notion-Version header, and errors as `{"code", "message"}` rather than RFC 6749 §5.2's names.
 * The response has no expires_in: 'expires-at' stays empty. workspace_id and bot_id come out in
 * 'response-fields'.
 */
export const notion: Provider = {
  id: 'notion',
  name: 'Notion',
  docs: ['https://developers.notion.com/reference/refresh-a-token', 'https://developers.notion.com/reference/status-codes'],
  tokenUrl: 'https://api.notion.com/v1/oauth/token',
  // "Basic authentication header of the form Basic <encoded-value>".
  authMethod: 'client_secret_basic',
  format: 'json',
  // 400 missing_version without it. "The latest version is 2026-03-11."
  headers: { 'notion-version': '2026-03-11' },
  // "generating a new access token and new refresh token"; what the old one does is not documented.
  rotation: 'always',
  reuseWindowS: 0,
  // Its own shape first; RFC 6749 §5.2 names too, which a third party reports (UNVERIFIED).
  readError: (_, fields) => (typeof fields.code === 'string' && (fields.object === 'error' || typeof fields.message === 'string') ? { error: fields.code, description: typeof fields.message === 'string' ? fields.message : undefined } : rfcError(fields)),
  codes: { unauthorized: 'invalid_client' },
  hints: {
    invalid_grant:
      "Notion says the refresh token is invalid, expired or revoked: every refresh replaces it, so it was likely used already, or the connection was removed. Authorize the connection again, store the new refresh token, and set 'secret-name' so runs always present the newest."
  },
  authorize: {
    url: 'https://api.notion.com/v1/oauth/authorize',
    params: { owner: 'user' },
    pkce: 'unknown',
    note: 'Authorization URL seen in third-party code (UNVERIFIED); Notion has no scopes.'
  }
}
